import { and, asc, eq } from 'drizzle-orm'
import {
  briefPhotos,
  briefs,
  type Image,
  images,
  type RenderJob,
  screenplays,
  type Video,
  videoShots,
  videos,
} from '../../db/schema.js'
import type { AspectRatio, Resolution } from '../../db/states.js'
import type { Db } from '../db.js'
import { isLibtvError, type LibtvClient } from '../libtv/index.js'
import type { MailContext } from '../mail/compose.js'
import type { MusicTools } from '../music/index.js'
import { type Brief, briefSchema, musicChoices } from '../screenplay/brief.js'
import { photoOfShot } from '../screenplay/photos.js'
import { savedScreenplaySchema } from '../screenplay/saved.js'
import { toneIds } from '../screenplay/tones.js'
import { videoPaths } from '../storage.js'
import { assembleVideo } from './assemble.js'
import { removeLeftovers } from './leftovers.js'
import { finishJob } from './outcomes.js'
import { holdsLease, LeaseLost, renewLease, underLease } from './queue.js'
import { Canceled, renderShot, ShotFailed } from './shot.js'

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
  imageUrl: (image: Image, framing: { aspectRatio: AspectRatio; resolution: Resolution }) => Promise<string>
  ffmpegPath: string
  ffprobePath: string
  /** Music under the videos (src/music); without it every video keeps the silent track. */
  music?: MusicTools
  pollIntervalMs: number
  /** How long a claimed job stays ours without renewal; renewed every third of it. */
  leaseMs: number
  /** Stitch size override (tests render small). */
  stitchSize?: (aspect: AspectRatio) => { width: number; height: number } | undefined
  log: (event: string, fields?: Record<string, unknown>) => void
  /** Who the "your video is ready" mails come from; without it none is queued. */
  mail?: MailContext
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
  const fail = (reason: string) => finishJob(db, job, owner, { state: 'failed', reason }, Date.now(), deps.mail)
  const image = video.imageId ? db.select().from(images).where(eq(images.id, video.imageId)).get() : undefined
  const briefRow = db.select().from(briefs).where(eq(briefs.id, video.briefId)).get()
  if (!image || !briefRow) {
    fail("The brief's photo is missing, so the video could not be rendered. Add a photo to the brief and render again.")
    // Clips of an earlier attempt, if any, are of no use now.
    return removeLeftovers(deps, video.userId, video.id)
  }
  const brief = asMadeFor(video, briefSchema.parse(briefRow.data))

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
    const photoOf = shotPhotos(db, video.screenplayId, video.briefId, image)
    // The first shot that fails stops the others at once: the video cannot succeed any more.
    let firstFailure: unknown
    const shotRuns = shots.map((shot) =>
      renderShot(
        deps,
        job,
        shot,
        {
          image: photoOf(shot.position),
          aspectRatio: video.aspectRatio,
          resolution: video.resolution,
          sound: brief.ambientSound === true,
        },
        paths.clip(shot.position),
        stop.signal,
      ).catch((err: unknown) => {
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

    const outputBytes = await assembleVideo(deps, job, video, shots, brief, image, stop)
    finishJob(db, job, owner, { state: 'done', outputBytes }, Date.now(), deps.mail)
    deps.log('video done', { videoId: video.id })
    // The MP4 is verified and nothing re-stitches: the clips have served their purpose. (Should
    // this fail, or the process die first, the worker's start-up sweep removes them.)
    await removeLeftovers(deps, video.userId, video.id).catch((e: unknown) =>
      deps.log('clip removal failed', { videoId: video.id, error: errorName(e) }),
    )
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
        // The error's name and kind only: a message can quote ffmpeg's filtergraph, i.e. the captions.
        deps.log('video failed', { videoId: video.id, error: errorName(err) })
        // Every shot and the stitch have settled: nothing of a failed video is kept.
        await removeLeftovers(deps, video.userId, video.id).catch((e: unknown) =>
          deps.log('clip removal failed', { videoId: video.id, error: errorName(e) }),
        )
      } catch (finishErr) {
        if (!(finishErr instanceof LeaseLost)) throw finishErr
        stopped = true
      }
    }
    if (stopped) {
      // The video may have been canceled or deleted (with the account or brief) while we
      // rendered, and a download or stitch that finished just after may have written the folder
      // back; every writer has settled now. Also on shutdown: an unfinished video keeps its files.
      await removeLeftovers(deps, video.userId, video.id)
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

/** A variant plays the tone and music it was made with (src/variants); everything else is the brief's. */
export function asMadeFor(video: Pick<Video, 'variantTone' | 'variantMusic'>, brief: Brief): Brief {
  const tone = toneIds.find((id) => id === video.variantTone)
  const music = musicChoices.find((choice) => choice === video.variantMusic)
  return { ...brief, ...(tone ? { tone } : {}), ...(music ? { music } : {}) }
}

/**
 * Each shot's photo, by position: the one its saved screenplay names when the brief still holds
 * it, else the main photo. LibTV gets only that shot's photo with that shot's prompt.
 */
function shotPhotos(db: RenderDeps['db'], screenplayId: string, briefId: string, main: Image) {
  const held = db
    .select({ image: images, role: briefPhotos.role })
    .from(briefPhotos)
    .innerJoin(images, eq(images.id, briefPhotos.imageId))
    .where(eq(briefPhotos.briefId, briefId))
    .orderBy(asc(briefPhotos.position))
    .all()
  const body = db.select({ body: screenplays.body }).from(screenplays).where(eq(screenplays.id, screenplayId)).get()
  const screenplay = savedScreenplaySchema.safeParse(body?.body)
  const choices = held.map((photo) => ({ imageId: photo.image.id, role: photo.role }))
  const byId = new Map(held.map((photo) => [photo.image.id, photo.image]))
  return (position: number): Image => {
    const shot = screenplay.success ? screenplay.data.shots.find((s) => s.index === position) : undefined
    const id = shot ? photoOfShot(shot, choices) : undefined
    return (id && byId.get(id)) || main
  }
}

function errorName(err: unknown): string {
  if (!(err instanceof Error)) return typeof err
  const kind = (err as { kind?: unknown }).kind
  return typeof kind === 'string' ? `${err.name} (${kind})` : err.name
}
