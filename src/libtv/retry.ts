import { setTimeout as delay } from 'node:timers/promises'
import { LibtvError } from './errors.js'

export type RetryPolicy = {
  /** Attempts after the first one. */
  retries: number
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 8, baseDelayMs: 500, maxDelayMs: 30_000 }

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal ? { signal } : undefined)
}

export type RetryInfo = { attempt: number; delayMs: number; error: LibtvError }

/**
 * Exponential backoff with full jitter (a random wait in [0, min(max, base·2^n)]), so many
 * renders that failed together do not retry together. A 429's Retry-After wins when given.
 * Only LibtvErrors marked retryable are retried; anything else is thrown at once.
 */
export async function withRetry<T>(
  attemptFn: (attempt: number) => Promise<T>,
  opts: {
    policy: RetryPolicy
    sleep: Sleep
    random: () => number
    signal?: AbortSignal | undefined
    onRetry?: ((info: RetryInfo) => void) | undefined
  },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptFn(attempt)
    } catch (error) {
      if (!(error instanceof LibtvError) || !error.retryable || attempt >= opts.policy.retries) throw error
      if (opts.signal?.aborted) throw cancelled(opts.signal.reason)
      const ceiling = Math.min(opts.policy.maxDelayMs, opts.policy.baseDelayMs * 2 ** attempt)
      const delayMs =
        error.retryAfterMs !== null
          ? Math.min(error.retryAfterMs, Math.max(opts.policy.maxDelayMs, 60_000))
          : Math.floor(opts.random() * ceiling)
      opts.onRetry?.({ attempt: attempt + 1, delayMs, error })
      try {
        await opts.sleep(delayMs, opts.signal)
      } catch (e) {
        throw cancelled(e)
      }
    }
  }
}

export function cancelled(cause?: unknown): LibtvError {
  return new LibtvError({
    kind: 'cancelled',
    retryable: false,
    reason: 'The request to the video service was cancelled.',
    message: 'LibTV call cancelled',
    cause,
  })
}
