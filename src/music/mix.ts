import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { MusicVolume } from '../../db/states.js'
import { exists, type MusicTools, SAMPLE_RATE } from './render.js'
import { mustRun } from './run.js'

/**
 * The music bed of one video: the rendered song cut to the video's length, faded out so the fade
 * ends with the end card, brought to the target loudness (EBU R128) and encoded once as AAC.
 * The stitch copies it into the MP4 as it is, so the video is never re-encoded for its sound.
 */

/** Integrated loudness targets: the platforms' −14 LUFS, or −20 under a voice-over added later. */
export const LOUDNESS: Readonly<Record<MusicVolume, number>> = { normal: -14, quiet: -20 }
/**
 * True-peak ceiling asked of loudnorm: 1 dB under the −1 dBTP promise, room for the AAC encoder
 * (with −1.5 the quietest track, still-water, came out of the encoder at −1.1 dBTP).
 */
const TRUE_PEAK = -2
/** The fade-out at the end: long enough to be heard as an ending, short enough to stay on the end card. */
export const FADE_SECONDS = 1.75
/** Sample-peak ceiling of the limiter before loudnorm: keeps the peaks low enough for a linear gain. */
const LIMIT = 0.63
/**
 * Sample-peak ceiling after loudnorm (−3 dBFS). loudnorm leaves linear mode for its dynamic one
 * when the measured peaks would not allow one gain, and on a short video that mode overshot:
 * a clean-clone CI run measured +1.3 dBTP on a 9:16 test render. This last limiter only touches
 * such peaks, so the loudness stays on target.
 */
const FINAL_LIMIT = 0.708
export const AAC_BITRATE = '192k'
const MIX_VERSION = 3
export const SILENT_BELOW = -60

export interface Loudness {
  input_i: string
  input_tp: string
  input_lra: string
  input_thresh: string
  target_offset: string
  normalization_type?: string
}

export interface Bed {
  path: string
  /** loudnorm's account of the final pass ('linear' when the gain was one number throughout). */
  normalization: string
}

export async function mixBed(
  tools: MusicTools,
  wav: string,
  seconds: number,
  volume: MusicVolume,
  signal?: AbortSignal,
): Promise<Bed> {
  const target = LOUDNESS[volume]
  const key = createHash('sha256')
    .update(`bed:${MIX_VERSION}:${path.basename(wav)}:${seconds.toFixed(3)}:${target}`)
    .digest('hex')
    .slice(0, 32)
  const bed = path.join(tools.cacheDir, `${key}.m4a`)
  if (await exists(bed)) return { path: bed, normalization: 'cached' }
  const part = path.join(tools.cacheDir, `.${key}.${randomUUID().slice(0, 8)}.m4a`)
  return { path: bed, normalization: await normaliseInto(tools, wav, seconds, target, part, bed, signal) }
}

/**
 * `wav` cut to `seconds`, faded out, brought to `target` LUFS in three loudnorm passes and
 * encoded as AAC into `dest` (written as `part`, then renamed). Resolves loudnorm's account.
 */
export async function normaliseInto(
  tools: MusicTools,
  wav: string,
  seconds: number,
  target: number,
  part: string,
  dest: string,
  signal?: AbortSignal,
): Promise<string> {
  const cut = ['-t', seconds.toFixed(3), '-i', `file:${wav}`]
  const fadeFrom = Math.max(0, seconds - FADE_SECONDS)
  const fade = `afade=t=out:st=${fadeFrom.toFixed(3)}:d=${Math.min(FADE_SECONDS, seconds).toFixed(3)}`
  const loudnorm = `loudnorm=I=${target}:TP=${TRUE_PEAK}:LRA=11:print_format=json`
  // 1. How loud is the song? 2. Scaled to the target and its peaks limited, measured again for
  // loudnorm's second pass, 3. which applies one linear gain with those measurements.
  const first = await measure(tools, [...cut, '-af', `${fade},${loudnorm}`], signal)
  // A song this quiet is a failed render (loudnorm would lift its noise to the target).
  if (!(Number(first.input_i) > SILENT_BELOW)) throw new Error('the rendered song is silent')
  const gain = target - Number(first.input_i)
  const shape = `${fade},volume=${gain.toFixed(2)}dB,alimiter=limit=${LIMIT}:level=0:attack=5:release=60`
  const second = await measure(tools, [...cut, '-af', `${shape},${loudnorm}`], signal)
  const apply =
    `${shape},${loudnorm}:linear=true:measured_I=${second.input_i}:measured_TP=${second.input_tp}` +
    `:measured_LRA=${second.input_lra}:measured_thresh=${second.input_thresh}:offset=${second.target_offset}` +
    `,aresample=${SAMPLE_RATE},alimiter=limit=${FINAL_LIMIT}:level=0:attack=1:release=50`
  try {
    const run = await mustRun(
      tools.ffmpegPath,
      [
        '-hide_banner',
        '-nostdin',
        '-nostats',
        '-y',
        ...cut,
        '-af',
        apply,
        '-c:a',
        'aac',
        '-b:a',
        AAC_BITRATE,
        '-ar',
        String(SAMPLE_RATE),
        '-ac',
        '2',
        '-map_metadata',
        '-1',
        '-f',
        'mp4',
        `file:${part}`,
      ],
      signal,
    )
    await fs.promises.rename(part, dest)
    return lastJson(run.stderr)?.normalization_type ?? 'unknown'
  } finally {
    await fs.promises.rm(part, { force: true })
  }
}

export async function measure(tools: MusicTools, args: string[], signal?: AbortSignal): Promise<Loudness> {
  const run = await mustRun(
    tools.ffmpegPath,
    ['-hide_banner', '-nostdin', '-nostats', ...args, '-f', 'null', '-'],
    signal,
  )
  const json = lastJson(run.stderr)
  if (!json || Number.isNaN(Number(json.input_i))) throw new Error('loudnorm gave no measurement')
  return json
}

/** loudnorm prints its measurements as the last JSON object on stderr. */
export function lastJson(stderr: string): Loudness | null {
  const start = stderr.lastIndexOf('{')
  const end = stderr.lastIndexOf('}')
  if (start < 0 || end < start) return null
  try {
    return JSON.parse(stderr.slice(start, end + 1)) as Loudness
  } catch {
    return null
  }
}
