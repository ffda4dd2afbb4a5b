import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { type Image, type RenderJob, type VideoShot, videoShots, videos } from '../../db/schema.js'
import { isLibtvError } from '../libtv/index.js'
import type { ShotStatus } from '../libtv/status.js'
import { LeaseLost, underLease } from './queue.js'
import type { RenderDeps } from './renderer.js'

export class ShotFailed extends Error {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super(reason)
  }
}
export class Canceled extends Error {}

/**
 * One shot to a clip on disk: skipped if already downloaded, adopted (polled, never submitted
 * again) if it has a task id, otherwise submitted once with its task id committed before polling.
 */
export async function renderShot(
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
  // Timed from here (submit, or adoption after a restart) to the clip on disk, for /metrics.
  const started = Date.now()
  const at = { videoId: shot.videoId, position: shot.position }
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
    if (result.state !== 'succeeded') {
      deps.log('shot failed', { ...at, libtvCode: result.state === 'failed' ? result.code : null, kind: result.state })
      throw new ShotFailed(shot.position, result.reason)
    }
    update({ status: 'downloading', percent: 100, pointsCost: result.pointsCost })
    // LibTV's result URLs expire after 7 days: copy the clip now.
    await fs.promises.mkdir(path.dirname(clipPath), { recursive: true })
    await libtv.downloadVideo(result.videoUrl, clipPath, { signal })
    update({ status: 'done' })
    deps.log('shot done', { ...at, ms: Date.now() - started })
  } catch (err) {
    if (err instanceof ShotFailed) {
      update({ status: 'failed', failureReason: err.reason })
    } else if (isLibtvError(err) && !signal.aborted) {
      // LibTV's code and the error's kind: enough to count and alert on, nothing of the shot itself.
      deps.log('shot failed', { ...at, libtvCode: err.code, kind: err.kind })
      update({ status: 'failed', failureReason: err.reason })
      throw new ShotFailed(shot.position, err.reason)
    }
    throw err
  }
}
