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
