import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Image } from '../../db/schema.js'
import type { ApiEnv, SignedInEnv } from '../http/env.js'
import { DiskFile, streamedForm } from '../http/multipart.js'
import { QueueFull } from '../http/work-queue.js'
import { english, type Said } from '../i18n/said.js'
import { checkUpload, type ImageSource, imageLimits } from './image-processing.js'
import { saveProductImage } from './images.js'

/**
 * The multipart parsing of the forms that carry a photo (the htmx preview and the brief form
 * without JavaScript): the photo streams to DATA_DIR/tmp, at most 15 MB of it kept (a larger one
 * is still counted, so its message can say how large it was). The brief form has 17 fields and
 * up to 20 selling points; a brief takes up to 5 photos, and one file more lets a sixth be refused
 * by the form's own rules (with its own message) rather than by the parser. Its
 * text may reach 1 MB, so an overlong field gets its own message rather than a 413.
 */
export const photoForm = streamedForm({
  keepBytes: imageLimits.maxBytes,
  maxTextBytes: 1024 * 1024,
  maxFields: 100,
  maxFiles: 6,
})

/**
 * Why an upload was not decoded now: the page says `said` in its language, the API `message`
 * (English); both answer with the status and Retry-After.
 */
export type UploadRefusal = { status: 429 | 503; retryAfterSeconds: number; message: string; said: Said }

export class UploadRefused extends Error {
  readonly said: Said
  constructor(readonly refusal: UploadRefusal) {
    super(refusal.message)
    this.said = refusal.said
  }
}

/**
 * Checks, re-encodes and stores an uploaded photo, decoding it through the app's image queue
 * (one or two at a time) and within the person's upload limit (30 an hour). Throws UploadRefused
 * when the queue has no room for them (503) or they are over the limit (429), before any
 * decoding, and ImageRejected when the photo itself is not acceptable. Only photos that need
 * decoding and get a place in the queue count against the limit: a 503, or a file refused from
 * its size or type, never uses one up.
 */
export async function saveUploadedPhoto(c: Context<SignedInEnv> | Context<ApiEnv>, photo: File): Promise<Image> {
  const { imageQueue, limits } = c.var.deps
  const userId = c.var.user.id
  const source = await photoSource(photo)
  await checkUpload(source) // a file refused from its size or type costs no place and no try
  // No await from here to run(): the place seen free is the place taken.
  if (!imageQueue.hasRoom(userId)) throw new UploadRefused(busy(imageQueue.retryAfterSeconds()))
  const allowed = limits.upload.hit(`user:${userId}`)
  if (!allowed.ok) throw new UploadRefused(tooMany(allowed.retryAfterSeconds))
  try {
    return await imageQueue.run(
      userId,
      () => saveProductImage(c.var.db, c.var.config.dataDir, userId, source),
      c.req.raw.signal,
    )
  } catch (err) {
    if (err instanceof QueueFull) throw new UploadRefused(busy(err.retryAfterSeconds))
    // The person left while their photo waited: it was never decoded, and this is no server error.
    if (c.req.raw.signal.aborted) throw new HTTPException(400, { message: 'The upload was abandoned.' })
    throw err
  }
}

function busy(seconds: number): UploadRefusal {
  const said: Said = { key: 'briefs.photo.busy', values: { seconds } }
  return { status: 503, retryAfterSeconds: seconds, message: english(said), said }
}

function tooMany(seconds: number): UploadRefusal {
  const said: Said = { key: 'briefs.photo.tooMany', values: { minutes: Math.max(1, Math.ceil(seconds / 60)) } }
  return { status: 429, retryAfterSeconds: seconds, message: english(said), said }
}

/** Where sharp reads an uploaded photo from: its temporary file, or memory for any other File. */
async function photoSource(photo: File): Promise<ImageSource> {
  if (photo instanceof DiskFile) return { path: photo.path, bytes: photo.sentBytes }
  return Buffer.from(await photo.arrayBuffer())
}
