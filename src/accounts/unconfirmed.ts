import { and, isNull, lt } from 'drizzle-orm'
import { users } from '../../db/schema.js'
import type { Db } from '../db.js'
import { deleteAccount } from './service.js'

/** An account whose email is not confirmed this long after sign-up is deleted, with all it uploaded. */
export const UNCONFIRMED_ACCOUNT_DAYS = 7
const UNCONFIRMED_ACCOUNT_MS = UNCONFIRMED_ACCOUNT_DAYS * 24 * 60 * 60 * 1000

/**
 * Deletes every account still unconfirmed 7 days after sign-up, as a person deleting theirs would
 * (rows, files, a tombstone with the id and the time only), but without a mail: the address was
 * never shown to be theirs. Each is checked again inside its deleting transaction, so one confirmed
 * meanwhile stays. Returns how many were deleted.
 */
export async function deleteUnconfirmedAccounts(db: Db, dataDir: string, now = Date.now()): Promise<number> {
  const cutoff = now - UNCONFIRMED_ACCOUNT_MS
  const stale = db
    .select({ id: users.id })
    .from(users)
    .where(and(isNull(users.emailConfirmedAt), lt(users.createdAt, cutoff)))
    .all()
  let deleted = 0
  for (const { id } of stale) {
    const stillStale = (user: { emailConfirmedAt: number | null; createdAt: number }) =>
      user.emailConfirmedAt === null && user.createdAt < cutoff
    if (await deleteAccount(db, dataDir, id, { now, onlyIf: stillStale })) deleted++
  }
  return deleted
}
