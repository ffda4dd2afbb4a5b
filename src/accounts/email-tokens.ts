import { randomBytes, randomUUID } from 'node:crypto'
import { and, eq, gt, isNull } from 'drizzle-orm'
import { type EmailToken, emailTokens } from '../../db/schema.js'
import type { EmailTokenPurpose } from '../../db/states.js'
import type { Db } from '../db.js'
import { sha256 } from './tokens.js'

const MINUTE = 60 * 1000
/** How long each kind of mailed link works. A reset is short-lived: it opens the account. */
export const TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  confirm: 48 * 60 * MINUTE,
  reset: 30 * MINUTE,
  change_email: 24 * 60 * MINUTE,
  cancel_email_change: 24 * 60 * MINUTE,
}

type Tx = Pick<Db, 'insert' | 'update' | 'select'>

/**
 * Issues a single-use link token. Earlier unused reset and email-change tokens stop working, so
 * only the newest mail's link opens anything. Only the SHA-256 hash is stored.
 */
export function issueEmailToken(
  tx: Tx,
  userId: string,
  purpose: EmailTokenPurpose,
  options: { newEmail?: string; passwordHash?: string; now?: number } = {},
): string {
  const now = options.now ?? Date.now()
  // A confirmation link carries the password of its own sign-up, so earlier ones stay good: a
  // stranger signing up with the address must not be able to void the owner's link.
  if (purpose !== 'confirm') voidEmailTokens(tx, userId, purpose, now)
  const token = randomBytes(32).toString('base64url')
  tx.insert(emailTokens)
    .values({
      id: randomUUID(),
      userId,
      purpose,
      tokenHash: sha256(token),
      newEmail: options.newEmail ?? null,
      passwordHash: options.passwordHash ?? null,
      createdAt: now,
      expiresAt: now + TOKEN_TTL_MS[purpose],
    })
    .run()
  return token
}

export function voidEmailTokens(tx: Pick<Db, 'update'>, userId: string, purpose: EmailTokenPurpose, now = Date.now()) {
  tx.update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.userId, userId), eq(emailTokens.purpose, purpose), isNull(emailTokens.usedAt)))
    .run()
}

/** Voids every outstanding link of the account, whatever it was for. */
export function voidAllEmailTokens(tx: Pick<Db, 'update'>, userId: string, now = Date.now()) {
  tx.update(emailTokens)
    .set({ usedAt: now })
    .where(and(eq(emailTokens.userId, userId), isNull(emailTokens.usedAt)))
    .run()
}

/** Voids a pending email change: the link to the new address and the cancel link mailed to the old one. */
export function voidEmailChange(tx: Pick<Db, 'update'>, userId: string, now = Date.now()) {
  voidEmailTokens(tx, userId, 'change_email', now)
  voidEmailTokens(tx, userId, 'cancel_email_change', now)
}

function looksLikeEmailToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token)
}

/** The row of a token that still opens something: this purpose, unused, unexpired. */
function usable(token: string, purpose: EmailTokenPurpose, now: number) {
  return and(
    eq(emailTokens.tokenHash, sha256(token)),
    eq(emailTokens.purpose, purpose),
    isNull(emailTokens.usedAt),
    gt(emailTokens.expiresAt, now),
  )
}

/** The token's row while it is unused and unexpired; reading it uses nothing (a form shows first). */
export function peekEmailToken(db: Pick<Db, 'select'>, token: string, purpose: EmailTokenPurpose, now = Date.now()) {
  if (!looksLikeEmailToken(token)) return undefined
  return db
    .select()
    .from(emailTokens)
    .where(usable(token, purpose, now))
    .get()
}

/** Uses the token: one UPDATE, so two clicks at once cannot both succeed. */
export function consumeEmailToken(
  tx: Pick<Db, 'update'>,
  token: string,
  purpose: EmailTokenPurpose,
  now = Date.now(),
): EmailToken | undefined {
  if (!looksLikeEmailToken(token)) return undefined
  return tx
    .update(emailTokens)
    .set({ usedAt: now })
    .where(usable(token, purpose, now))
    .returning()
    .get()
}
