/**
 * One error type for the LibTV boundary: a typed error with a kind, never a thrown string.
 * `reason` is safe to show a user; `message` is for the operator's log. Neither ever holds
 * a key, a prompt or an image URL.
 */
export type LibtvErrorKind =
  | 'auth' // 401, 100010, 100020: the operator's keys are wrong or expired
  | 'account' // 403, 100021: API plan not enabled or out of points
  | 'invalid_request' // 100000, 100050, 100053, 100120, 200001, bad input: our request is wrong
  | 'image' // 100030, 100032: LibTV could not fetch the start frame
  | 'content' // 100031, 100052, 100055: moderation refused the image, the prompt or the result
  | 'not_found' // 100051: LibTV does not know the task
  | 'rate_limited' // 429, 100054: still limited after every retry
  | 'unavailable' // 5xx, 200000, 210000, network errors, timeouts: still failing after every retry
  | 'protocol' // malformed JSON or an answer that does not match LibTV's doc
  | 'download' // the result file is missing, expired, too large or not an MP4
  | 'cancelled' // the caller's AbortSignal fired

export class LibtvError extends Error {
  override name = 'LibtvError'
  readonly kind: LibtvErrorKind
  /** The LibTV error code (docs/libtv.md#error-codes) or HTTP status that caused it, when there is one. */
  readonly code: number | null
  /** True when the same call could succeed later (transient); the client already retried it. */
  readonly retryable: boolean
  /** A sentence a user can understand. */
  readonly reason: string
  /** Server-suggested wait (429 Retry-After), in ms. */
  readonly retryAfterMs: number | null

  constructor(init: {
    kind: LibtvErrorKind
    message: string
    reason: string
    code?: number | null
    retryable?: boolean
    retryAfterMs?: number | null
    cause?: unknown
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.kind = init.kind
    this.code = init.code ?? null
    this.retryable = init.retryable ?? false
    this.reason = init.reason
    this.retryAfterMs = init.retryAfterMs ?? null
  }
}

export function isLibtvError(e: unknown): e is LibtvError {
  return e instanceof LibtvError
}
