import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * A tone of `seconds` at `hz`, encoded as `ext` (mp3, m4a, wav, ogg), with a title and artist tag
 * (what the gate must strip). Written with Debian's ffmpeg.
 */
export async function toneFile(dir: string, name: string, opts: { seconds: number; hz?: number; ext: string }) {
  const file = path.join(dir, `${name}.${opts.ext}`)
  const codec: Record<string, string[]> = {
    mp3: ['-c:a', 'libmp3lame', '-b:a', '64k'],
    m4a: ['-c:a', 'aac', '-b:a', '64k'],
    wav: ['-c:a', 'pcm_s16le', '-ar', '16000'],
    ogg: ['-c:a', 'libvorbis', '-q:a', '1'],
  }
  await run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${opts.hz ?? 440}:sample_rate=44100:duration=${opts.seconds}`,
    '-ac',
    '2',
    '-metadata',
    'title=Secret Demo Title',
    '-metadata',
    'artist=Jane Private',
    ...(codec[opts.ext] ?? []),
    file,
  ])
  return file
}

/** The format tags ffprobe finds in a file (lower-cased keys). */
export async function tagsOf(file: string): Promise<Record<string, string>> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format_tags:stream_tags',
    '-of',
    'json',
    file,
  ])
  const json = JSON.parse(stdout) as {
    format?: { tags?: Record<string, string> }
    streams?: { tags?: Record<string, string> }[]
  }
  const all = { ...(json.format?.tags ?? {}), ...Object.assign({}, ...(json.streams ?? []).map((s) => s.tags ?? {})) }
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), String(v)]))
}

export function fileForm(file: string, type: string, fields: Record<string, string> = {}): FormData {
  const form = new FormData()
  form.append('track', new File([fs.readFileSync(file)], path.basename(file), { type }))
  for (const [k, v] of Object.entries(fields)) form.append(k, v)
  return form
}
