import { randomBytes } from 'node:crypto'
import { sha256 } from '../hashing.js'

export { sha256 }

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url')
}

export const API_KEY_PREFIX = 'lum_'
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString('base64url')
  return { key, prefix: apiKeyPrefix(key), hash: sha256(key) }
}

/** What is kept and shown of a key: lum_ and its first 8 characters. */
export function apiKeyPrefix(key: string): string {
  return key.slice(0, DISPLAY_PREFIX_LENGTH)
}

// lum_ + 43 base64url characters; anything else is refused before it reaches the database.
export function looksLikeApiKey(value: string): boolean {
  return /^lum_[A-Za-z0-9_-]{43}$/.test(value)
}

export function looksLikeSessionToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value)
}
