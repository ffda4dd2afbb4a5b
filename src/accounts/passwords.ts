import { randomBytes, type ScryptOptions, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto'

import { productionScryptParams, type ScryptParams } from '../hashing.js'

export { productionScryptParams, type ScryptParams }

// The parameters new hashes get. Always the production ones, except in tests: config.ts accepts a
// cheaper cost only when NODE_ENV=test, and createDeps passes it here (see useScryptParams).
let current: Readonly<ScryptParams> = productionScryptParams
export function currentScryptParams(): Readonly<ScryptParams> {
  return current
}
/** Sets the parameters new hashes get (from the configuration, at start-up). */
export function useScryptParams(params: Readonly<ScryptParams>): void {
  current = params
}

const SALT_BYTES = 16

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r }
  return new Promise((resolve, reject) =>
    scryptCallback(password.normalize('NFKC'), salt, params.keyLength, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

/** "scrypt$N$r$p$salt$hash", base64url. The parameters are stored beside the hash. */
export async function hashPassword(password: string, params: ScryptParams = current): Promise<string> {
  const salt = randomBytes(SALT_BYTES)
  const key = await scrypt(password, salt, params)
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

type StoredHash = { params: ScryptParams; salt: Buffer; key: Buffer }

function parseStoredHash(stored: string): StoredHash | null {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number]
  const salt = Buffer.from(parts[4]!, 'base64url')
  const key = Buffer.from(parts[5]!, 'base64url')
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || key.length === 0) return null
  return { params: { N, r, p, keyLength: key.length }, salt, key }
}

/** Constant-time comparison of the derived key; a malformed stored hash never verifies. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored)
  if (!parsed) return false
  const candidate = await scrypt(password, parsed.salt, parsed.params)
  return timingSafeEqual(candidate, parsed.key)
}

export function needsRehash(stored: string, params: ScryptParams = current): boolean {
  const parsed = parseStoredHash(stored)
  if (!parsed) return true
  const p = parsed.params
  return p.N !== params.N || p.r !== params.r || p.p !== params.p || p.keyLength !== params.keyLength
}

// Verified against when the email has no account, so a miss costs the same time as a hit
// and response timing does not reveal which emails are registered. Made with the parameters in
// force, so it costs what a real account's hash costs.
let decoy: { params: Readonly<ScryptParams>; hash: Promise<string> } | undefined
export function decoyPasswordHash(): Promise<string> {
  if (decoy?.params !== current) decoy = { params: current, hash: hashPassword(randomBytes(16).toString('hex')) }
  return decoy.hash
}
