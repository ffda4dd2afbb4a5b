import { z } from 'zod'
import { BUSY_REASON, errorForCode } from './codes.js'
import { LibtvError } from './errors.js'
import { cancelled } from './retry.js'
import { type SigningKeys, signedUrl } from './signing.js'

// LibTV's envelope (docs/libtv.md#envelope): every answer is {code, msg, data}; success is code 0.
const envelope = z.object({ code: z.number(), msg: z.string().nullish(), data: z.unknown() })

export type FetchLike = typeof fetch

export type Transport = {
  /** One signed JSON POST (docs/libtv.md#signing): resolves `data` or throws a LibtvError. No retries here. */
  post(op: string, path: string, body: unknown, signal?: AbortSignal): Promise<unknown>
}

export function createTransport(opts: {
  baseUrl: string
  keys: SigningKeys
  fetch: FetchLike
  now: () => number
  timeoutMs: number
}): Transport {
  return {
    async post(op, path, body, signal) {
      const url = signedUrl(opts.baseUrl, path, opts.keys, opts.now())
      return withTimeout(op, opts.timeoutMs, signal, async (s) => {
        const res = await opts.fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
          signal: s,
        })
        const text = await res.text()
        let json: unknown
        try {
          json = JSON.parse(text)
        } catch {
          json = undefined
        }
        const env = envelope.safeParse(json)
        const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), opts.now())
        // LibTV's doc does not say whether 401/403/429 come as HTTP status or as body code; the
        // body's code is more precise.
        if (env.success && env.data.code !== 0) throw errorForCode(op, env.data.code, retryAfterMs)
        if (!res.ok) throw errorForCode(op, res.status, retryAfterMs)
        if (!env.success) {
          throw new LibtvError({
            kind: 'protocol',
            retryable: true,
            reason: BUSY_REASON,
            message: `LibTV ${op}: the answer is not the documented JSON envelope (HTTP ${res.status})`,
          })
        }
        return env.data.data
      })
    },
  }
}

/**
 * Checks `data` from a successful envelope against what the doc says the call returns. A 2xx
 * without it is a proxy's or a gateway's mangling, not LibTV's decision, so it is retried like
 * an outage (the call is asked again; for a submit that may mean a second task, as for any
 * answer that never arrived).
 */
export function expectAnswer<T>(op: string, schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data)
  if (parsed.success) return parsed.data
  throw new LibtvError({
    kind: 'protocol',
    retryable: true,
    reason: BUSY_REASON,
    message: `LibTV ${op}: the answer has no ${what}`,
  })
}

/**
 * Runs `fn` under AbortSignal.timeout combined with the caller's signal, and turns fetch's
 * failures into LibtvErrors: a timeout or a network error is retryable, a caller's abort is not.
 * Only the error code of a network failure is kept: undici's messages may carry the URL,
 * whose query holds the AccessKey.
 */
export async function withTimeout<T>(
  op: string,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  fn: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const timeout = AbortSignal.timeout(timeoutMs)
  const combined = signal ? AbortSignal.any([timeout, signal]) : timeout
  try {
    return await fn(combined)
  } catch (e) {
    if (e instanceof LibtvError) throw e
    if (signal?.aborted) throw cancelled(signal.reason)
    if (timeout.aborted) {
      throw new LibtvError({
        kind: 'unavailable',
        retryable: true,
        reason: BUSY_REASON,
        message: `LibTV ${op}: no answer within ${timeoutMs} ms`,
      })
    }
    const code = networkCode(e)
    throw new LibtvError({
      kind: 'unavailable',
      retryable: true,
      reason: BUSY_REASON,
      message: `LibTV ${op}: network error${code ? ` (${code})` : ''}`,
    })
  }
}

function networkCode(e: unknown): string | null {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code
    if (typeof code === 'string') return code
    cur = (cur as { cause?: unknown }).cause
  }
  return null
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000)
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}
