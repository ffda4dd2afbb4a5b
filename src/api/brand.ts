import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { type BrandKit, brandKitOf, DEFAULT_SETTINGS, removeBrandLogo, saveBrandSettings } from '../brand/kit.js'
import { LogoRejected } from '../brand/logo.js'
import { logoBody, saveLogoUpload } from '../brand/upload.js'
import { UploadRefused } from '../briefs/uploads.js'
import { apiBody } from '../http/body-limits.js'
import type { ApiEnv } from '../http/env.js'
import { sendFile } from '../http/send-file.js'
import { brandLogoPath } from '../storage.js'
import { invalid, isoOrNull, json, notFound, problems, uploadRefusedProblem } from './openapi.js'
import { BrandPutSchema, BrandSchema } from './schemas.js'

const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'application/octet-stream'] as const

/** A logo's bytes may be 2 MB; any other body (JSON, a form) is held to the API's 1 MB like every route. */
const logoOrApiBody: MiddlewareHandler<ApiEnv> = (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  return (LOGO_TYPES as readonly string[]).includes(type) ? logoBody(c, next) : apiBody(c, next)
}

export function brandJson(kit: BrandKit) {
  return {
    primaryColor: kit.primaryColor,
    accentColor: kit.accentColor,
    font: kit.font,
    handle: kit.handle,
    cornerLogo: kit.cornerLogo,
    logo: kit.logo
      ? { url: '/api/v1/brand/logo', width: kit.logo.width, height: kit.logo.height, bytes: kit.logo.bytes }
      : null,
    updatedAt: isoOrNull(kit.updatedAt),
  }
}

export function brandRoutes(hook: ConstructorParameters<typeof OpenAPIHono<ApiEnv>>[0]) {
  const routes = new OpenAPIHono<ApiEnv>(hook)

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/brand',
      tags: ['Brand kit'],
      summary: 'Your brand kit',
      description:
        'Logo, colours, caption font, handle and corner logo, used by every render you submit from now on. A render takes the kit as it is when submitted: a later change does not alter a render on its way.',
      responses: { 200: json(BrandSchema, 'The brand kit (defaults when never saved).'), ...problems() },
    }),
    (c) => c.json(brandJson(brandKitOf(c.var.db, c.var.user.id)), 200),
  )

  routes.openapi(
    createRoute({
      method: 'put',
      path: '/brand',
      tags: ['Brand kit'],
      summary: 'Replace the brand kit’s settings',
      description:
        'Replaces every setting: a field left out goes back to its default (no colour, the sans font, no handle, no corner logo). The logo is changed with PUT /brand/logo.',
      middleware: [apiBody] as const,
      request: { body: { required: true, content: { 'application/json': { schema: BrandPutSchema } } } },
      responses: { 200: json(BrandSchema, 'The brand kit as it now is.'), ...problems(400, 415, 422) },
    }),
    (c) => {
      const body = c.req.valid('json')
      const kit = saveBrandSettings(c.var.db, c.var.user.id, {
        primaryColor: body.primaryColor?.toUpperCase() ?? DEFAULT_SETTINGS.primaryColor,
        accentColor: body.accentColor?.toUpperCase() ?? DEFAULT_SETTINGS.accentColor,
        font: body.font ?? DEFAULT_SETTINGS.font,
        handle: body.handle?.trim() || null,
        cornerLogo: body.cornerLogo ?? DEFAULT_SETTINGS.cornerLogo,
      })
      return c.json(brandJson(kit), 200)
    },
  )

  routes.openapi(
    createRoute({
      method: 'put',
      path: '/brand/logo',
      tags: ['Brand kit'],
      summary: 'Upload the logo',
      description:
        'The body is the image file itself (not a form): a PNG, JPEG or WebP of at most 2 MB, each side at least 32 px. Its type is read from its bytes; SVG and anything else are refused. It is re-encoded as a PNG, transparency kept, metadata removed, and counts against your plan’s photo storage.',
      middleware: [logoOrApiBody] as const,
      request: {
        body: {
          required: true,
          content: Object.fromEntries(
            LOGO_TYPES.map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }]),
          ),
        },
      },
      responses: {
        200: json(BrandSchema, 'The brand kit with its new logo.'),
        ...problems(403, 413, 422, 503),
      },
    }),
    async (c) => {
      const bytes = Buffer.from(await c.req.arrayBuffer())
      try {
        return c.json(brandJson(await saveLogoUpload(c, bytes)), 200)
      } catch (err) {
        if (err instanceof LogoRejected) return invalid(c, [{ field: 'logo', message: err.said }], err.said)
        if (err instanceof UploadRefused) return uploadRefusedProblem(c, err.refusal)
        throw err // a storage cap (StorageFull) is answered as a 403 problem by the app
      }
    },
  )

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/brand/logo',
      tags: ['Brand kit'],
      summary: 'The logo, as stored (PNG)',
      responses: {
        200: {
          description: 'The PNG.',
          content: { 'image/png': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problems(404),
      },
    }),
    async (c) => {
      const logo = brandKitOf(c.var.db, c.var.user.id).logo
      if (!logo) return notFound(c)
      const res = await sendFile(c, brandLogoPath(c.var.config.dataDir, c.var.user.id, logo.sha256), {
        contentType: 'image/png',
        etag: logo.sha256.slice(0, 32),
        cacheControl: 'private, max-age=86400',
      })
      return (res ?? notFound(c)) as never
    },
  )

  routes.openapi(
    createRoute({
      method: 'delete',
      path: '/brand/logo',
      tags: ['Brand kit'],
      summary: 'Remove the logo',
      description: 'Renders submitted before keep the logo they were submitted with.',
      responses: { 204: { description: 'Removed (or there was none).' }, ...problems() },
    }),
    async (c) => {
      await removeBrandLogo(c.var.db, c.var.config.dataDir, c.var.user.id)
      return c.body(null, 204)
    },
  )
  return routes
}
