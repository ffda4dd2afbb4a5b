import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { english, type Said } from '../i18n/said.js'
import type { ApiEnv, SignedInEnv } from './env.js'
import { QueueFull } from './work-queue.js'

/** Busy (503) or over the hourly upload limit (429): one refusal for photos, logos and tracks alike. */
export type UploadRefusal = { status: 429 | 503; retryAfterSeconds: number; message: string; said: Said }

export class UploadRefused extends Error {
  readonly said: Said
  constructor(readonly refusal: UploadRefusal) {
    super(refusal.message)
    this.said = refusal.said
  }
}

/**
 * Runs `decode` (sharp or ffmpeg on an upload) through the app's decode queue, within the person's
 * hourly upload limit, both asked before any decoding. Throws UploadRefused when the queue has no
 * room for them (503) or they are over the limit (429); only an upload that gets a place counts.
 */
export async function throughUploadGate<T>(
  c: Context<SignedInEnv> | Context<ApiEnv>,
  decode: () => Promise<T>,
): Promise<T> {
  const { imageQueue, limits } = c.var.deps
  const userId = c.var.user.id
  // No await from here to run(): the place seen free is the place taken.
  if (!imageQueue.hasRoom(userId)) throw new UploadRefused(busy(imageQueue.retryAfterSeconds()))
  const allowed = limits.upload.hit(`user:${userId}`)
  if (!allowed.ok) throw new UploadRefused(tooMany(allowed.retryAfterSeconds))
  try {
    return await imageQueue.run(userId, decode, c.req.raw.signal)
  } catch (err) {
    if (err instanceof QueueFull) throw new UploadRefused(busy(err.retryAfterSeconds))
    // The person left while their upload waited: it was never decoded, and this is no server error.
    if (c.req.raw.signal.aborted) throw new HTTPException(400, { message: 'The upload was abandoned.' })
    throw err
  }
}

function busy(seconds: number): UploadRefusal {
  const said: Said = { key: 'briefs.photo.busy', values: { seconds } }
  return { status: 503, retryAfterSeconds: seconds, message: english(said), said }
}

function tooMany(seconds: number): UploadRefusal {
  const said: Said = { key: 'briefs.photo.tooMany', values: { minutes: Math.max(1, Math.ceil(seconds / 60)) } }
  return { status: 429, retryAfterSeconds: seconds, message: english(said), said }
}
