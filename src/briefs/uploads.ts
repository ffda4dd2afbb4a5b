import type { Context } from 'hono'
import type { Image } from '../../db/schema.js'
import type { ApiEnv, SignedInEnv } from '../http/env.js'
import { DiskFile, streamedForm } from '../http/multipart.js'
import { throughUploadGate } from '../http/upload-gate.js'
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

// Why an upload was not decoded now (busy, or over the hourly limit): shared with logos and tracks.
export { type UploadRefusal, UploadRefused } from '../http/upload-gate.js'

/**
 * Checks, re-encodes and stores an uploaded photo, decoding it through the app's image queue
 * (one or two at a time) and within the person's upload limit (30 an hour). Throws UploadRefused
 * when the queue has no room for them (503) or they are over the limit (429), before any
 * decoding, and ImageRejected when the photo itself is not acceptable. Only photos that need
 * decoding and get a place in the queue count against the limit: a 503, or a file refused from
 * its size or type, never uses one up.
 */
export async function saveUploadedPhoto(c: Context<SignedInEnv> | Context<ApiEnv>, photo: File): Promise<Image> {
  const userId = c.var.user.id
  const source = await photoSource(photo)
  await checkUpload(source) // a file refused from its size or type costs no place and no try
  return throughUploadGate(c, () => saveProductImage(c.var.db, c.var.config.dataDir, userId, source))
}

/** Where sharp reads an uploaded photo from: its temporary file, or memory for any other File. */
async function photoSource(photo: File): Promise<ImageSource> {
  if (photo instanceof DiskFile) return { path: photo.path, bytes: photo.sentBytes }
  return Buffer.from(await photo.arrayBuffer())
}
