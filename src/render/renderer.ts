import fs from 'node:fs'
import path from 'node:path'
import { and, asc, eq } from 'drizzle-orm'
import { briefs, type Image, images, type RenderJob, type VideoShot, videoShots, videos } from '../../db/schema.js'
import type { Db } from '../db.js'
import { isLibtvError, type LibtvClient } from '../libtv/index.js'
import type { ShotStatus } from '../libtv/status.js'
import { briefSchema } from '../screenplay/brief.js'
import { videoPaths } from '../storage.js'
import { removeLeftovers } from './leftovers.js'
import { finishJob } from './outcomes.js'
import { holdsLease, LeaseLost, renewLease, underLease } from './queue.js'
import type { Transition as StitchTransition } from './stitch/filtergraph.js'
import { stitchVideo } from './stitch/index.js'
import { removePartFiles } from './sweep.js'

export type RenderDeps = {
  db: Db
  /** This worker's lease owner id. */
  owner: string
  dataDir: string
  libtv: LibtvClient
  /**
   * A URL LibTV can fetch the product photo from: signed on our origin, or uploaded
   * (docs/libtv.md#getting-the-photo-to-libtv).
   */
  imageUrl: (image: Image) => Promise<string>
  ffmpegPath: string
  ffprobePath: string
  pollIntervalMs: number
  /** How long a claimed job stays ours without renewal; renewed every third of it. */
  leaseMs: number
  /** Stitch size override (tests render small). */
  stitchSize?: (aspect: '9:16' | '16:9' | '1:1') => { width: number; height: number } | undefined
  log: (event: string, fields?: Record<string, unknown>) => void
}

class ShotFailed extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super(reason)
  }
}
class Canceled extends Error {}

// The stitcher knows four transitions; the screenplay's livelier ones map to the nearest.
const STITCH_TRANSITION: Record<string, StitchTransition> = {
  cut: 'cut',
  fade: 'fade',
  dissolve: 'dissolve',
  slide: 'slide',
  wipe: 'slide',
  zoom: 'dissolve',
  whip: 'slide',
}

/**
 * Renders one claimed job to the end: every shot submitted to LibTV at most once (its task id
 * committed before polling), polled, downloaded, then stitched. Resumes a job a previous worker
 * left half-done. Stops without failing the video when `signal` aborts (shutdown).
 */
export async function renderJob(deps: RenderDeps, job: RenderJob, signal: AbortSignal): Promise<void> {
  const { db, owner } = deps
  const video = db.select().from(videos).where(eq(videos.id, job.videoId)).get()
  if (!video) return
  const fail = (reason: string) => finishJob(db, job, owner, { state: 'failed', reason })
  const image = video.imageId ? db.select().from(images).where(eq(images.id, video.imageId)).get() : undefined
  const briefRow = db.select().from(briefs).where(eq(briefs.id, video.briefId)).get()
  if (!image || !briefRow)
    return fail('The project photo is missing, so the video could not be rendered. Add a photo and render again.')
  const brief = briefSchema.parse(briefRow.data)

  // Renew the lease while working; losing it (another worker took over, or the user canceled) stops us.
  const stop = new AbortController()
  const onShutdown = () => stop.abort(signal.reason)
  signal.addEventListener('abort', onShutdown, { once: true })
  const renewal = setInterval(() => {
    if (!renewLease(db, job.id, owner, Date.now(), deps.leaseMs)) stop.abort(new LeaseLost())
  }, deps.leaseMs / 3)
  // A cancel takes the job away at once; a cheap read every second notices it between renewals,
  // so ffmpeg and LibTV polling stop within about a second.
  const watch = setInterval(() => {
    if (!stop.signal.aborted && !holdsLease(db, job.id, owner)) stop.abort(new LeaseLost())
  }, 1000)
  const paths = videoPaths(deps.dataDir, video.userId, video.id)

  try {
    underLease(db, job.id, owner, (tx) =>
      tx
        .update(videos)
        .set({ status: 'rendering', updatedAt: Date.now() })
        .where(and(eq(videos.id, video.id), eq(videos.status, 'queued')))
        .run(),
    )
    const shots = db
      .select()
      .from(videoShots)
      .where(eq(videoShots.videoId, video.id))
      .orderBy(asc(videoShots.position))
      .all()
    // The first shot that fails stops the others at once: the video cannot succeed any more.
    let firstFailure: unknown
    const shotRuns = shots.map((shot) =>
      renderShot(deps, job, shot, image, paths.clip(shot.position), stop.signal).catch((err: unknown) => {
        if (firstFailure === undefined) {
          firstFailure = err
          stop.abort(err)
        }
        throw err
      }),
    )
    await Promise.allSettled(shotRuns)
    if (firstFailure !== undefined) {
      // Whatever else is still running at LibTV is abandoned; free our slots for other renders.
      for (const shot of db.select().from(videoShots).where(eq(videoShots.videoId, video.id)).all())
        if (shot.taskId) deps.libtv.release(shot.taskId)
      throw firstFailure
    }

    underLease(db, job.id, owner, (tx) =>
      tx
        .update(videos)
        .set({ status: 'stitching', stitchProgress: 0, updatedAt: Date.now() })
        .where(eq(videos.id, video.id))
        .run(),
    )
    await removePartFiles(paths.dir)
    let lastProgress = 0
    const size = deps.stitchSize?.(video.aspectRatio as '9:16')
    await stitchVideo({
      clips: shots.map((s) => ({
        path: paths.clip(s.position),
        caption: s.caption,
        transition: STITCH_TRANSITION[s.transition] ?? 'cut',
      })),
      endCard: {
        title: brief.productName,
        callToAction: brief.callToAction,
        ...(brief.brandColor ? { brandColor: brief.brandColor } : {}),
      },
      aspectRatio: video.aspectRatio as '9:16',
      language: brief.language,
      outputPath: paths.video,
      posterPath: paths.poster,
      ...(size ? { size } : {}),
      ffmpegPath: deps.ffmpegPath,
      ffprobePath: deps.ffprobePath,
      signal: stop.signal,
      onProgress: (fraction) => {
        const percent = Math.floor(fraction * 100)
        if (percent < lastProgress + 5) return
        lastProgress = percent
        try {
          underLease(db, job.id, owner, (tx) =>
            tx
              .update(videos)
              .set({ stitchProgress: percent, updatedAt: Date.now() })
              .where(eq(videos.id, video.id))
              .run(),
          )
        } catch (err) {
          // Canceled (or taken over) mid-stitch: stop ffmpeg now rather than at the next renewal.
          if (err instanceof LeaseLost) stop.abort(err)
          else throw err
        }
      },
    })
    finishJob(db, job, owner, { state: 'done', outputBytes: fs.statSync(paths.video).size })
    deps.log('video done', { videoId: video.id })
  } catch (err) {
    let stopped =
      signal.aborted || err instanceof LeaseLost || stop.signal.reason instanceof LeaseLost || err instanceof Canceled
    if (!stopped) {
      // A failure caused by the job vanishing (e.g. the account deleted under a stitch) is a stop, not a failure.
      const reason =
        err instanceof ShotFailed
          ? `Shot ${err.position} could not be rendered: ${err.reason}`
          : isLibtvError(err)
            ? err.reason
            : 'We could not assemble the video from its clips.'
      try {
        fail(reason)
        deps.log('video failed', { videoId: video.id, error: err instanceof Error ? err.message : String(err) })
      } catch (finishErr) {
        if (!(finishErr instanceof LeaseLost)) throw finishErr
        stopped = true
      }
    }
    if (stopped) {
      // The account or project may have been deleted while we rendered, and a download or stitch
      // that finished just after may have written the folder back; every writer has settled now.
      if (!signal.aborted) await removeLeftovers(deps, video.userId, video.id)
      deps.log('render stopped', {
        videoId: video.id,
        why: signal.aborted ? 'shutdown' : 'lease lost, canceled or deleted',
      })
    }
  } finally {
    clearInterval(renewal)
    clearInterval(watch)
    signal.removeEventListener('abort', onShutdown)
  }
}

