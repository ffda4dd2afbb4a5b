import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

/**
 * Server secrets (the key signing image URLs for LibTV, the key signing backup manifests, …): each
 * one is taken from configuration when given, otherwise generated once and kept in its own file
 * under DATA_DIR/secrets with owner-only permissions, so `make run` needs no setup. Nothing under
 * that folder is ever put in a snapshot or sent off-site (snapshots copy DATA_DIR/users only): a
 * secret that must outlive the disk has a variable, which the operator keeps elsewhere.
 */
export const SECRETS_DIR = 'secrets'

/** Shorter than this, a stored secret is treated as absent (a truncated or emptied file). */
const MIN_LENGTH = 32

export function secretFile(dataDir: string, name: string): string {
  return path.join(dataDir, SECRETS_DIR, name)
}

/** The configured value, else the stored one; null when neither exists. Never creates anything. */
export function readSecret(dataDir: string, name: string, configured?: string): string | null {
  if (configured) return configured
  try {
    const existing = fs.readFileSync(secretFile(dataDir, name), 'utf8').trim()
    return existing.length >= MIN_LENGTH ? existing : null
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    return null
  }
}

/** readSecret, generating and storing a new secret when there is none. */
export function loadOrCreateSecret(dataDir: string, name: string, configured?: string): string {
  const existing = readSecret(dataDir, name, configured)
  if (existing) return existing
  const file = secretFile(dataDir, name)
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
  const secret = randomBytes(32).toString('base64url')
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 })
  return secret
}
