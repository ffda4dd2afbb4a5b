import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { bodyLimit } from '../http/body-limits.js'
import type { ApiEnv, SignedInEnv } from '../http/env.js'
import { throughUploadGate } from '../http/upload-gate.js'
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
  return throughUploadGate(c, () => saveBrandLogo(c.var.db, c.var.config.dataDir, c.var.user.id, bytes))
}
