import type { Context } from 'hono'
import { photoRoles } from '../../db/states.js'
import { ensureDiskRoom } from '../http/disk.js'
import type { SignedInEnv } from '../http/env.js'
import { Refusal } from '../http/refusal.js'
import { translatorOf } from '../http/viewer.js'
import { sayIn } from '../i18n/said.js'
import { ImageRejected } from './image-processing.js'
import { type BriefPhoto, defaultRole, maxBriefPhotos, ownedPhotos, type PhotoChoice, PhotoNotOwned } from './photos.js'
import { saveUploadedPhoto, type UploadRefusal, UploadRefused } from './uploads.js'

/** The photo fields of the brief form and of the htmx upload (repeated fields come as lists). */
export type PhotoFormFields = {
  imageId?: string | string[] | undefined
  photoRole?: string | string[] | undefined
  photoMove?: string | undefined
  photo?: File | File[] | string | undefined
}

export type PhotosFromForm = {
  photos: BriefPhoto[]
  /** Already in the page's language. */
  error?: string
  status?: 403 | 507
  refusal?: UploadRefusal
}

const listOf = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value]
const isRole = (role: string | undefined): role is (typeof photoRoles)[number] =>
  (photoRoles as readonly string[]).includes(role ?? '')

/**
 * The brief's photos as the form now has them: those already listed (the person's own only),
 * then each newly sent file through the upload gate, at most 5 in all, then a move or removal
 * applied. A refused file says why and the others are kept.
 */
export async function photosFromForm(c: Context<SignedInEnv>, form: PhotoFormFields): Promise<PhotosFromForm> {
  const lang = translatorOf(c)
  const roles = listOf(form.photoRole)
  const listed: PhotoChoice[] = listOf(form.imageId).map((imageId, i) => ({
    imageId,
    role: isRole(roles[i]) ? roles[i] : defaultRole(i),
  }))
  // Each listed photo on its own: one removed meanwhile (or never the person's) goes, the others stay.
  const photos: BriefPhoto[] = []
  let error: string | undefined
  for (const choice of listed) {
    try {
      for (const photo of ownedPhotos(c.var.db, c.var.user.id, [choice]))
        if (!photos.some((p) => p.image.id === photo.image.id)) photos.push(photo)
    } catch (err) {
      if (!(err instanceof PhotoNotOwned)) throw err
      error = lang.t('briefs.form.photoGone')
    }
  }
  // Someone else's photo id (or one gone) wins over files sent alongside: none of them is stored.
  if (error) return { photos: photos.slice(0, maxBriefPhotos), error }
  if (photos.length > maxBriefPhotos) {
    photos.splice(maxBriefPhotos)
    error = lang.t('photos.field.tooMany', { max: maxBriefPhotos, room: 0 })
  }
  const files = listOf(form.photo).filter((f): f is File => f instanceof File && (f.name !== '' || f.size > 0))
  // More than the brief holds: none of the new files is taken (nor decoded), and the form says so.
  if (photos.length + files.length > maxBriefPhotos) {
    const room = maxBriefPhotos - photos.length
    return {
      photos: arrange(photos, form.photoMove),
      error: lang.t('photos.field.tooMany', { max: maxBriefPhotos, room }),
    }
  }
  for (const file of files) {
    try {
      await ensureDiskRoom(c.var.deps)
      const image = await saveUploadedPhoto(c, file)
      if (!photos.some((photo) => photo.image.id === image.id)) photos.push({ image, role: defaultRole(photos.length) })
    } catch (err) {
      if (err instanceof ImageRejected) return { photos, error: sayIn(lang, err) }
      // The plan's photo cap or a full disk: the photo is refused, the typed text comes back.
      if (err instanceof Refusal) return { photos, error: sayIn(lang, err), status: err.status }
      // Busy or over the upload limit: the form comes back with what was typed and says when to retry.
      if (err instanceof UploadRefused) return { photos, error: sayIn(lang, err), refusal: err.refusal }
      throw err
    }
  }
  return { photos: arrange(photos, form.photoMove), ...(error ? { error } : {}) }
}

/** Applies "up:N", "down:N" or "remove:N" (N counts from 1). */
function arrange(photos: BriefPhoto[], move: string | undefined): BriefPhoto[] {
  if (!move) return photos
  const [action, at] = move.split(':') as [string, string]
  const i = Number(at) - 1
  if (i < 0 || i >= photos.length) return photos
  const next = [...photos]
  if (action === 'remove') next.splice(i, 1)
  else {
    const j = action === 'up' ? i - 1 : i + 1
    if (j < 0 || j >= next.length) return photos
    ;[next[i], next[j]] = [next[j] as BriefPhoto, next[i] as BriefPhoto]
  }
  return next
}

/** The photos as the form shows them. */
export function formPhotos(photos: readonly BriefPhoto[]) {
  return photos.map(({ image, role }) => ({ id: image.id, width: image.width, height: image.height, role }))
}
