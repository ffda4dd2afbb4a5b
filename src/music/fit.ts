import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { exists, type MusicTools, SAMPLE_RATE } from './render.js'
import { mustRun } from './run.js'

/**
 * A recorded track (the operator's library or a person's upload) made the length of a video, as
 * the 48 kHz stereo float WAV mixBed() takes, like a rendered song. A longer track is cut (the
 * bed's fade-out ends it on the end card); a shorter one loops with a crossfade at each seam, so it
 * never stops dead nor leaves a silent end card. Cached by the file's key and the length.
 */

/** The crossfade at each loop seam: long enough to hide the join, short against a 5 s minimum track. */
export const LOOP_CROSSFADE_SECONDS = 1
/** Shortest track a person may upload: a loop of it still plays at least 4 s between seams. */
export const MIN_TRACK_SECONDS = 5
/** A track played from a later point fades in over this long, rather than starting mid-note with a click. */
export const FADE_IN_SECONDS = 0.5
const FIT_VERSION = 1
/** Bytes a second of 48 kHz stereo 32-bit float. */
const BYTES_A_SECOND = SAMPLE_RATE * 2 * 4

export interface AudioFile {
  path: string
  /** Changes whenever the file's sound does (a stored track's id, a library file's size and time). */
  key: string
}

export async function fitToLength(
  tools: MusicTools,
  source: AudioFile,
  seconds: number,
  signal?: AbortSignal,
  /** Where in the track to start (a variant's part, src/music/sections.ts); 0: its beginning. */
  startSeconds = 0,
): Promise<string> {
  const from = startSeconds > 0 ? `:from:${startSeconds.toFixed(3)}` : ''
  const key = createHash('sha256')
    .update(`fit:${FIT_VERSION}:${source.key}:${seconds.toFixed(3)}${from}`)
    .digest('hex')
    .slice(0, 32)
  const fitted = path.join(tools.cacheDir, `${key}.wav`)
  if (await exists(fitted)) return fitted
  await fs.promises.mkdir(tools.cacheDir, { recursive: true })
  const stem = path.join(tools.cacheDir, `.${key}.${randomUUID().slice(0, 8)}`)
  try {
    // 1. Decode what is needed of the track (a little past the video): its length is then known
    // from the WAV's size, without trusting the container's own claim. A later start fades in.
    const whole = `${stem}.whole.wav`
    const seek = startSeconds > 0 ? ['-ss', startSeconds.toFixed(3)] : []
    const fadeIn = startSeconds > 0 ? ['-af', `afade=t=in:d=${FADE_IN_SECONDS}`] : []
    await mustRun(
      tools.ffmpegPath,
      [...head(), ...seek, '-t', (seconds + 1).toFixed(3), '-i', `file:${source.path}`, ...fadeIn, ...wav(whole)],
      signal,
    )
    const decoded = Math.max(0, (await fs.promises.stat(whole)).size - 4096) / BYTES_A_SECOND
    if (decoded < 0.5) throw new Error('the track has no sound to play')
    // 2. Long enough: the bed cuts it. Shorter: copies joined by crossfades until it is.
    const out = `${stem}.wav`
    if (decoded >= seconds) await fs.promises.rename(whole, out)
    else await mustRun(tools.ffmpegPath, loopArgs(whole, decoded, seconds, out), signal)
    await fs.promises.rename(out, fitted)
    return fitted
  } finally {
    await Promise.all([
      fs.promises.rm(`${stem}.whole.wav`, { force: true }),
      fs.promises.rm(`${stem}.wav`, { force: true }),
    ])
  }
}

/** How many copies of a `trackSeconds` track, joined by `fade`-second crossfades, cover `seconds`. */
export function copiesToCover(trackSeconds: number, seconds: number, fade: number): number {
  if (trackSeconds >= seconds) return 1
  return 1 + Math.ceil((seconds - trackSeconds) / (trackSeconds - fade))
}

function loopArgs(whole: string, trackSeconds: number, seconds: number, out: string): string[] {
  const fade = Math.min(LOOP_CROSSFADE_SECONDS, trackSeconds / 4)
  const copies = copiesToCover(trackSeconds, seconds, fade)
  const inputs = Array.from({ length: copies }, () => ['-i', `file:${whole}`]).flat()
  // [0][1] crossfade → [x1]; [x1][2] → [x2] … equal-power curves keep the seam's loudness level.
  const steps: string[] = []
  for (let k = 1; k < copies; k++) {
    const from = k === 1 ? '[0:a]' : `[x${k - 1}]`
    steps.push(`${from}[${k}:a]acrossfade=d=${fade.toFixed(3)}:c1=qsin:c2=qsin[x${k}]`)
  }
  return [
    ...head(),
    ...inputs,
    '-filter_complex',
    steps.join(';'),
    '-map',
    `[x${copies - 1}]`,
    '-t',
    seconds.toFixed(3),
    ...wav(out),
  ]
}

function head(): string[] {
  return ['-hide_banner', '-nostdin', '-nostats', '-y']
}

function wav(file: string): string[] {
  return [
    '-vn',
    '-map_metadata',
    '-1',
    '-ar',
    String(SAMPLE_RATE),
    '-ac',
    '2',
    '-c:a',
    'pcm_f32le',
    '-f',
    'wav',
    `file:${file}`,
  ]
}
