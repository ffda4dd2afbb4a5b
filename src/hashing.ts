import { createHash } from 'node:crypto'

/** Secrets are stored only as SHA-256: a leaked database reveals no usable token or key. */
export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex')
}

export type ScryptParams = { N: number; r: number; p: number; keyLength: number }

// OWASP's scrypt baseline (N=2^17 is the interactive-login recommendation; 2^15 keeps sign-in
// near 100 ms on a 2-core VM while staying far beyond brute force). Raising these rehashes
// each user's password on their next sign-in.
export const productionScryptParams: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 1, keyLength: 32 })
