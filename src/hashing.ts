import { createHash } from 'node:crypto'

/** Secrets are stored only as SHA-256: a leaked database reveals no usable token or key. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex')
}
