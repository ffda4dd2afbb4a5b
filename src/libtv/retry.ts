import { setTimeout as delay } from 'node:timers/promises'
import { LibtvError } from './errors.js'

export type RetryPolicy = {
  /** Attempts after the first one, for faults (rate limits are counted apart). */
  retries: number
  baseDelayMs: number
  maxDelayMs: number
  /**
   * How long LibTV's "wait" answers (429, 100054: kind rate_limited) may keep one call waiting,
   * apart from `retries`: they are not faults. A task LibTV runs for a submit whose answer was
   * lost holds one of its 5 slots unknown to us, for as long as a task takes.
   */
  rateLimitWaitMs: number
}

export const DEFAULT_RETRY: RetryPolicy = {
  retries: 8,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  rateLimitWaitMs: 15 * 60_000,
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, signal ? { signal } : undefined)
}

export type RetryInfo = { attempt: number; delayMs: number; error: LibtvError }

/**
 * Exponential backoff with full jitter (a random wait in [0, min(max, base·2^n)]), so many
 * renders that failed together do not retry together. A 429's Retry-After wins when given.
 * Only LibtvErrors marked retryable are retried; anything else is thrown at once. Faults get
 * `retries` more attempts; LibTV's rate limits are waited out for up to `rateLimitWaitMs`.
 */
export async function withRetry<T>(
  attemptFn: (attempt: number) => Promise<T>,
  opts: {
    policy: Pick<RetryPolicy, 'retries' | 'baseDelayMs' | 'maxDelayMs'> & Partial<Pick<RetryPolicy, 'rateLimitWaitMs'>>
    sleep: Sleep
    random: () => number
    now?: () => number
    signal?: AbortSignal | undefined
    onRetry?: ((info: RetryInfo) => void) | undefined
  },
): Promise<T> {
  const now = opts.now ?? Date.now
  const rateLimitWaitMs = opts.policy.rateLimitWaitMs ?? DEFAULT_RETRY.rateLimitWaitMs
  let faults = 0
  let limits = 0
  let limitedSince: number | null = null
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptFn(attempt)
    } catch (error) {
      if (!(error instanceof LibtvError) || !error.retryable) throw error
      const limited = error.kind === 'rate_limited'
      if (limited) limitedSince ??= now()
      const spent = limited ? now() - (limitedSince ?? now()) >= rateLimitWaitMs : faults >= opts.policy.retries
      if (spent) throw error
      if (opts.signal?.aborted) throw cancelled(opts.signal.reason)
      const n = limited ? limits++ : faults++
      const ceiling = Math.min(opts.policy.maxDelayMs, opts.policy.baseDelayMs * 2 ** n)
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
