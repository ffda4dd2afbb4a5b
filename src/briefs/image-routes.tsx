import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { z } from 'zod'
import { PhotoPreview } from '../../views/briefs/photo.js'
import { signedInRoutes } from '../accounts/middleware.js'
import { BODY_STALLED, bodyLimit, bodyLimits, PHOTO_TOO_LARGE } from '../http/body-limits.js'
import type { AppEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { notFoundUnless } from '../http/params.js'
import { sendFile } from '../http/send-file.js'
import { translatorOf } from '../http/viewer.js'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { imagePaths } from '../storage.js'
import { findOwnedImage } from './images.js'
import { formPhotos, photosFromForm } from './photo-form.js'
import { photoForm } from './uploads.js'

/** The owner's product photos under /images: the htmx preview upload and the files. */
export const imageRoutes = signedInRoutes()

// bodyLimit's callbacks get a plain Context; they run inside this app, whose variables are AppEnv's.
const wordsOf = (c: Context) => translatorOf(c as unknown as Context<AppEnv>)

// The preview swaps only its own box: a too-large photo, or an upload that stalled, is answered
// with that box, not a page.
const previewBody = bodyLimit(
  bodyLimits.upload.maxSize,
  (c) => {
    if (c.req.header('hx-request') !== 'true') throw new HTTPException(413, { message: PHOTO_TOO_LARGE })
    const lang = wordsOf(c)
    return c.html(<PhotoPreview lang={lang} error={lang.t('briefs.photo.tooLargeToSend')} />, 413)
  },
  (c) => {
    if (c.req.header('hx-request') !== 'true') throw new HTTPException(408, { message: BODY_STALLED })
    const lang = wordsOf(c)
    return c.html(<PhotoPreview lang={lang} error={lang.t('briefs.photo.stalled')} />, 408)
  },
)

// The message is a key: validForm says it in the page's language. The photos already listed come
// along (hx-include), so the answer is the whole list.
const previewForm = z.object({
  photo: z.union([z.instanceof(File), z.array(z.instanceof(File)).max(10)], {
    error: 'briefs.photo.choose' satisfies MessageKey,
  }),
  imageId: z.union([z.string().max(100), z.array(z.string().max(100)).max(10)]).optional(),
  photoRole: z.union([z.string().max(20), z.array(z.string().max(20)).max(10)]).optional(),
})

// htmx posts the chosen files here as soon as they are picked; the answer is the photos fragment.
imageRoutes.post(
  '/',
  previewBody,
  photoForm,
  validForm(previewForm, (c, errors) => {
    const lang = translatorOf(c)
    return c.html(<PhotoPreview lang={lang} error={errors.photo ?? lang.t('briefs.photo.choose')} />, 422)
  }),
  async (c) => {
    const lang = translatorOf(c)
    const { photos, error, status, refusal } = await photosFromForm(c, c.req.valid('form'))
    // Busy (503) or over the upload limit (429): the box says when to try again.
    if (refusal) c.header('Retry-After', String(refusal.retryAfterSeconds))
    const code = refusal?.status ?? status ?? (error ? 422 : 200)
    return c.html(<PhotoPreview lang={lang} photos={formPhotos(photos)} error={error} />, code)
  },
)

const imageParam = notFoundUnless('param', z.object({ id: z.uuid(), variant: z.enum(['thumb', 'full']) }))

// Served only to the owner: anyone else gets the same 404 as for an id that does not exist.
imageRoutes.get('/:id/:variant', imageParam, async (c) => {
  const { id, variant } = c.req.valid('param')
  const image = findOwnedImage(c.var.db, c.var.user.id, id)
  if (!image) return c.notFound()
  const paths = imagePaths(c.var.config.dataDir, image.userId, image.sha256)
  const thumb = variant === 'thumb'
  const res = await sendFile(c, thumb ? paths.thumbnail : paths.full, {
    contentType: thumb ? 'image/webp' : 'image/jpeg',
    etag: `${image.sha256.slice(0, 32)}-${variant}`,
    cacheControl: 'private, max-age=86400',
  })
  return res ?? c.notFound()
})