async function renderShot(
  deps: RenderDeps,
  job: RenderJob,
  shot: VideoShot,
  image: Image,
  clipPath: string,
  signal: AbortSignal,
): Promise<void> {
  const { db, owner, libtv } = deps
  if (shot.status === 'done' && fs.existsSync(clipPath)) return
  const update = (fields: Partial<VideoShot>) =>
    underLease(db, job.id, owner, (tx) =>
      tx
        .update(videoShots)
        .set({ ...fields, updatedAt: Date.now() })
        .where(eq(videoShots.id, shot.id))
        .run(),
    )
  const canceled = () =>
    db.select({ status: videos.status }).from(videos).where(eq(videos.id, shot.videoId)).get()?.status === 'canceled'

  let taskId = shot.taskId
  try {
    if (taskId) {
      libtv.adopt(taskId, shot.videoId) // submitted before a restart: poll it, never submit again
    } else {
      const imageUrl = await deps.imageUrl(image)
      taskId = await libtv.submit(
        { imageUrl, prompt: shot.prompt, durationSeconds: shot.durationSeconds === 10 ? 10 : 5 },
        {
          signal,
          // LibTV's 5 tasks in flight are shared fairly between the videos rendering.
          fairnessGroup: shot.videoId,
          // Recorded under the lease before LibTV can accept the task: a cancel that got in first
          // withdraws the submit (the cancel was free), one that comes after knows it counts.
          beforeSend: () => {
            try {
              update({ status: 'submitted' })
              return true
            } catch (err) {
              if (err instanceof LeaseLost) return false
              throw err
            }
          },
        },
      )
      update({ taskId, status: 'submitted' })
    }
    let last = ''
    const result = await libtv.waitForResult(taskId, {
      signal,
      pollIntervalMs: deps.pollIntervalMs,
      onStatus: (s: ShotStatus) => {
        if (canceled()) throw new Canceled()
        const progress = 'progress' in s ? Math.round(s.progress * 100) : 0
        const key = `${s.state}:${progress}`
        if (key !== last && (s.state === 'queued' || s.state === 'running' || s.state === 'moderating')) {
          last = key
          update({ status: s.state === 'queued' ? 'submitted' : s.state, percent: progress })
        }
      },
    })
    if (result.state !== 'succeeded') throw new ShotFailed(shot.position, result.reason)
    update({ status: 'downloading', percent: 100, pointsCost: result.pointsCost })
    // LibTV's result URLs expire after 7 days: copy the clip now.
    await fs.promises.mkdir(path.dirname(clipPath), { recursive: true })
    await libtv.downloadVideo(result.videoUrl, clipPath, { signal })
    update({ status: 'done' })
  } catch (err) {
    if (err instanceof ShotFailed) {
      update({ status: 'failed', failureReason: err.reason })
    } else if (isLibtvError(err) && !signal.aborted) {
      update({ status: 'failed', failureReason: err.reason })
      throw new ShotFailed(shot.position, err.reason)
    }
    throw err
  }
}
