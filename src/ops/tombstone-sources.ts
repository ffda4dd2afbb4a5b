import Database from 'better-sqlite3'
import type { Tombstone } from '../accounts/tombstones.js'
import type { SignaturePolicy } from './manifest-signing.js'
import { listSnapshots, readSignedManifest, tombstonesIn } from './snapshots.js'

/**
 * Where a restore learns which accounts were deleted after the data it puts back was taken: the
 * database being replaced, the snapshots' manifests (here and in the bucket), the restored
 * database. One tombstone per account is kept, the earliest.
 */

/** The tombstones in a database file; throws when it cannot be read. */
export function readTombstonesFrom(file: string): Tombstone[] {
  // Not read-only: a read-only connection to a WAL database leaves -wal/-shm files behind on close.
  const sqlite = new Database(file, { fileMustExist: true })
  try {
    sqlite.pragma('busy_timeout = 5000')
    return tombstonesIn(sqlite)
  } finally {
    sqlite.close()
  }
}

/** One tombstone per account (the earliest), from any number of lists. */
export function mergeTombstones(...lists: Tombstone[][]): Tombstone[] {
  const byUser = new Map<string, Tombstone>()
  for (const t of lists.flat()) {
    const seen = byUser.get(t.userId)
    if (!seen || t.deletedAt < seen.deletedAt) byUser.set(t.userId, { userId: t.userId, deletedAt: t.deletedAt })
  }
  return [...byUser.values()]
}

/**
 * Tombstones in the manifests of every full snapshot in the folder. Unreadable ones are skipped,
 * and so are those not signed with our key unless forced: a planted manifest could name every account.
 */
export function tombstonesInSnapshots(
  backupDir: string,
  signing: SignaturePolicy,
): { tombstones: Tombstone[]; read: number; unsigned: number } {
  const lists: Tombstone[][] = []
  let unsigned = 0
  for (const s of listSnapshots(backupDir)) {
    if (s.kind !== 'full') continue
    try {
      const { manifest, signature } = readSignedManifest(s.path, signing.key)
      if (!signature.ok) unsigned++
      if (signature.ok || signing.force) lists.push(manifest.tombstones)
    } catch {
      // A damaged manifest cannot vouch for anything; the others still count.
    }
  }
  return { tombstones: mergeTombstones(...lists), read: lists.length, unsigned }
}
