import { inArray, lt } from 'drizzle-orm'
import { deletionTombstones, users } from '../../db/schema.js'
import type { Db } from '../db.js'
import { removeUserFiles } from '../storage.js'

/** How long a tombstone outlives the account: the policy's "permanently within 30 days". */
export const TOMBSTONE_DAYS = 30
const TOMBSTONE_MS = TOMBSTONE_DAYS * 24 * 60 * 60 * 1000

export type Tombstone = { userId: string; deletedAt: number }

type Tx = Pick<Db, 'insert'>

/** Written in the transaction that deletes the account: the id and the time, nothing personal. */
export function recordTombstone(tx: Tx, userId: string, now = Date.now()): void {
  tx.insert(deletionTombstones).values({ userId, deletedAt: now }).onConflictDoNothing().run()
}

export function listTombstones(db: Db): Tombstone[] {
  return db.select().from(deletionTombstones).all()
}

/**
 * Makes every tombstone true in this database: records the ones it lacks (say, a restored snapshot
 * taken before the deletion), deletes any account they name (rows cascade) and its files.
 * Run before the app serves a request after a restore, and at every start. Returns the accounts removed.
 */
export async function applyTombstones(db: Db, dataDir: string, tombstones: Tombstone[] = []): Promise<number> {
  const { named, removed } = db.transaction((tx) => {
    for (const t of tombstones) {
      tx.insert(deletionTombstones).values(t).onConflictDoNothing().run()
    }
    const all = tx.select({ userId: deletionTombstones.userId }).from(deletionTombstones).all()
    const named = all.map((t) => t.userId)
    if (named.length === 0) return { named, removed: 0 }
    const present = tx.select({ id: users.id }).from(users).where(inArray(users.id, named)).all()
    if (present.length > 0) {
      tx.delete(users)
        .where(
          inArray(
            users.id,
            present.map((u) => u.id),
          ),
        )
        .run()
    }
    return { named, removed: present.length }
  })
  // Files go after the rows: a crash in between leaves files the next start removes again.
  for (const id of named) await removeUserFiles(dataDir, id)
  return removed
}

/** Tombstones older than 30 days are no longer needed: no backup that old is kept. */
export function pruneTombstones(db: Db, now = Date.now()): number {
  return db
    .delete(deletionTombstones)
    .where(lt(deletionTombstones.deletedAt, now - TOMBSTONE_MS))
    .run().changes
}
