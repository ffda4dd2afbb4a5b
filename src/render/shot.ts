import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { type Image, type RenderJob, type VideoShot, videoShots, videos } from '../../db/schema.js'
import type { AspectRatio, Resolution } from '../../db/states.js'
import { isLibtvError } from '../libtv/index.js'
import type { ShotStatus } from '../libtv/status.js'
import { recordLibtvPoints } from './outcomes.js'
import { LeaseLost, underLease } from './queue.js'
import { failureColumns, NO_FAILURE } from './reasons.js'
import type { RenderDeps } from './renderer.js'
import { runTool } from './stitch/ffmpeg.js'

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
 * What LibTV animates for a shot: the photo, at the video's resolution (1080p asks for `pro` mode),
 * and whether the brief asks for the clip's own sound (the client sends it only to a model that can).
 */
export type ShotSource = { image: Image; aspectRatio: AspectRatio; resolution: Resolution; sound?: boolean }

/**
 * Shown under a shot while it renders again as a new task; it also marks, across restarts, that
 * the shot's one new task has been used (docs/libtv.md#a-new-task-for-a-failed-one).
 */
export const RENDERING_AGAIN_NOTE = 'This shot did not come out on the first try, so it is being made once more.'

/**
 * One shot to a clip on disk: skipped if already downloaded, adopted (polled, never submitted
 * again) if it has a task id, otherwise submitted once with its task id committed before polling.
 * When LibTV's answer says a new task may finish what the first could not, the shot is submitted
 * once more. The points LibTV reports for each task that ends are added up on the shot.
 */
