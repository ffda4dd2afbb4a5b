import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { exists, type MusicTools } from './render.js'
import { mustRun } from './run.js'

/**
 * Which part of a recorded track a variant plays. Variants of one brief that name a track longer
 * than the video start at points spread over it (partStartMs), each moved onto a loud onset, never
 * into silence (snapStartMs), from a map of the track's loudness made once per file (trackLevels).
 */

/** Variants whose starts would be closer than this play the track from the start, all alike. */
export const MIN_PART_GAP_MS = 3000
/** The loudness map's resolution: one level per this many ms. */
export const FRAME_MS = 50
/** A start moves forward at most this far to land on a loud onset (a beat, a chord, a voice). */
const SNAP_WINDOW_MS = 3000
/** Quieter than this (dBFS, or 30 dB under the track's median) counts as silence. */
const SILENCE_DBFS = -45
const ANALYSIS_RATE = 8000
const LEVELS_VERSION = 1

/**
 * Where variant `index` (0-based) of `count` starts in a track `trackMs` long under a video
 * `videoMs` long: evenly spread over what the track has beyond the video (0, ⅓, ⅔ of it for three),
 * on whole seconds, so the last variant still ends before the track does. A track too short to
 * give each its own part (under MIN_PART_GAP_MS apart) starts every variant at 0.
 */
export function partStartMs(index: number, count: number, trackMs: number, videoMs: number): number {
  const room = trackMs - videoMs
  if (index <= 0 || count < 2 || !(room / count >= MIN_PART_GAP_MS)) return 0
  return Math.floor((index * room) / count / 1000) * 1000
}

/**
 * The start actually played for a planned one: at most `maxStartMs` (the track must outlast the
 * video), moved past silence to the first sound, then onto the first loud onset within 3 s if there
 * is one. Moving a start it has already moved changes nothing (an onset snaps to itself, and a
 * sound with no onset in its window stays), so a re-stitch plays what the first stitch stored.
 */
export function snapStartMs(levels: readonly number[], plannedMs: number, maxStartMs: number): number {
  const last = Math.floor(Math.max(0, maxStartMs) / FRAME_MS)
  const planned = Math.min(Math.max(0, plannedMs), Math.max(0, maxStartMs))
  if (planned <= 0 || levels.length === 0) return planned
  const median = [...levels].sort((a, b) => a - b)[Math.floor(levels.length / 2)] ?? SILENCE_DBFS
  const silent = (i: number) => (levels[i] ?? Number.NEGATIVE_INFINITY) < Math.max(SILENCE_DBFS, median - 30)
  // A frame at a whole frame's time keeps its exact value; one between frames starts at the next.
  let from = Math.ceil(planned / FRAME_MS)
  if (silent(from)) {
    while (from <= last && silent(from)) from++
    if (from > last) return planned // silence to the end of the room: nothing better to offer
  }
  const until = Math.min(last, from + SNAP_WINDOW_MS / FRAME_MS)
  for (let i = from; i <= until; i++) if (!silent(i) && isOnset(levels, i, median)) return i * FRAME_MS
  return from === Math.ceil(planned / FRAME_MS) ? planned : from * FRAME_MS
}

/** A loud onset: at least the track's median level, and 4 dB over the 200 ms before it. */
function isOnset(levels: readonly number[], i: number, median: number): boolean {
  const level = levels[i] ?? Number.NEGATIVE_INFINITY
  if (i < 4 || level < median) return false
  const before = (levels.slice(i - 4, i) as number[]).reduce((sum, l) => sum + Math.max(l, -120), 0) / 4
  return level - before >= 4
}

/**
 * The track's level (RMS, dBFS) every FRAME_MS, of a mono 8 kHz decode; its length is the track's
 * as decoded. Cached beside the music as `<key>.levels.json` (a few kB), so a re-stitch reads it.
 */
export async function trackLevels(
  tools: MusicTools,
  source: { path: string; key: string },
  signal?: AbortSignal,
): Promise<number[]> {
  const key = createHash('sha256').update(`levels:${LEVELS_VERSION}:${source.key}`).digest('hex').slice(0, 32)
  const cached = path.join(tools.cacheDir, `${key}.levels.json`)
  if (await exists(cached)) return JSON.parse(await fs.promises.readFile(cached, 'utf8')) as number[]
  await fs.promises.mkdir(tools.cacheDir, { recursive: true })
  const stem = path.join(tools.cacheDir, `.${key}.${randomUUID().slice(0, 8)}`)
  try {
    await mustRun(
      tools.ffmpegPath,
      [
        ...['-hide_banner', '-nostdin', '-nostats', '-y', '-i', `file:${source.path}`, '-vn', '-map_metadata', '-1'],
        ...['-ac', '1', '-ar', String(ANALYSIS_RATE), '-c:a', 'pcm_f32le', '-f', 'f32le', `file:${stem}.raw`],
      ],
      signal,
    )
    const levels = frameLevels(await fs.promises.readFile(`${stem}.raw`))
    await fs.promises.writeFile(`${stem}.json`, JSON.stringify(levels))
    await fs.promises.rename(`${stem}.json`, cached)
    return levels
  } finally {
    await Promise.all([`${stem}.raw`, `${stem}.json`].map((f) => fs.promises.rm(f, { force: true })))
  }
}

function frameLevels(raw: Buffer): number[] {
  const samples = new Float32Array(raw.buffer, raw.byteOffset, Math.floor(raw.length / 4))
  const size = (ANALYSIS_RATE * FRAME_MS) / 1000
  const levels: number[] = []
  for (let start = 0; start + size <= samples.length; start += size) {
    let sum = 0
    for (let i = start; i < start + size; i++) sum += (samples[i] as number) ** 2
    // Two decimals: the map is stored as JSON, and a level is never compared finer than that.
    levels.push(Math.round(100 * Math.max(-120, 10 * Math.log10(sum / size + 1e-20))) / 100)
  }
  return levels
}
