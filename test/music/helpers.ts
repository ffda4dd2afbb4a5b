import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { DEFAULT_SOUNDFONT, type MusicTools } from '../../src/music/index.js'

const run = promisify(execFile)

/** EBU R128 figures of a file's audio, from ffmpeg's ebur128 filter (true peak with peak=true). */
export async function loudness(file: string, opts: { from?: number; to?: number } = {}) {
  const trim = opts.from !== undefined || opts.to !== undefined
  const args = [
    '-hide_banner',
    '-nostats',
    '-i',
    file,
    '-vn',
    '-af',
    `${trim ? `atrim=start=${opts.from ?? 0}${opts.to !== undefined ? `:end=${opts.to}` : ''},` : ''}ebur128=peak=true`,
    '-f',
    'null',
    '-',
  ]
  const { stderr } = await run('ffmpeg', args, { maxBuffer: 64 * 1024 * 1024 })
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'))
  const figure = (label: string) => Number(new RegExp(`${label}:\\s+(-?[\\d.]+|-inf)`).exec(summary)?.[1] ?? Number.NaN)
  return { integrated: figure('I'), truePeak: figure('Peak'), range: figure('LRA') }
}

/** RMS level (dBFS) of each `step` seconds of a file's audio, from one ffmpeg run. */
export async function rmsLevels(file: string, step = 1): Promise<number[]> {
  const { stdout } = await run('ffmpeg', [
    '-hide_banner',
    '-nostats',
    '-loglevel',
    'error',
    '-i',
    file,
    '-vn',
    '-af',
    `aresample=48000,asetnsamples=n=${Math.round(48000 * step)}:p=0,astats=metadata=1:reset=1:measure_perchannel=none:measure_overall=RMS_level,ametadata=print:key=lavfi.astats.Overall.RMS_level:file=-`,
    '-f',
    'null',
    '-',
  ])
  return [...stdout.matchAll(/RMS_level=(-?[\d.]+|-inf)/g)].map((m) =>
    m[1] === '-inf' ? Number.NEGATIVE_INFINITY : Number(m[1]),
  )
}

/** Music tools on a temp cache, with fluidsynth behind a wrapper that counts its runs. */
export function countingTools(): { tools: MusicTools; fluidsynthRuns: () => number; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-music-'))
  const count = path.join(dir, 'runs')
  const wrapper = path.join(dir, 'fluidsynth')
  fs.writeFileSync(wrapper, `#!/bin/sh\necho run >> '${count}'\nexec fluidsynth "$@"\n`, { mode: 0o755 })
  return {
    tools: {
      fluidsynthPath: wrapper,
      soundfont: DEFAULT_SOUNDFONT,
      ffmpegPath: 'ffmpeg',
      cacheDir: path.join(dir, 'cache'),
    },
    fluidsynthRuns: () =>
      fs.existsSync(count) ? fs.readFileSync(count, 'utf8').split('\n').filter(Boolean).length : 0,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  }
}

/** The stepping song's segments: its pitch steps up by a fifth every SEGMENT seconds. */
export const SEGMENT = 5
const pitchOf = (segment: number) => 200 * 1.5 ** segment

/**
 * A 45 s test song whose pitch tells where in it one is (200 Hz, then a fifth higher every 5 s),
 * with a beat every 0.5 s and silence from 9 s to 10.2 s, encoded as an upload is (AAC in MP4).
 */
export async function steppingSong(file: string): Promise<string> {
  const expr = `if(between(t,9,10.2),0,0.3*sin(2*PI*200*pow(1.5,floor(t/${SEGMENT}))*t)*(0.35+0.65*exp(-10*mod(t,0.5))))`
  await run('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', `aevalsrc='${expr}':s=48000:d=45`],
    ...['-ac', '2', '-c:a', 'aac', '-b:a', '192k', file],
  ])
  return file
}

/** Which of the stepping song's segments is loudest in a file from `from` for 0.5 s (Goertzel). */
export async function dominantSegment(file: string, from: number): Promise<number> {
  const rate = 16000
  const { stdout } = await run(
    'ffmpeg',
    [
      '-v',
      'error',
      '-ss',
      String(from),
      '-t',
      '0.5',
      '-i',
      file,
      '-vn',
      '-ac',
      '1',
      '-ar',
      String(rate),
      '-f',
      'f32le',
      '-',
    ],
    { encoding: 'buffer', maxBuffer: 1 << 20 },
  )
  const samples = new Float32Array(new Uint8Array(stdout).buffer, 0, Math.floor(stdout.length / 4)) // aligned copy
  const power = (hz: number) => {
    const w = (2 * Math.PI * hz) / rate
    let [s1, s2] = [0, 0]
    for (const x of samples) [s1, s2] = [x + 2 * Math.cos(w) * s1 - s2, s1]
    return s1 * s1 + s2 * s2 - 2 * Math.cos(w) * s1 * s2
  }
  const powers = Array.from({ length: 9 }, (_, k) => power(pitchOf(k)))
  return powers.indexOf(Math.max(...powers))
}
