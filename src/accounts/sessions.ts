import { randomUUID } from 'node:crypto'
import { and, eq, gt, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import { type Session, sessions, type User, users } from '../../db/schema.js'
import { type Db, preparedPerDb } from '../db.js'
import { looksLikeSessionToken, newSessionToken, sha256 } from './tokens.js'

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000
// Sliding expiry without a write on every request: extend at most once an hour.
const RENEW_AFTER_MS = 60 * 60 * 1000

export function createSession(
  db: Db,
  userId: string,
  now = Date.now(),
): { id: string; token: string; expiresAt: number } {
  const token = newSessionToken()
  const id = randomUUID()
  const expiresAt = now + SESSION_TTL_MS
  db.insert(sessions)
    .values({ id, tokenHash: sha256(token), userId, createdAt: now, expiresAt })
    .run()
  return { id, token, expiresAt }
}

// Runs on every page request: prepared once.
const sessionByTokenHash = preparedPerDb((db) =>
  db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        isNull(users.disabledAt), // a disabled account's sessions stop working at once
        isNotNull(users.emailConfirmedAt), // an unconfirmed account can do nothing but confirm
      ),
    )
    .prepare(),
)

export type SignedInSession = { user: User; session: Session; renewed: boolean }

/** The user behind a cookie token, extending the session's 30 days when it is more than an hour old. */
export function sessionFromToken(db: Db, token: string, now = Date.now()): SignedInSession | null {
  if (!looksLikeSessionToken(token)) return null
  const row = sessionByTokenHash(db).get({ tokenHash: sha256(token), now })
  if (!row) return null
  const renewed = row.session.expiresAt - now < SESSION_TTL_MS - RENEW_AFTER_MS
  if (renewed) {
    const expiresAt = now + SESSION_TTL_MS
    db.update(sessions).set({ expiresAt }).where(eq(sessions.id, row.session.id)).run()
    row.session = { ...row.session, expiresAt }
  }
  return { ...row, renewed }
}

export function revokeSession(db: Db, token: string): void {
  db.delete(sessions)
    .where(eq(sessions.tokenHash, sha256(token)))
    .run()
}

export function revokeAllSessions(db: Db, userId: string): number {
  return db.delete(sessions).where(eq(sessions.userId, userId)).run().changes
}

export function deleteExpiredSessions(db: Db, now = Date.now()): number {
  return db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes
}
