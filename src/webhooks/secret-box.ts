import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, type KeyObject, randomBytes } from 'node:crypto'
import { and, eq, notLike } from 'drizzle-orm'
import { webhookEndpoints } from '../../db/schema.js'
import type { Db } from '../db.js'

/**
 * Webhook signing secrets are kept sealed with AES-256-GCM under a server key, so the database
 * file (a snapshot, the Litestream replica, a stolen disk image) does not hand anyone the means
 * to forge our events. The column keeps its shape: `v1:<iv>:<tag>:<ciphertext>`, base64url.
 * The key comes from WEBHOOK_SECRETS_KEY or DATA_DIR/secrets/webhook-secrets.key (src/main.ts).
 */
const VERSION = 'v1'
const PLAIN_PREFIX = 'whsec_'

/** The sealing key, derived from the server secret (any string of 32 characters or more). */
export function webhookSecretsKey(material: string): KeyObject {
  return createSecretKey(Buffer.from(hkdfSync('sha256', material, '', 'lumina webhook signing secrets v1', 32)))
}

/** The row a sealed secret belongs to is part of what is authenticated: it cannot be moved to another account. */
const boundTo = (userId: string) => Buffer.from(`webhook_endpoints.secret:${userId}`)

export function sealWebhookSecret(key: KeyObject, userId: string, secret: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(boundTo(userId))
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return [VERSION, iv, cipher.getAuthTag(), sealed]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join(':')
}

/** A sealed secret this server's key cannot open (the key was lost or replaced), or a damaged one. */
export class WebhookSecretUnreadable extends Error {}

export const isPlainWebhookSecret = (stored: string) => stored.startsWith(PLAIN_PREFIX)

/** The secret in clear. A plain one (a row from before sealing) is returned as it is. */
export function openWebhookSecret(key: KeyObject, userId: string, stored: string): string {
  if (isPlainWebhookSecret(stored)) return stored
  const [version, iv, tag, sealed, ...rest] = stored.split(':')
  if (version !== VERSION || !iv || !tag || sealed === undefined || rest.length > 0) throw new WebhookSecretUnreadable()
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
    decipher.setAAD(boundTo(userId))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8')
  } catch {
    throw new WebhookSecretUnreadable()
  }
}

/** Seals one row's plain secret; guarded on the old value, so a secret set meanwhile is never overwritten. */
export function sealPlainSecretOf(db: Pick<Db, 'update'>, key: KeyObject, userId: string, plain: string): void {
  db.update(webhookEndpoints)
    .set({ secret: sealWebhookSecret(key, userId, plain) })
    .where(and(eq(webhookEndpoints.userId, userId), eq(webhookEndpoints.secret, plain)))
    .run()
}

/** Start-up: seals every secret still kept in clear (rows written before sealing). Answers how many. */
export function sealPlainWebhookSecrets(db: Db, key: KeyObject): number {
  const plain = db
    .select({ userId: webhookEndpoints.userId, secret: webhookEndpoints.secret })
    .from(webhookEndpoints)
    .where(notLike(webhookEndpoints.secret, `${VERSION}:%`))
    .all()
    .filter((row) => isPlainWebhookSecret(row.secret))
  db.transaction((tx) => {
    for (const row of plain) sealPlainSecretOf(tx, key, row.userId, row.secret)
  })
  return plain.length
}

/** Start-up: how many endpoints' secrets this key cannot open (a restore on a machine without the key). */
export function unreadableWebhookSecrets(db: Db, key: KeyObject): number {
  return db
    .select({ userId: webhookEndpoints.userId, secret: webhookEndpoints.secret })
    .from(webhookEndpoints)
    .all()
    .filter((row) => {
      try {
        openWebhookSecret(key, row.userId, row.secret)
        return false
      } catch {
        return true
      }
    }).length
}
