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
  framing?: { aspectRatio: string; resolution: string },
): string {
  // A framing names the photo cropped for a video's shape (src/render/framing.ts), e.g. <id>.3x4-1080p.jpg.
  const variant = framing ? `.${framing.aspectRatio.replace(':', 'x')}-${framing.resolution}` : ''
  return signImageUrl({
    baseUrl: origin,
    path: `${PATH_PREFIX}${image.id}${variant}.jpg`,
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
  const name = /^([0-9a-f-]{36})(?:\.(9x16|16x9|1x1|3x4|4x5)-(720p|1080p))?\.jpg$/.exec(c.req.param('file'))
  const image = name?.[1] ? c.var.db.select().from(images).where(eq(images.id, name[1])).get() : undefined
  if (!image || !name) return c.text('Not found', 404, { 'Cache-Control': 'no-store' })
  const paths = imagePaths(c.var.config.dataDir, image.userId, image.sha256)
  const file = name[2] && name[3] ? paths.framed(name[2].replace('x', ':'), name[3]) : paths.full
  const res = await sendFile(c, file, {
    contentType: 'image/jpeg',
    cacheControl: 'private, no-store',
  })
  return res ?? c.text('Not found', 404)
})

export const SIGNED_IMAGE_MOUNT = PATH_PREFIX.slice(0, -1)
