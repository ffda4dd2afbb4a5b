import { and, desc, eq, isNotNull, max } from 'drizzle-orm'
import { type Video, type VideoShot, videoShots, videos } from '../../db/schema.js'
import { isVideoFinished, type Resolution } from '../../db/states.js'
import type { Db } from '../db.js'

// How long a render still takes, from what was measured: this render's finished shots first, else
// recent renders in the same mode (720p and 1080p are LibTV's std and pro modes, which differ).
// No measurement, no estimate: the page never shows a made-up number.

/** Recent shots (and stitches) a new render's estimate learns from. */
const RECENT = 30

type Timed = Pick<VideoShot, 'status' | 'durationSeconds' | 'startedAt' | 'finishedAt'>

/** Milliseconds of rendering per second of clip, from shots that finished; undefined without any. */
function msPerClipSecond(shots: readonly Timed[]): number | undefined {
  let ms = 0
  let seconds = 0
  for (const s of shots) {
    if (s.status !== 'done' || s.startedAt === null || s.finishedAt === null) continue
    ms += Math.max(0, s.finishedAt - s.startedAt)
    seconds += s.durationSeconds
  }
  return seconds > 0 ? ms / seconds : undefined
}

/** Shots that finished in recent renders of this mode, anyone's: only their timings are read. */
function recentShots(db: Db, resolution: Resolution): Timed[] {
  return db
    .select({
      status: videoShots.status,
      durationSeconds: videoShots.durationSeconds,
      startedAt: videoShots.startedAt,
      finishedAt: videoShots.finishedAt,
    })
    .from(videoShots)
    .innerJoin(videos, eq(videos.id, videoShots.videoId))
    .where(
      and(
        eq(videos.resolution, resolution),
        eq(videoShots.status, 'done'),
        isNotNull(videoShots.startedAt),
        isNotNull(videoShots.finishedAt),
      ),
    )
    .orderBy(desc(videoShots.finishedAt))
    .limit(RECENT)
    .all()
}

/** How long assembling took in recent finished renders of this mode (its last clip to the MP4). */
function recentStitchMs(db: Db, resolution: Resolution): number | undefined {
  const rows = db
    .select({ finishedAt: videos.finishedAt, lastClip: max(videoShots.finishedAt) })
    .from(videos)
    .innerJoin(videoShots, eq(videoShots.videoId, videos.id))
    .where(and(eq(videos.status, 'done'), eq(videos.resolution, resolution)))
    .groupBy(videos.id)
    .orderBy(desc(videos.finishedAt))
    .limit(10)
    .all()
  const spans = rows
    .filter((r) => r.finishedAt !== null && r.lastClip !== null)
    .map((r) => Math.max(0, (r.finishedAt as number) - (r.lastClip as number)))
  return spans.length ? spans.reduce((a, b) => a + b, 0) / spans.length : undefined
}

// What recent renders measured, per database and mode, read again at most once a minute: every
// open render page polls every 2 s, and a minute-old average is as good an estimate.
const RECENT_TTL_MS = 60_000
const recentCache = new WeakMap<Db, Map<Resolution, { at: number; rate?: number; stitchMs?: number }>>()

function recentFigures(db: Db, resolution: Resolution, now: number) {
  const byMode = recentCache.get(db) ?? new Map()
  recentCache.set(db, byMode)
  const cached = byMode.get(resolution)
  if (cached && now - cached.at < RECENT_TTL_MS && now >= cached.at) return cached
  const rate = msPerClipSecond(recentShots(db, resolution))
  const stitchMs = recentStitchMs(db, resolution)
  const figures = { at: now, ...(rate === undefined ? {} : { rate }), ...(stitchMs === undefined ? {} : { stitchMs }) }
  // Nothing measured yet is not kept: the first render to finish a shot is learnt from at once.
  if (rate !== undefined) byMode.set(resolution, figures)
  return figures
}

/**
 * Milliseconds the render still needs, or undefined when nothing measured says. The shots render
 * side by side, so the shots' part is the longest one still to go, each shot's expected time
 * (its length × the measured rate) less the time it has been rendering.
 */
export function estimateMsLeft(
  db: Db,
  video: Pick<Video, 'id' | 'status' | 'resolution' | 'stitchProgress'>,
  shots: readonly Timed[],
  now = Date.now(),
): number | undefined {
  if (isVideoFinished(video.status)) return undefined
  const recent = recentFigures(db, video.resolution, now)
  const rate = msPerClipSecond(shots) ?? recent.rate
  const stitchMs = recent.stitchMs
  if (video.status === 'stitching') {
    return stitchMs === undefined ? undefined : stitchMs * (1 - Math.min(100, video.stitchProgress) / 100)
  }
  if (rate === undefined) return undefined
  let shotsLeft = 0
  for (const s of shots) {
    if (s.status === 'done') continue
    const expected = rate * s.durationSeconds
    const running = s.startedAt === null ? 0 : Math.max(0, now - s.startedAt)
    shotsLeft = Math.max(shotsLeft, expected - running)
  }
  return Math.max(0, shotsLeft) + (stitchMs ?? 0)
}

/** The estimate as the page says it: whole minutes, rounded up; 0 means "less than a minute". */
export function minutesLeft(ms: number | undefined): number | undefined {
  if (ms === undefined) return undefined
  return ms < 60_000 ? 0 : Math.ceil(ms / 60_000)
}
