import { randomUUID } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import { apiKeys, type User, users } from '../../db/schema.js'
import type { Db } from '../db.js'
import type { MailContext } from '../mail/compose.js'
import { queueMail } from '../mail/outbox.js'
import { createApiKey } from './api-keys.js'
import { consumeEmailToken, issueEmailToken } from './email-tokens.js'
import { notices } from './notices.js'
import { hashPassword } from './passwords.js'
import { defaultPlan } from './plans.js'
import { normalizeEmail } from './service.js'

export type SignUpOutcome = 'created' | 'resent' | 'exists'

/**
 * Starts a sign-up. The page answers the same whatever happens here, so the form never tells
 * whether an address has an account; the mailbox does:
 * - a new address gets an unconfirmed account and a confirmation link;
 * - an unconfirmed account takes the newest password and gets a fresh link (whoever signed up
 *   first with someone else's address loses the account they could never confirm);
 * - a confirmed account's owner is told that someone tried, with links to sign in and reset.
 * The password is hashed in every case, so the three take as long.
 */
export async function signUp(
  db: Db,
  ctx: MailContext,
  input: { email: string; password: string },
  now = Date.now(),
): Promise<SignUpOutcome> {
  const email = normalizeEmail(input.email)
  const passwordHash = await hashPassword(input.password)
  return db.transaction((tx) => {
    const existing = tx.select().from(users).where(eq(users.email, email)).get()
    if (existing?.emailConfirmedAt != null) {
      queueMail(tx, notices.signUpAttempt(ctx, email), { userId: existing.id, now })
      return 'exists'
    }
    let userId = existing?.id
    if (userId) {
      tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run()
    } else {
      userId = randomUUID()
      const user: User = {
        id: userId,
        email,
        passwordHash,
        plan: defaultPlan,
        createdAt: now,
        emailConfirmedAt: null,
        disabledAt: null,
      }
      tx.insert(users).values(user).run()
    }
    const token = issueEmailToken(tx, userId, 'confirm', { now })
    queueMail(tx, notices.confirmSignUp(ctx, email, token), { userId, now })
    return existing ? 'resent' : 'created'
  })
}

/** A fresh confirmation link for an unconfirmed account (a lost or expired mail). */
export function resendConfirmation(db: Db, ctx: MailContext, user: User, now = Date.now()): boolean {
  if (user.emailConfirmedAt !== null) return false
  db.transaction((tx) => {
    const token = issueEmailToken(tx, user.id, 'confirm', { now })
    queueMail(tx, notices.confirmSignUp(ctx, user.email, token), { userId: user.id, now })
  })
  return true
}

/**
 * The confirmation link was clicked: the address is confirmed and the account gets its first API
 * key (returned in clear, once). Undefined for an unknown, used or expired link.
 */
export function confirmSignUp(
  db: Db,
  token: string,
  now = Date.now(),
): { user: User; apiKey: string | null } | undefined {
  return db.transaction((tx) => {
    const used = consumeEmailToken(tx, token, 'confirm', now)
    if (!used) return undefined
    const user = tx
      .update(users)
      .set({ emailConfirmedAt: now })
      .where(and(eq(users.id, used.userId), isNull(users.disabledAt)))
      .returning()
      .get()
    if (!user) return undefined
    const hasKey = tx
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(and(eq(apiKeys.userId, user.id), isNull(apiKeys.revokedAt)))
      .get()
    return { user, apiKey: hasKey ? null : createApiKey(tx, user.id, now) }
  })
}
