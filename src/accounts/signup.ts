import { randomUUID } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import { type User, users } from '../../db/schema.js'
import type { Db } from '../db.js'
import type { Locale } from '../i18n/locales.js'
import type { MailContext } from '../mail/compose.js'
import { queueMail } from '../mail/outbox.js'
import { handAccountToMailboxOwner } from './access.js'
import { consumeEmailToken, issueEmailToken, peekEmailToken } from './email-tokens.js'
import { notices } from './notices.js'
import { hashPassword, verifyPassword } from './passwords.js'
import { defaultPlan } from './plans.js'
import { normalizeEmail } from './service.js'

export type SignUpOutcome = 'created' | 'resent' | 'exists'

/**
 * Starts a sign-up. The page answers the same whatever happens here, so the form never tells
 * whether an address has an account; the mailbox does:
 * - a new address gets an unconfirmed account and a confirmation link;
 * - an unconfirmed account gets one more link, carrying this sign-up's password;
 * - a confirmed account's owner is told that someone tried, with links to sign in and reset.
 * The password is hashed in every case, so the three take as long. Each confirmation link holds
 * the hash of the password typed at its sign-up, and confirming asks for it: whoever signed up
 * first with someone else's address cannot end up holding the account's password.
 */
export async function signUp(
  db: Db,
  ctx: MailContext,
  /** locale: the language the sign-up page was in; the account keeps it (its mail follows it). */
  input: { email: string; password: string; locale?: Locale | undefined },
  now = Date.now(),
): Promise<SignUpOutcome> {
  const email = normalizeEmail(input.email)
  const passwordHash = await hashPassword(input.password)
  return db.transaction((tx) => {
    const existing = tx.select().from(users).where(eq(users.email, email)).get()
    if (existing?.emailConfirmedAt != null) {
      // The owner is told in their own language, not the one of whoever tried.
      queueMail(tx, notices.signUpAttempt(ctx, existing), { userId: existing.id, now })
      return 'exists'
    }
    const locale = input.locale ?? null
    let userId = existing?.id
    if (!userId) {
      userId = randomUUID()
      const user: User = {
        id: userId,
        email,
        passwordHash,
        plan: defaultPlan,
        createdAt: now,
        notifyWhenReady: false,
        emailConfirmedAt: null,
        disabledAt: null,
        locale,
      }
      tx.insert(users).values(user).run()
    } else if (locale) {
      // Unconfirmed: the newest sign-up's language, like its password, is the one the link carries on.
      tx.update(users).set({ locale }).where(eq(users.id, userId)).run()
    }
    const token = issueEmailToken(tx, userId, 'confirm', { passwordHash, now })
    queueMail(tx, notices.confirmSignUp(ctx, { email, locale: locale ?? existing?.locale ?? null }, token), {
      userId,
      now,
    })
    return existing ? 'resent' : 'created'
  })
}

/** A fresh confirmation link for an unconfirmed account (a lost or expired mail), with its password. */
export function resendConfirmation(db: Db, ctx: MailContext, user: User, now = Date.now()): boolean {
  if (user.emailConfirmedAt !== null) return false
  db.transaction((tx) => {
    const token = issueEmailToken(tx, user.id, 'confirm', { passwordHash: user.passwordHash, now })
    queueMail(tx, notices.confirmSignUp(ctx, user, token), { userId: user.id, now })
  })
  return true
}

export type ConfirmOutcome =
  | { ok: true; user: User; apiKey: string }
  | { ok: false; reason: 'bad-link' | 'wrong-password' }

/**
 * The confirmation link was clicked and the password of its sign-up typed again: the address is
 * confirmed, that password becomes the account's, and the account is handed to the mailbox's owner
 * (handAccountToMailboxOwner: nothing anyone else set up survives), with a fresh API key returned in
 * clear, once.
 */
export async function confirmSignUp(
  db: Db,
  token: string,
  password: string,
  now = Date.now(),
): Promise<ConfirmOutcome> {
  const link = peekEmailToken(db, token, 'confirm', now)
  if (!link?.passwordHash) return { ok: false, reason: 'bad-link' }
  if (!(await verifyPassword(password, link.passwordHash))) return { ok: false, reason: 'wrong-password' }
  return db.transaction((tx): ConfirmOutcome => {
    const used = consumeEmailToken(tx, token, 'confirm', now)
    if (!used?.passwordHash) return { ok: false, reason: 'bad-link' }
    const user = tx
      .update(users)
      .set({ emailConfirmedAt: now, passwordHash: used.passwordHash })
      .where(and(eq(users.id, used.userId), isNull(users.disabledAt)))
      .returning()
      .get()
    if (!user) return { ok: false, reason: 'bad-link' }
    return { ok: true, user, apiKey: handAccountToMailboxOwner(tx, user.id, now) }
  })
}
