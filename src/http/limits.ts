import type { Context } from 'hono'
import { sha256 } from '../hashing.js'
import { type Translator, translator } from '../i18n/translate.js'
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

/** How long to wait, in the page's words (English for the API and pages not translated yet). */
export function waitMessage(seconds: number, words: Translator = translator('en')): string {
  return words.t('form.tooManyAttempts', { minutes: waitMinutes(seconds) })
}

/** Whole minutes, at least one: "wait a minute" rather than "wait 0 minutes". */
export function waitMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60))
}
