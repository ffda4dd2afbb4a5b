import { and, eq, ne } from 'drizzle-orm'
import { sessions, type User, users } from '../../db/schema.js'
import type { Db } from '../db.js'
import type { MailContext } from '../mail/compose.js'
import { queueMail } from '../mail/outbox.js'
import { handAccountToMailboxOwner } from './access.js'
import { consumeEmailToken, issueEmailToken, voidEmailChange, voidEmailTokens } from './email-tokens.js'
import { notices } from './notices.js'
import { hashPassword } from './passwords.js'
import { normalizeEmail } from './service.js'

// Password reset, password change and email change: each writes its mail in the same transaction
// as the change, and each signs out what the change should sign out.

/** Mails a reset link when the address has an account; the caller answers the same either way. */
export function requestPasswordReset(db: Db, ctx: MailContext, email: string, now = Date.now()): boolean {
  return db.transaction((tx) => {
    const user = tx
      .select()
      .from(users)
      .where(eq(users.email, normalizeEmail(email)))
      .get()
    if (!user || user.disabledAt !== null) return false
    const token = issueEmailToken(tx, user.id, 'reset', { now })
    queueMail(tx, notices.resetPassword(ctx, user, token), { userId: user.id, now })
    return true
  })
}

/**
 * Sets the new password from a reset link: the link is used up, the account is handed to the
 * mailbox's owner (every session, API key, webhook and other mailed link goes; a fresh key is
 * returned in clear, once), and a notice goes out. Clicking a mailed link also proves the address,
 * so it counts as confirmed. Returns the user (the caller signs them in afresh) and the new key,
 * or undefined for a bad link.
 */
export async function resetPassword(
  db: Db,
  ctx: MailContext,
  token: string,
  password: string,
  now = Date.now(),
): Promise<{ user: User; apiKey: string } | undefined> {
  const passwordHash = await hashPassword(password)
  return db.transaction((tx) => {
    const used = consumeEmailToken(tx, token, 'reset', now)
    if (!used) return undefined
    const user = tx.select().from(users).where(eq(users.id, used.userId)).get()
    if (!user || user.disabledAt !== null) return undefined
    const emailConfirmedAt = user.emailConfirmedAt ?? now
    tx.update(users).set({ passwordHash, emailConfirmedAt }).where(eq(users.id, user.id)).run()
    const apiKey = handAccountToMailboxOwner(tx, user.id, now)
    queueMail(tx, notices.passwordChanged(ctx, user, 'reset'), { userId: user.id, now })
    return { user: { ...user, passwordHash, emailConfirmedAt }, apiKey }
  })
}

/** The account page's change: the current password was checked by the caller; other sessions end. */
export async function changePassword(
  db: Db,
  ctx: MailContext,
  user: User,
  keepSessionId: string,
  password: string,
  now = Date.now(),
): Promise<number> {
  const passwordHash = await hashPassword(password)
  return db.transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run()
    const signedOut = tx
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, keepSessionId)))
      .run().changes
    // Whoever knew the old password may have asked for these; the new password calls them off.
    voidEmailTokens(tx, user.id, 'reset', now)
    voidEmailChange(tx, user.id, now)
    queueMail(tx, notices.passwordChanged(ctx, user, 'changed'), { userId: user.id, now })
    return signedOut
  })
}

/**
 * Mails a confirmation link to the new address; nothing changes until it is clicked. The current
 * address is told at once, with a link that calls the change off: whoever asked may only know the
 * password. When the new address already has an account, its owner is told instead, and the
 * caller answers the same.
 */
export function requestEmailChange(db: Db, ctx: MailContext, user: User, newEmail: string, now = Date.now()): void {
  const email = normalizeEmail(newEmail)
  db.transaction((tx) => {
    const taken = tx
      .select({ id: users.id, email: users.email, locale: users.locale })
      .from(users)
      .where(eq(users.email, email))
      .get()
    if (taken) {
      // Told in the language of the account that has the address.
      queueMail(tx, notices.emailTaken(ctx, taken), { userId: user.id, now })
      return
    }
    const token = issueEmailToken(tx, user.id, 'change_email', { newEmail: email, now })
    queueMail(tx, notices.confirmNewEmail(ctx, { email, locale: user.locale }, token), { userId: user.id, now })
    const cancel = issueEmailToken(tx, user.id, 'cancel_email_change', { newEmail: email, now })
    queueMail(tx, notices.emailChangeRequested(ctx, user, email, cancel), { userId: user.id, now })
  })
}

/**
 * The cancel link mailed to the current address was clicked: the pending change is called off.
 * Returns the address it would have moved to, or undefined for a bad or spent link.
 */
export function cancelEmailChange(db: Db, token: string, now = Date.now()): string | undefined {
  return db.transaction((tx) => {
    const used = consumeEmailToken(tx, token, 'cancel_email_change', now)
    if (!used) return undefined
    voidEmailChange(tx, used.userId, now)
    return used.newEmail ?? undefined
  })
}

export class EmailNowTakenError extends Error {}

/**
 * The link mailed to the new address was clicked: the account takes the address (confirmed by the
 * click) and the old address is told. Throws EmailNowTakenError when another account took the
 * address since; undefined for a bad link.
 */
export function confirmEmailChange(db: Db, ctx: MailContext, token: string, now = Date.now()): User | undefined {
  return db.transaction((tx) => {
    const used = consumeEmailToken(tx, token, 'change_email', now)
    if (!used?.newEmail) return undefined
    const user = tx.select().from(users).where(eq(users.id, used.userId)).get()
    // An unconfirmed account can do nothing but confirm: a change asked for before would move it.
    if (!user || user.disabledAt !== null || user.emailConfirmedAt === null) return undefined
    const newEmail = used.newEmail
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, newEmail)).get()) throw new EmailNowTakenError()
    tx.update(users).set({ email: newEmail, emailConfirmedAt: now }).where(eq(users.id, user.id)).run()
    voidEmailChange(tx, user.id, now)
    queueMail(tx, notices.emailChanged(ctx, user, newEmail), { userId: user.id, now })
    return { ...user, email: newEmail, emailConfirmedAt: now }
  })
}
