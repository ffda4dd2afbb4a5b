import { eq } from 'drizzle-orm'
import { sessions, type User, users } from '../../db/schema.js'
import type { PlanId } from '../../db/states.js'
import type { Db } from '../db.js'
import { normalizeEmail } from './service.js'

// What the operator changes on an account (the admin CLI, src/cli/admin.ts).

const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export type UserLookup = { user: User } | { problem: string }

/**
 * The account named by an exact id or an exact email (case and spaces around it ignored, as at
 * sign-in). Anything else is refused rather than guessed: no prefixes, no partial addresses.
 */
export function findUserByIdOrEmail(db: Db, input: string): UserLookup {
  const text = input.trim()
  let user: User | undefined
  if (USER_ID.test(text)) user = db.select().from(users).where(eq(users.id, text.toLowerCase())).get()
  else if (/^[^\s@]+@[^\s@]+$/.test(text))
    user = db
      .select()
      .from(users)
      .where(eq(users.email, normalizeEmail(text)))
      .get()
  else return { problem: `"${text}" is neither a user id (a UUID) nor an email address` }
  return user ? { user } : { problem: `no account has the ${USER_ID.test(text) ? 'id' : 'email'} "${text}"` }
}

/** Changes the plan; returns the one it had. */
export function setPlan(db: Db, userId: string, plan: PlanId): PlanId | undefined {
  return db.transaction((tx) => {
    const before = tx.select({ plan: users.plan }).from(users).where(eq(users.id, userId)).get()
    tx.update(users).set({ plan }).where(eq(users.id, userId)).run()
    return before?.plan
  })
}

/**
 * Disables the account: it cannot sign in, its API key is refused, and every browser session ends
 * now (a later enable does not bring them back). Returns the sessions ended.
 */
export function disableAccount(db: Db, userId: string, now = Date.now()): number {
  return db.transaction((tx) => {
    tx.update(users).set({ disabledAt: now }).where(eq(users.id, userId)).run()
    return tx.delete(sessions).where(eq(sessions.userId, userId)).run().changes
  })
}

export function enableAccount(db: Db, userId: string): void {
  db.update(users).set({ disabledAt: null }).where(eq(users.id, userId)).run()
}
