import { DiskFile, streamedForm } from '../http/multipart.js'
import { type ImageSource, imageLimits } from './image-processing.js'

/**
 * The multipart parsing of the forms that carry a photo (the htmx preview and the brief form
 * without JavaScript): the photo streams to DATA_DIR/tmp, at most 15 MB of it kept (a larger one
 * is still counted, so its message can say how large it was). The brief form has 17 fields and
 * up to 20 selling points; a few files let "two photos" be refused by the form's own rules. Its
 * text may reach 1 MB, so an overlong field gets its own message rather than a 413.
 */
export const photoForm = streamedForm({
  keepBytes: imageLimits.maxBytes,
  maxTextBytes: 1024 * 1024,
  maxFields: 100,
  maxFiles: 4,
})

/** Where sharp reads an uploaded photo from: its temporary file, or memory for any other File. */
export async function photoSource(photo: File): Promise<ImageSource> {
  if (photo instanceof DiskFile) return { path: photo.path, bytes: photo.sentBytes }
  return Buffer.from(await photo.arrayBuffer())
}
