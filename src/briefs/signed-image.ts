import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { type Image, images } from '../../db/schema.js'
import type { AppEnv } from '../http/env.js'
import { sendFile } from '../http/send-file.js'
import { signImageUrl, verifyImageSignature } from '../libtv/signed-url.js'
import { imagePaths } from '../storage.js'

// LibTV fetches a shot's start frame from here, without a session. The URL names one image by
// its random id, expires after an hour, and its HMAC covers both; nothing else is served.
export const SIGNED_IMAGE_TTL_MS = 60 * 60 * 1000
const PATH_PREFIX = '/libtv/images/'

export function signedImageUrl(
  origin: string | URL,
  secret: string,
  image: Pick<Image, 'id'>,
  now = Date.now(),
): string {
  return signImageUrl({
    baseUrl: origin,
    path: `${PATH_PREFIX}${image.id}.jpg`,
    secret,
    expiresAt: now + SIGNED_IMAGE_TTL_MS,
  })
}

export const signedImageRoutes = new Hono<AppEnv>()

signedImageRoutes.get('/:file', async (c) => {
  const check = verifyImageSignature({
    path: c.req.path,
    expires: c.req.query('expires'),
    sig: c.req.query('sig'),
    secret: c.var.deps.runtime.urlSigningSecret,
  })
  // One answer for every refusal: a prober learns nothing about which ids exist.
  if (!check.ok) return c.text('Not found', 404, { 'Cache-Control': 'no-store' })
  const id = /^([0-9a-f-]{36})\.jpg$/.exec(c.req.param('file'))?.[1]
  const image = id ? c.var.db.select().from(images).where(eq(images.id, id)).get() : undefined
  if (!image) return c.text('Not found', 404, { 'Cache-Control': 'no-store' })
  const res = await sendFile(c, imagePaths(c.var.config.dataDir, image.userId, image.sha256).full, {
    contentType: 'image/jpeg',
    cacheControl: 'private, no-store',
  })
  return res ?? c.text('Not found', 404)
})

export const SIGNED_IMAGE_MOUNT = PATH_PREFIX.slice(0, -1)
