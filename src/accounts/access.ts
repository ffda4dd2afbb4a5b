import { and, eq, isNull } from 'drizzle-orm'
import { apiKeys, sessions } from '../../db/schema.js'
import type { Db } from '../db.js'
import { dropWebhookEndpoint } from '../webhooks/service.js'
import { createApiKey } from './api-keys.js'
import { voidAllEmailTokens, voidEmailChange } from './email-tokens.js'

type Tx = Pick<Db, 'insert' | 'update' | 'select' | 'delete'>

/**
 * Someone just proved they hold the account's mailbox (a confirmed sign-up, a password reset): from
 * here on only they may act as the account. Whoever held it before (a stranger who signed up first
 * with this address, or whoever knew the old password) loses everything they could have left
 * behind: every session, every API key, the webhook (its address and secret were theirs to choose)
 * and every link still waiting in a mailbox (a confirmation, a reset, an email change or its cancel).
 * Returns the account's fresh API key, in clear, to be shown once.
 */
export function handAccountToMailboxOwner(tx: Tx, userId: string, now = Date.now()): string {
  tx.delete(sessions).where(eq(sessions.userId, userId)).run()
  tx.update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .run()
  dropWebhookEndpoint(tx, userId)
  voidAllEmailTokens(tx, userId, now)
  return createApiKey(tx, userId, now)
}

/**
 * "Sign out everywhere": every session ends, and an email change still waiting for its link is
 * called off (whoever was signed in elsewhere may have asked for it).
 */
export function signOutEverywhere(db: Db, userId: string, now = Date.now()): void {
  db.transaction((tx) => {
    tx.delete(sessions).where(eq(sessions.userId, userId)).run()
    voidEmailChange(tx, userId, now)
  })
}
