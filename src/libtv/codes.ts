import { LibtvError, type LibtvErrorKind } from './errors.js'

type CodeInfo = { kind: LibtvErrorKind; retryable: boolean; meaning: string; reason: string }

const SERVICE_MISCONFIGURED =
  'The video service rejected this server’s credentials. The operator needs to check the LibTV keys.'
const SERVICE_ACCOUNT =
  'The video service account has no API plan or has run out of points. The operator needs to top it up.'
const BUSY = 'The video service is busy or briefly unavailable. The shot can be tried again shortly.'

/**
 * Every code LibTV documents (docs/libtv.md#error-codes). Retryable ones are transient; the rest
 * are final for this request.
 */
export const LIBTV_ERROR_CODES: Readonly<Record<number, CodeInfo>> = {
  401: { kind: 'auth', retryable: false, meaning: 'signature verification failed', reason: SERVICE_MISCONFIGURED },
  403: {
    kind: 'account',
    retryable: false,
    meaning: 'access denied: API plan not enabled or not enough API points',
    reason: SERVICE_ACCOUNT,
  },
  429: { kind: 'rate_limited', retryable: true, meaning: 'too many requests', reason: BUSY },
  100000: {
    kind: 'invalid_request',
    retryable: false,
    meaning: 'invalid parameter',
    reason:
      'The video service refused this shot’s settings (an invalid parameter), for example an image it cannot use: JPG or PNG, each side at least 300 px, aspect between 1:2.5 and 2.5:1.',
  },
  100010: {
    kind: 'auth',
    retryable: false,
    meaning: 'AccessKey expired (API plan expired)',
    reason: 'The video service plan of this server has expired. The operator needs to renew it.',
  },
  100020: { kind: 'auth', retryable: false, meaning: 'user does not exist', reason: SERVICE_MISCONFIGURED },
  100021: { kind: 'account', retryable: false, meaning: 'not enough points', reason: SERVICE_ACCOUNT },
  100030: {
    kind: 'image',
    retryable: false,
    meaning: 'image URL unreachable or larger than 10 MB',
    reason: 'The video service could not fetch the product image. It must be reachable and at most 10 MB.',
  },
  100031: {
    kind: 'content',
    retryable: false,
    meaning: 'image violates content rules',
    reason: 'The video service’s content rules refused the product image.',
  },
  100032: {
    kind: 'image',
    retryable: false,
    meaning: 'image download failed',
    reason: 'The video service could not download the product image.',
  },
  100050: {
    kind: 'invalid_request',
    retryable: false,
    meaning: 'params failed the completeness check',
    reason: 'The video service refused the request as incomplete.',
  },
  100051: {
    kind: 'not_found',
    retryable: false,
    meaning: 'generate task does not exist',
    reason: 'The video service no longer knows this shot’s task; it has to be rendered again.',
  },
  100052: {
    kind: 'content',
    retryable: false,
    meaning: 'prompt contains sensitive content',
    reason: 'The video service’s content rules refused this shot’s wording. Rephrase the shot and try again.',
  },
  100053: {
    kind: 'invalid_request',
    retryable: false,
    meaning: 'model is not in the allowed list',
    reason: 'The video model configured on this server is not available to its account.',
  },
  100054: { kind: 'rate_limited', retryable: true, meaning: 'concurrent-task limit reached', reason: BUSY },
  100055: {
    kind: 'content',
    retryable: false,
    meaning: 'result contains sensitive content',
    reason: 'The video service’s moderation blocked the rendered clip. Rephrase the shot or use another image.',
  },
  100120: {
    kind: 'invalid_request',
    retryable: false,
    meaning: 'template does not exist',
    reason: 'The video service does not know the template this server uses.',
  },
  // 200000 is the envelope's "internal error / maintenance": as transient as a 5xx.
  200000: {
    kind: 'unavailable',
    retryable: true,
    meaning: 'internal error (upload failure or maintenance)',
    reason: BUSY,
  },
  200001: {
    kind: 'invalid_request',
    retryable: false,
    meaning: 'model does not exist',
    reason: 'The video model configured on this server does not exist.',
  },
  210000: { kind: 'unavailable', retryable: true, meaning: 'external service call failed', reason: BUSY },
}

export const BUSY_REASON = BUSY

/** Turns an envelope or HTTP error code into a LibtvError. `op` names the call, never its data. */
export function errorForCode(op: string, code: number, retryAfterMs: number | null = null): LibtvError {
  const info = LIBTV_ERROR_CODES[code]
  if (info) {
    return new LibtvError({
      kind: info.kind,
      code,
      retryable: info.retryable,
      reason: info.reason,
      retryAfterMs,
      message: `LibTV ${op} failed: code ${code} (${info.meaning})`,
    })
  }
  // Not a documented code: a 5xx is transient, anything else is treated as a final refusal.
  const transient = code >= 500 && code < 600
  return new LibtvError({
    kind: transient ? 'unavailable' : 'invalid_request',
    code,
    retryable: transient,
    reason: transient ? BUSY : 'The video service refused the request.',
    retryAfterMs,
    message: `LibTV ${op} failed: code ${code} (undocumented)`,
  })
}