export async function renderShot(
  deps: RenderDeps,
  job: RenderJob,
  shot: VideoShot,
  source: ShotSource,
  clipPath: string,
  signal: AbortSignal,
): Promise<void> {
  const { db, owner, libtv } = deps
  if (shot.status === 'done' && fs.existsSync(clipPath)) return
  // Failed before a restart, its video's failure not yet recorded: it stays failed.
  if (shot.status === 'failed') throw new ShotFailed(shot.position, shot.failureReason ?? FAILED_EARLIER)
  const update = (fields: Partial<VideoShot>) =>
    underLease(db, job.id, owner, (tx) => {
      tx.update(videoShots)
        .set({ ...fields, updatedAt: Date.now() })
        .where(eq(videoShots.id, shot.id))
        .run()
      if (fields.pointsCost !== undefined) recordLibtvPoints(tx, shot.videoId)
    })
  const canceled = () =>
    db.select({ status: videos.status }).from(videos).where(eq(videos.id, shot.videoId)).get()?.status === 'canceled'

  let taskId = shot.taskId
  // The first submit starts the shot's clock (a second task keeps it: the wait was real).
  let startedAt = shot.startedAt
  // A shot gets one new task at most; the row remembers it was given one (its note), so a restart does not give another.
  let renderedAgain = shot.failureReason !== null
  // Points of this shot's tasks that have ended. A shot found 'downloading' (or 'done' with its
  // clip lost) already has its current task's points in it, written with that status: not added twice.
  let points = shot.pointsCost ?? 0
  let currentTaskCounted = shot.status === 'downloading' || shot.status === 'done'
  // Timed from here (submit, or adoption after a restart) to the clip on disk, for /metrics.
  const started = Date.now()
  const at = { videoId: shot.videoId, position: shot.position }
  try {
    if (taskId) libtv.adopt(taskId, shot.videoId) // submitted before a restart: poll it, never submit again
    for (;;) {
      if (!taskId) {
        taskId = await submit(deps, shot, source, signal, () => {
          try {
            update({ status: 'submitted' })
            return true
          } catch (err) {
            if (err instanceof LeaseLost) return false
            throw err
          }
        })
        startedAt ??= Date.now()
        update({ taskId, status: 'submitted', startedAt })
        currentTaskCounted = false
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
      const charged = currentTaskCounted ? points : points + (result.pointsCost ?? 0)
      if (result.state === 'succeeded') {
        update({ status: 'downloading', percent: 100, pointsCost: charged, ...NO_FAILURE })
        // LibTV's result URLs expire after 7 days: copy the clip now.
        await fs.promises.mkdir(path.dirname(clipPath), { recursive: true })
        await libtv.downloadVideo(result.videoUrl, clipPath, { signal })
        // The render page shows the finished shot at once: one small frame of it (best effort).
        await shotThumbnail(deps, clipPath, signal).catch(() => deps.log('shot thumbnail failed', at))
        update({ status: 'done', finishedAt: Date.now() })
        deps.log('shot done', { ...at, ms: Date.now() - started })
        return
      }
      const libtvCode = result.state === 'failed' ? result.code : null
      if (result.retryAsNewTask && !renderedAgain) {
        // The note and the cleared task id go in one write: after a crash the shot is submitted
        // anew, and knows it had its one new task.
        update({
          taskId: null,
          status: 'submitted',
          percent: 0,
          pointsCost: charged,
          ...failureColumns(RENDERING_AGAIN_NOTE),
        })
        deps.log('shot rendered again', { ...at, libtvCode, kind: result.state })
        renderedAgain = true
        points = charged
        taskId = null
        continue
      }
      deps.log('shot failed', { ...at, libtvCode, kind: result.state })
      update({ status: 'failed', ...failureColumns(result.reason), pointsCost: charged })
      throw new ShotFailed(shot.position, result.reason)
    }
  } catch (err) {
    if (isLibtvError(err) && !signal.aborted) {
      // LibTV's code and the error's kind: enough to count and alert on, nothing of the shot itself.
      deps.log('shot failed', { ...at, libtvCode: err.code, kind: err.kind })
      update({ status: 'failed', ...failureColumns(err.reason) })
      throw new ShotFailed(shot.position, err.reason)
    }
    throw err
  }
}

/** Where a shot's frame for the render page goes: beside its clip, so it goes with the clips. */
export function shotThumbnailPath(clipPath: string): string {
  return clipPath.replace(/\.mp4$/, '.jpg')
}

/** A frame from the middle of the clip's first second, 240 px wide, written atomically. */
async function shotThumbnail(deps: RenderDeps, clipPath: string, signal: AbortSignal): Promise<void> {
  const target = shotThumbnailPath(clipPath)
  const part = `${target}.part.jpg`
  const args = ['-loglevel', 'error', '-y', '-ss', '0.5', '-i', clipPath, '-frames:v', '1', '-vf', 'scale=240:-2']
  const run = await runTool(deps.ffmpegPath, [...args, '-q:v', '5', '-f', 'image2', `file:${part}`], {
    signal,
    threads: 1,
  })
  if (run.code !== 0) throw new Error('ffmpeg could not take the frame')
  await fs.promises.rename(part, target)
}

const FAILED_EARLIER = 'The video service could not render this shot.'

/** Makes an image URL LibTV can fetch (a fresh one for every task) and submits the shot. */
async function submit(
  deps: RenderDeps,
  shot: VideoShot,
  { image, aspectRatio, resolution, sound }: ShotSource,
  signal: AbortSignal,
  beforeSend: () => boolean,
): Promise<string> {
  // The photo framed for the video's shape (src/render/framing.ts), made once and then reused.
  const imageUrl = await deps.imageUrl(image, { aspectRatio, resolution })
  return deps.libtv.submit(
    {
      imageUrl,
      prompt: shot.prompt,
      durationSeconds: shot.durationSeconds === 10 ? 10 : 5,
      ...(resolution === '1080p' ? { mode: 'pro' as const } : {}),
      ...(sound ? { sound: true } : {}),
    },
    {
      signal,
      // LibTV's 5 tasks in flight are shared fairly between the videos rendering.
      fairnessGroup: shot.videoId,
      // Recorded under the lease before LibTV can accept the task: a cancel that got in first
      // withdraws the submit (the cancel was free), one that comes after knows it counts.
      beforeSend,
    },
  )
}
