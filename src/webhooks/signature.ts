import { createHmac } from 'node:crypto'

/**
 * `Lumina-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. The receiver's
 * check is the sample on /docs/api (VERIFY_SAMPLE in views/docs/api.tsx), which a test runs.
 */
export function signatureHeader(secret: string, body: string, nowMs = Date.now()): string {
  const t = Math.floor(nowMs / 1000)
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
  return `t=${t},v1=${v1}`
}
