import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Signed, expiring image URLs: how LibTV fetches a shot's startFrame from the app without a
 * session. The HMAC covers the path and the expiry, so a URL serves exactly one file until
 * it expires; the file name in the path should itself be random (unguessable).
 */
export type SignImageUrlInput = {
  baseUrl: string | URL
  /** The URL path of the one file, e.g. `/libtv/images/<random>.png`. */
  path: string
  secret: string
  /** UTC milliseconds. */
  expiresAt: number
}

function mac(secret: string, path: string, expires: string): Buffer {
  if (secret.length < 16) throw new RangeError('the image-URL secret must have at least 16 characters')
  return createHmac('sha256', secret).update(`${path}\n${expires}`).digest()
}

function checkPath(path: string): void {
  if (!path.startsWith('/') || /[?#]/.test(path))
    throw new RangeError('path must be a URL path without query or fragment')
}

export function signImageUrl(input: SignImageUrlInput): string {
  checkPath(input.path)
  const expires = String(Math.floor(input.expiresAt))
  const sig = mac(input.secret, input.path, expires).toString('base64url')
  const url = new URL(input.path, input.baseUrl)
  url.search = new URLSearchParams({ expires, sig }).toString()
  return url.toString()
}

export type ImageSignatureCheck = { ok: true } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' }

/**
 * Checks `expires` and `sig` from a request for `path`, in constant time. A URL signed for
 * another file, a changed expiry or a tampered signature all fail as bad_signature.
 */
export function verifyImageSignature(input: {
  path: string
  expires: string | null | undefined
  sig: string | null | undefined
  secret: string
  now?: number
}): ImageSignatureCheck {
  const { path, expires, sig } = input
  if (!expires || !sig || !/^\d{1,16}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) {
    return { ok: false, reason: 'malformed' }
  }
  if (!path.startsWith('/') || /[?#]/.test(path)) return { ok: false, reason: 'malformed' }
  // Compare the text, not decoded bytes: base64url's last character carries 2 spare bits, so
  // decoding would accept a few altered signatures. Both are 43 ASCII bytes (the regex above).
  const expected = Buffer.from(mac(input.secret, path, expires).toString('base64url'))
  const given = Buffer.from(sig)
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'bad_signature' }
  if (Number(expires) <= (input.now ?? Date.now())) return { ok: false, reason: 'expired' }
  return { ok: true }
}
