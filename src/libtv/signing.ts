import { createHmac, randomUUID } from 'node:crypto'

/**
 * LibTV's signature (docs/libtv.md#signing): base64url of
 * HMAC-SHA1(secret, `${path}&${timestamp}&${nonce}`), `=` padding removed.
 */
export function signature(path: string, timestamp: string, nonce: string, secretKey: string): string {
  // Node's 'base64url' encoding already uses -_ and omits the padding, like Java's encodeBase64URLSafeString.
  return createHmac('sha1', secretKey).update(`${path}&${timestamp}&${nonce}`).digest('base64url')
}

export type SigningKeys = { accessKey: string; secretKey: string }

/**
 * The four signing parameters go in the query string; only the path is signed, never
 * the host, the query or the body.
 */
export function signedUrl(
  baseUrl: string,
  path: string,
  keys: SigningKeys,
  now: number = Date.now(),
  nonce: string = randomUUID().replaceAll('-', ''),
): string {
  const timestamp = String(Math.floor(now))
  const query = new URLSearchParams({
    AccessKey: keys.accessKey,
    Signature: signature(path, timestamp, nonce, keys.secretKey),
    Timestamp: timestamp,
    SignatureNonce: nonce,
  })
  return `${baseUrl.replace(/\/+$/, '')}${path}?${query.toString()}`
}
