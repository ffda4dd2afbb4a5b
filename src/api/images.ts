import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { ImageRejected } from '../briefs/image-processing.js'
import { deleteImageIfUnused, findOwnedImage } from '../briefs/images.js'
import { saveUploadedPhoto, UploadRefused } from '../briefs/uploads.js'
import type { ApiEnv } from '../http/env.js'
import { detail } from '../http/problem.js'
import { sendFile } from '../http/send-file.js'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { imagePaths } from '../storage.js'
import { photoPost } from './idempotency.js'
import { fail, invalid, json, notFound, problems, uploadRefusedProblem } from './openapi.js'
import { IdParam, ImageSchema } from './schemas.js'
import { imageJson } from './serialize.js'

const ImageUpload = z.object({
  image: z
    .instanceof(File, { error: 'api.field.imageMissing' satisfies MessageKey })
    .openapi({ type: 'string', format: 'binary', description: 'A JPEG, PNG or WebP photo, at most 15 MB.' }),
})

export function imageRoutes(hook: ConstructorParameters<typeof OpenAPIHono<ApiEnv>>[0]) {
  const routes = new OpenAPIHono<ApiEnv>(hook)

  routes.openapi(
    createRoute({
      method: 'post',
      path: '/images',
      tags: ['Images'],
      summary: 'Upload a product photo',
      description:
        'The photo is checked (15 MB, 40 megapixels, each side ≥ 300 px, aspect 1:2.5 to 2.5:1) and re-encoded as a JPEG without metadata. The same photo uploaded twice is stored once and answers with the same id.',
      // Photos stream to DATA_DIR/tmp as they arrive, never whole in memory (src/http/multipart.ts).
      middleware: photoPost,
      request: { body: { required: true, content: { 'multipart/form-data': { schema: ImageUpload } } } },
      responses: { 201: json(ImageSchema, 'The stored photo.'), ...problems(403, 413, 415, 422, 503, 507) },
    }),
    async (c) => {
      const { image } = c.req.valid('form')
      try {
        // The same gate as the pages: the decode queue and the hourly upload limit.
        const saved = await saveUploadedPhoto(c, image)
        return c.json(imageJson(saved), 201)
      } catch (err) {
        if (err instanceof ImageRejected) return invalid(c, [{ field: 'image', message: err.said }], err.said)
        if (err instanceof UploadRefused) return uploadRefusedProblem(c, err.refusal)
        throw err
      }
    },
  )

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/images/{id}',
      tags: ['Images'],
      summary: 'A photo’s details',
      request: { params: IdParam },
      responses: { 200: json(ImageSchema, 'The photo.'), ...problems(404) },
    }),
    (c) => {
      const image = findOwnedImage(c.var.db, c.var.user.id, c.req.valid('param').id)
      return image ? c.json(imageJson(image), 200) : notFound(c, 'image')
    },
  )

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/images/{id}/file',
      tags: ['Images'],
      summary: 'The stored JPEG',
      request: { params: IdParam },
      responses: {
        200: {
          description: 'The JPEG.',
          content: { 'image/jpeg': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problems(404),
      },
    }),
    async (c) => {
      const image = findOwnedImage(c.var.db, c.var.user.id, c.req.valid('param').id)
      if (!image) return notFound(c, 'image')
      const res = await sendFile(c, imagePaths(c.var.config.dataDir, image.userId, image.sha256).full, {
        contentType: 'image/jpeg',
        etag: image.sha256.slice(0, 32),
        cacheControl: 'private, max-age=86400',
      })
      return (res ?? notFound(c, 'image')) as never
    },
  )

  routes.openapi(
    createRoute({
      method: 'delete',
      path: '/images/{id}',
      tags: ['Images'],
      summary: 'Delete a photo no brief uses',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted.' }, ...problems(404, 409) },
    }),
    async (c) => {
      const image = findOwnedImage(c.var.db, c.var.user.id, c.req.valid('param').id)
      if (!image) return notFound(c, 'image')
      if (!(await deleteImageIfUnused(c.var.db, c.var.config.dataDir, image))) {
        return fail(c, 409, 'Image in use', detail('api.problem.imageInUse'))
      }
      return c.body(null, 204)
    },
  )
  return routes
}
