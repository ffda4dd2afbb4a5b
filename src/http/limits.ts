import type { Context } from 'hono'
import { sha256 } from '../hashing.js'
import { clientAddress } from './client-address.js'
import type { AppEnv, SignedInEnv } from './env.js'
import type { SlidingWindowLimiter } from './rate-limit.js'

/**
 * Counts one try per client address and per email. Returns the seconds to wait when over
 * the limit. The email is hashed even in memory: nothing here needs it in clear.
 */
export function overLimit(
  c: Context<AppEnv> | Context<SignedInEnv>,
  limiter: SlidingWindowLimiter,
  email?: string,
): number | null {
  const keys = [`addr:${clientAddress(c)}`]
  if (email) keys.push(emailLimitKey(email))
  const result = limiter.hit(...keys)
  return result.ok ? null : result.retryAfterSeconds
}

/** The limiters' key for an email: hashed even in memory, since nothing here needs it in clear. */
export function emailLimitKey(email: string): string {
  return `email:${sha256(email.trim().toLowerCase())}`
}

export function waitMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60)
  return `Too many attempts. Please wait ${minutes <= 1 ? 'a minute' : `${minutes} minutes`} and try again.`
}
