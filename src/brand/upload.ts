import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { UploadRefused } from '../briefs/uploads.js'
import { bodyLimit } from '../http/body-limits.js'
import type { ApiEnv, SignedInEnv } from '../http/env.js'
import { QueueFull } from '../http/work-queue.js'
import { english, type Said } from '../i18n/said.js'
import { type BrandKit, saveBrandLogo } from './kit.js'
import { logoLimits } from './logo.js'

/** A logo body (raw or a form) is refused past 2 MB and a little room for a form's framing. */
export const LOGO_TOO_LARGE = 'brand.logo.tooLargeToSend'
export const logoBody = bodyLimit(logoLimits.maxBytes + 64 * 1024, () => {
  throw new HTTPException(413, { message: LOGO_TOO_LARGE })
})

/**
 * Checks, re-encodes and stores a logo through the same gate as product photos: the app's image
 * queue (a few decodes at a time) and the person's hourly upload limit. Throws UploadRefused
 * (503 or 429) before any decoding, LogoRejected for a file that is not a logo, StorageFull.
 */
export async function saveLogoUpload(c: Context<SignedInEnv> | Context<ApiEnv>, bytes: Buffer): Promise<BrandKit> {
  const { imageQueue, limits } = c.var.deps
  const userId = c.var.user.id
  // No await from here to run(): the place seen free is the place taken.
  if (!imageQueue.hasRoom(userId)) throw new UploadRefused(busy(imageQueue.retryAfterSeconds()))
  const allowed = limits.upload.hit(`user:${userId}`)
  if (!allowed.ok) throw new UploadRefused(tooMany(allowed.retryAfterSeconds))
  try {
    return await imageQueue.run(
      userId,
      () => saveBrandLogo(c.var.db, c.var.config.dataDir, userId, bytes),
      c.req.raw.signal,
    )
  } catch (err) {
    if (err instanceof QueueFull) throw new UploadRefused(busy(err.retryAfterSeconds))
    throw err
  }
}

function busy(seconds: number) {
  const said: Said = { key: 'briefs.photo.busy', values: { seconds } }
  return { status: 503 as const, retryAfterSeconds: seconds, message: english(said), said }
}

function tooMany(seconds: number) {
  const said: Said = { key: 'briefs.photo.tooMany', values: { minutes: Math.max(1, Math.ceil(seconds / 60)) } }
  return { status: 429 as const, retryAfterSeconds: seconds, message: english(said), said }
}
