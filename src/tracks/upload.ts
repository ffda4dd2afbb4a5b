import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Track } from '../../db/schema.js'
import type { ApiEnv, SignedInEnv } from '../http/env.js'
import { DiskFile, streamedForm } from '../http/multipart.js'
import { QueueFull } from '../http/work-queue.js'
import { english, type Said } from '../i18n/said.js'
import { trackLimits } from './audio.js'
import { saveTrack } from './service.js'

/** Busy (503) or over the hourly upload limit (429): the same refusal a photo gets, said the same way. */
export type UploadRefusal = { status: 429 | 503; retryAfterSeconds: number; message: string; said: Said }

export class UploadRefused extends Error {
  readonly said: Said
  constructor(readonly refusal: UploadRefusal) {
    super(refusal.message)
    this.said = refusal.said
  }
}

/** The upload form: one file streamed to DATA_DIR/tmp (never held in memory) and its name. */
export const trackForm = streamedForm({
  keepBytes: trackLimits.maxBytes,
  maxTextBytes: 4096,
  maxFields: 4,
  maxFiles: 1,
})

/**
 * A track through the same gate as a photo: the app's decode queue (ffmpeg costs a core like
 * sharp does) and the person's hourly upload limit, both asked before any decoding.
 */
export async function saveOwnTrack(
  c: Context<SignedInEnv> | Context<ApiEnv>,
  file: File,
  title: string | undefined,
): Promise<Track> {
  const { imageQueue, limits, config } = c.var.deps
  const userId = c.var.user.id
  if (!(file instanceof DiskFile)) throw new HTTPException(400, { message: 'The upload was not read.' })
  const upload = { path: file.path, bytes: file.sentBytes, name: file.name }
  if (!imageQueue.hasRoom(userId)) throw new UploadRefused(busy(imageQueue.retryAfterSeconds()))
  const allowed = limits.upload.hit(`user:${userId}`)
  if (!allowed.ok) throw new UploadRefused(tooMany(allowed.retryAfterSeconds))
  const tools = { ffmpegPath: config.libtv.ffmpegPath, ffprobePath: config.libtv.ffprobePath }
  try {
    return await imageQueue.run(
      userId,
      () => saveTrack(c.var.db, config.dataDir, tools, userId, upload, title, c.req.raw.signal),
      c.req.raw.signal,
    )
  } catch (err) {
    if (err instanceof QueueFull) throw new UploadRefused(busy(err.retryAfterSeconds))
    if (c.req.raw.signal.aborted) throw new HTTPException(400, { message: 'The upload was abandoned.' })
    throw err
  }
}

function busy(seconds: number) {
  const said: Said = { key: 'briefs.photo.busy', values: { seconds } }
  return { status: 503 as const, retryAfterSeconds: seconds, message: english(said), said }
}

function tooMany(seconds: number) {
  const said: Said = { key: 'briefs.photo.tooMany', values: { minutes: Math.max(1, Math.ceil(seconds / 60)) } }
  return { status: 429 as const, retryAfterSeconds: seconds, message: english(said), said }
}
