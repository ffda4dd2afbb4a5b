import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { z } from 'zod'
import { PhotoPreview } from '../../views/briefs/photo.js'
import { requireUser } from '../accounts/middleware.js'
import type { AppEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { sendFile } from '../http/send-file.js'
import { ImageRejected } from './image-processing.js'
import { findOwnedImage, imagePaths, saveProductImage } from './images.js'

export const imageRoutes = new Hono<AppEnv>()
imageRoutes.use('*', requireUser)

const previewForm = z.object({ photo: z.instanceof(File, { error: 'Choose a photo to upload.' }) })

// htmx posts the chosen file here as soon as it is picked; the answer is the preview fragment.
imageRoutes.post(
  '/',
  validForm(previewForm, (c, errors) =>
    c.html(<PhotoPreview error={errors.photo ?? 'Choose a photo to upload.'} />, 422),
  ),
  async (c) => {
    const { photo } = c.req.valid('form')
    try {
      const bytes = Buffer.from(await photo.arrayBuffer())
      const image = await saveProductImage(c.var.db, c.var.config.dataDir, c.var.user!.id, bytes)
      return c.html(<PhotoPreview image={image} />)
    } catch (err) {
      if (err instanceof ImageRejected) return c.html(<PhotoPreview error={err.message} />, 422)
      throw err
    }
  },
)

const imageParam = zValidator('param', z.object({ id: z.uuid(), variant: z.enum(['thumb', 'full']) }), (result, c) => {
  if (!result.success) return c.notFound()
})

// Served only to the owner: anyone else gets the same 404 as for an id that does not exist.
imageRoutes.get('/:id/:variant', imageParam, async (c) => {
  const { id, variant } = c.req.valid('param')
  const image = findOwnedImage(c.var.db, c.var.user!.id, id)
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
