import { randomUUID } from 'node:crypto'
import { and, eq, isNotNull, isNull } from 'drizzle-orm'
import { apiKeys, type User, users } from '../../db/schema.js'
import type { Db } from '../db.js'
import type { MailContext } from '../mail/compose.js'
import { queueMail } from '../mail/outbox.js'
import { notices } from './notices.js'
import { apiKeyPrefix, looksLikeApiKey, newApiKey, sha256 } from './tokens.js'

type Tx = Pick<Db, 'insert' | 'update' | 'select'>

/** Stores a new key's hash and prefix; the full key is returned once and never kept. */
export function createApiKey(tx: Tx, userId: string, now = Date.now()): string {
  const { key, prefix, hash } = newApiKey()
  tx.insert(apiKeys).values({ id: randomUUID(), userId, keyHash: hash, prefix, createdAt: now }).run()
  return key
}

/**
 * Revokes the current key at once and issues a new one, and tells the owner by mail in the same
 * transaction. Nothing is sent to LibTV: it never sees our keys.
 */
export function rotateApiKey(db: Db, user: User, mail: MailContext, now = Date.now()): string {
  return db.transaction((tx) => {
    tx.update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.userId, user.id), isNull(apiKeys.revokedAt)))
      .run()
    const key = createApiKey(tx, user.id, now)
    queueMail(tx, notices.apiKeyRotated(mail, user, apiKeyPrefix(key)), { userId: user.id, now })
    return key
  })
}

export function userForApiKey(db: Db, key: string): User | null {
  if (!looksLikeApiKey(key)) return null
  const row = db
    .select({ user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(
      and(
        eq(apiKeys.keyHash, sha256(key)),
        isNull(apiKeys.revokedAt),
        isNull(users.disabledAt),
        // Keys are made when the address is confirmed; one an unconfirmed account holds is not its owner's.
        isNotNull(users.emailConfirmedAt),
      ),
    )
    .get()
  return row?.user ?? null
}
