import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { isDeepStrictEqual } from 'node:util'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import { applyTombstones, type Tombstone } from '../accounts/tombstones.js'
import { migrateDatabase, openDatabase } from '../db.js'
import { type ReplicaError, restoreFromReplica } from './litestream.js'
import { SIGNATURE_MESSAGES as SAY, type SignatureCheck, type SignaturePolicy } from './manifest-signing.js'
import { copyWithHash } from './snapshot-files.js'
import {
  compactUtc,
  DATABASE_FILE,
  fsyncPath,
  inspectDatabase,
  listSnapshots,
  MANIFEST_FILE,
  migrationJournal,
  readSignedManifest,
  rowCounts,
  type SnapshotManifest,
  SnapshotVerificationError,
  tombstonesIn,
} from './snapshots.js'
import { mergeTombstones, tombstonesInSnapshots } from './tombstone-sources.js'

/**
 * Puts a snapshot, or the Litestream replica's database, in place of DATA_DIR/lumina.db (and, from a
 * full snapshot, DATA_DIR/users). In order:
 *   0. a snapshot's manifest must be signed with our key, and a database-only file has none: both
 *      are refused unless the operator forces it (signing.force), before anything is created;
 *   1. build and verify the new database (and files) in a work folder inside DATA_DIR: the
 *      snapshot's SHA-256, `PRAGMA integrity_check`, row counts, each file's SHA-256;
 *   2. refuse while any process holds the database (assertNotInUse);
 *   3. gather deletion tombstones from every source at hand: the database being replaced, and the
 *      signed manifests of all snapshots on disk (unsigned ones too when forced);
 *   4. move the current database, its -wal/-shm and (for a full snapshot) users/ aside to
 *      `*.before-restore-<time>` (never deleted), rename the new ones into place;
 *   5. apply the migrations and the tombstones to the restored database before any app serves it.
 * A failure before step 4 changes nothing; one after it puts everything back as it was.
 */

export class RestoreError extends Error {}

export type RestoreSource = { kind: 'snapshot'; which: string } | { kind: 'replica'; at?: Date }

export type RestoreOptions = {
  dataDir: string
  /** Where `latest` and snapshot names are looked up, and whose manifests give tombstones. */
  backupDir: string
  source: RestoreSource
  /** For `replica`: the config file and the environment Litestream reads it with. */
  litestream?: { configFile: string; env?: Record<string, string | undefined> }
  /** The key manifests must be signed with, and whether the operator forced past a bad signature. */
  signing: SignaturePolicy
  now?: number
}

export type RestoreResult = {
  /** What was restored, for people: a snapshot's path, or the replica and time. */
  source: string
  manifest: SnapshotManifest | null
  /**
   * The snapshot's signature: the key that signed it; or, when forced past a missing or bad one,
   * the loud sentence saying it was not checked; null for the replica (Litestream's own copy).
   */
  signature: { keyId: string; from: string } | { unverified: string } | null
  database: string
  bytes: number
  /** Row counts of the restored database, after migrations and tombstones. */
  tables: Record<string, number>
  /** null: this source holds no files (a database-only snapshot, the replica); users/ was left as it was. */
  files: { count: number; bytes: number } | null
  /** What was renamed aside, as [from, to] pairs. */
  movedAside: [string, string][]
  tombstones: { known: number; accountsRemoved: number; sources: string[] }
  warnings: string[]
}

const SIDE_FILES = ['-wal', '-shm'] as const

type Resolved = { kind: 'full'; dir: string } | { kind: 'database'; file: string }

/** `latest`, a snapshot name in the backup folder, or a path to a snapshot folder or to any SQLite file. */
export function resolveSnapshot(backupDir: string, which: string): Resolved {
  if (which === 'latest') {
    const newest = listSnapshots(backupDir)[0]
    if (!newest) throw new RestoreError(`no snapshots in ${backupDir}`)
    return newest.kind === 'full' ? { kind: 'full', dir: newest.path } : { kind: 'database', file: newest.path }
  }
  const candidates = which.includes('/') ? [which] : [path.join(backupDir, which), which]
  for (const c of candidates) {
    const stat = fs.statSync(c, { throwIfNoEntry: false })
    if (stat?.isDirectory() && fs.existsSync(path.join(c, MANIFEST_FILE))) return { kind: 'full', dir: path.resolve(c) }
    if (stat?.isFile()) return { kind: 'database', file: path.resolve(c) }
  }
  throw new RestoreError(`no such snapshot: ${which} (see the list command)`)
}

/**
 * Fails with a RestoreError if any other connection has the database open.
 *
 * Why this check: in WAL mode a plain `BEGIN EXCLUSIVE` succeeds while the app sits idle with
 * the file open (it only takes the WAL write lock). With `locking_mode=EXCLUSIVE` SQLite
 * must take an exclusive lock on the database file itself, which every open connection (the
 * web thread, the render worker, Litestream's long read) blocks via its shared lock. No pid
 * file to go stale, and it sees every process, not just ours.
 * Returns a warning instead when the file is not SQLite or is corrupt (a reason to restore,
 * and no working app can be serving from it). Any other failure refuses: better safe.
 */
export function assertNotInUse(dbFile: string, whileLocked?: (sqlite: Database.Database) => void): string | undefined {
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(dbFile, { fileMustExist: true })
    sqlite.pragma('busy_timeout = 0')
    sqlite.pragma('locking_mode = EXCLUSIVE')
    sqlite.exec('BEGIN EXCLUSIVE')
    try {
      whileLocked?.(sqlite)
    } finally {
      sqlite.exec('COMMIT')
    }
    return undefined
  } catch (err) {
    const code = (err as { code?: string }).code ?? ''
    if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
      return `the current database could not be read (${(err as Error).message}); it was moved aside as it was`
    }
    const reason =
      code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')
        ? 'is in use'
        : `could not be locked (${code || (err as Error).message})`
    throw new RestoreError(
      `${dbFile} ${reason} (is the app or litestream running?): stop it first; nothing was changed`,
    )
  } finally {
    // Closing the last connection checkpoints the WAL into the file: nothing is lost by it.
    sqlite?.close()
  }
}

/**
 * Step 0: what a snapshot's signature allows. A missing or bad one refuses (RestoreError) unless
 * forced; forced, it is the loud sentence the result carries.
 */
function signatureGate(
  source: string,
  check: SignatureCheck | { ok: false; message: string },
  force: boolean,
): RestoreResult['signature'] {
  if (check.ok) return { keyId: check.keyId, from: check.from }
  if (!force)
    throw new RestoreError(`${source} failed verification: ${check.message}; ${SAY.forceHint}; nothing was changed`)
  return { unverified: SAY.forced(check.message) }
}

/**
 * Our snapshots are rollback-journal files, but a copy of a live database (or a Litestream
 * restore) is marked WAL; opening that read-only would leave -wal/-shm files behind. Header
 * bytes 18 and 19 are 2 for WAL.
 */
function toRollbackJournal(file: string): void {
  const header = Buffer.alloc(20)
  const fd = fs.openSync(file, 'r')
  try {
    fs.readSync(fd, header, 0, 20, 0)
  } finally {
    fs.closeSync(fd)
  }
  if (header.toString('latin1', 0, 15) !== 'SQLite format 3' || header[18] !== 2) return
  const sqlite = new Database(file, { fileMustExist: true })
  try {
    sqlite.pragma('journal_mode = DELETE')
  } finally {
    sqlite.close()
  }
}

/** Run as root (e.g. `fly ssh console`), the new files would be root's and the app could not write them. */
export function keepOwner(target: string, dataDir: string): void {
  if (process.getuid?.() !== 0) return
  const { uid, gid } = fs.statSync(dataDir)
  fs.chownSync(target, uid, gid)
  if (fs.statSync(target).isDirectory()) {
    for (const entry of fs.readdirSync(target, { recursive: true, encoding: 'utf8' }))
      fs.chownSync(path.join(target, entry), uid, gid)
  }
}

/** Builds the snapshot's files under `into`, checking each against the manifest. */
async function copySnapshotFiles(snapshotDir: string, manifest: SnapshotManifest, into: string): Promise<number> {
  let bytes = 0
  for (const entry of manifest.files) {
    const from = path.join(snapshotDir, entry.path)
    let copy: { sha256: string; bytes: number }
    try {
      copy = await copyWithHash(from, path.join(into, entry.path))
    } catch (err) {
      throw new SnapshotVerificationError(
        `${entry.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      )
    }
    if (copy.sha256 !== entry.sha256 || copy.bytes !== entry.bytes) {
      throw new SnapshotVerificationError(`${entry.path} does not match its SHA-256 in the manifest`)
    }
    bytes += copy.bytes
  }
  return bytes
}

export async function restore(options: RestoreOptions): Promise<RestoreResult> {
  const dataDir = path.resolve(options.dataDir)
  const database = path.join(dataDir, 'lumina.db')
  const usersDir = path.join(dataDir, 'users')
  const now = options.now ?? Date.now()
  const stamp = compactUtc(now)
  const warnings: string[] = []
  // The replica is found without a data folder (the disk died); a snapshot must exist first.
  const resolved = options.source.kind === 'snapshot' ? resolveSnapshot(options.backupDir, options.source.which) : null
  // 0. Whether the snapshot may be used at all: nothing is created before this is settled.
  let manifest: SnapshotManifest | null = null
  let signature: RestoreResult['signature'] = null
  if (resolved?.kind === 'full') {
    let read: ReturnType<typeof readSignedManifest>
    try {
      read = readSignedManifest(resolved.dir, options.signing.key)
    } catch (err) {
      throw new RestoreError(`${resolved.dir} failed verification: ${(err as Error).message}; nothing was changed`)
    }
    signature = signatureGate(resolved.dir, read.signature, options.signing.force)
    manifest = read.manifest
  } else if (resolved?.kind === 'database') {
    // A copy of the live file would leave its -wal behind: restoring it loses recent writes.
    if (fs.existsSync(database) && fs.realpathSync(resolved.file) === fs.realpathSync(database)) {
      throw new RestoreError(`${resolved.file} is the live database, not a snapshot`)
    }
    signature = signatureGate(resolved.file, { ok: false, message: SAY.databaseOnly }, options.signing.force)
  }
  fs.mkdirSync(dataDir, { recursive: true })
  const work = path.join(dataDir, `.restore-${stamp}.${process.pid}`)
  const newDb = path.join(work, 'lumina.db')
  const movedAside: [string, string][] = []
  const placed: [string, string][] = []
  fs.rmSync(work, { recursive: true, force: true })
  fs.mkdirSync(work)
  try {
    // 1. The new database (and files) in the work folder, verified.
    let source: string
    let files: RestoreResult['files'] = null
    // Typed on the name, so TypeScript knows a call to it never returns.
    const refuse: (why: string) => never = (why) => {
      throw new RestoreError(`${source} failed verification: ${why}; nothing was changed`)
    }
    if (options.source.kind === 'replica') {
      const at = options.source.at
      source = `the Litestream replica${at ? ` at ${at.toISOString()}` : ' (latest)'}`
      if (!options.litestream) throw new RestoreError('no Litestream config given')
      try {
        await restoreFromReplica({ database, output: newDb, ...(at ? { at } : {}), ...options.litestream })
      } catch (err) {
        throw new RestoreError(`${(err as ReplicaError).message}; nothing was changed`)
      }
    } else if (resolved?.kind === 'full' && manifest) {
      source = resolved.dir
      const m = manifest
      // Hashed as copied, then unzipped from the copy: the bytes checked are the bytes used.
      const gz = path.join(work, DATABASE_FILE)
      const sum = await copyWithHash(path.join(resolved.dir, DATABASE_FILE), gz).catch((err: Error) =>
        refuse(err.message),
      )
      if (sum.sha256 !== m.database.sha256) refuse(`${DATABASE_FILE} does not match its SHA-256 in the manifest`)
      await pipeline(fs.createReadStream(gz), zlib.createGunzip(), fs.createWriteStream(newDb, { flags: 'wx' })).catch(
        (err: Error) => refuse(err.message),
      )
      fs.rmSync(gz)
      try {
        files = { count: m.files.length, bytes: await copySnapshotFiles(resolved.dir, m, path.join(work, 'files')) }
      } catch (err) {
        refuse((err as Error).message)
      }
    } else {
      const file = (resolved as { file: string }).file
      source = file
      fs.copyFileSync(file, newDb)
    }
    // Check the copy we are about to install, not just the source: it also catches a bad copy.
    try {
      toRollbackJournal(newDb)
      const facts = inspectDatabase(newDb)
      if (manifest && !isDeepStrictEqual(facts.tables, manifest.tables)) {
        refuse('its row counts differ from the manifest')
      }
    } catch (err) {
      if (err instanceof RestoreError) throw err
      refuse((err as Error).message)
    }
    const latest = migrationJournal().at(-1)
    if (manifest?.schema.appliedAt && latest && manifest.schema.appliedAt > latest.when) {
      warnings.push(
        `the snapshot's schema (${manifest.schema.migration ?? manifest.schema.appliedAt}) is newer than this code's (${latest.tag}): run the app version that took it (${manifest.app.version})`,
      )
    }
    fsyncPath(newDb)

    // 2. Nobody may hold the database while it is replaced; 3. every deletion the restored data may
    // predate, first from the database being replaced (read under the same lock).
    const sources: string[] = []
    const lists: Tombstone[][] = []
    const unreadable = fs.existsSync(database)
      ? assertNotInUse(database, (sqlite) => {
          try {
            lists.push(tombstonesIn(sqlite))
            sources.push('the database being replaced')
          } catch (err) {
            warnings.push(`could not read tombstones from the database being replaced: ${(err as Error).message}`)
          }
        })
      : undefined
    if (unreadable) warnings.push(unreadable)
    const inSnapshots = tombstonesInSnapshots(options.backupDir, options.signing)
    if (inSnapshots.read > 0) {
      lists.push(inSnapshots.tombstones)
      sources.push(`${inSnapshots.read} snapshot manifest${inSnapshots.read === 1 ? '' : 's'}`)
    }
    if (inSnapshots.unsigned > 0) {
      warnings.push(
        options.signing.force
          ? SAY.tombstonesForced(inSnapshots.unsigned)
          : SAY.tombstonesSkipped(inSnapshots.unsigned),
      )
    }
    const tombstones = mergeTombstones(...lists)

    // 4. Aside, then into place. A second restore within the same second gets its own suffix.
    let moves: [string, string][] = []
    for (let n = 1; moves.length === 0 || moves.some(([, to]) => fs.existsSync(to)); n++) {
      const suffix = `.before-restore-${stamp}${n > 1 ? `-${n}` : ''}`
      moves = ['', ...SIDE_FILES].map((s) => [database + s, `${database}${suffix}${s}`])
      if (files) moves.push([usersDir, usersDir + suffix])
    }
    for (const [from, to] of moves) {
      if (!fs.existsSync(from)) continue
      fs.renameSync(from, to)
      movedAside.push([from, to])
    }
    fs.renameSync(newDb, database)
    placed.push([newDb, database])
    if (files) {
      const restoredUsers = path.join(work, 'files', 'users')
      fs.mkdirSync(restoredUsers, { recursive: true })
      fs.renameSync(restoredUsers, usersDir)
      placed.push([restoredUsers, usersDir])
    }
    fsyncPath(dataDir)

    // 5. The schema this code expects, and no deleted account, before anything serves it.
    const db = openDatabase(database)
    let accountsRemoved: number
    let tables: Record<string, number>
    try {
      migrateDatabase(db)
      accountsRemoved = await applyTombstones(db, dataDir, tombstones)
      tables = rowCounts(db.$client)
    } finally {
      // The last connection's close folds its WAL back into the file: no -wal/-shm are left.
      db.$client.close()
    }
    keepOwner(database, dataDir)
    if (files) keepOwner(usersDir, dataDir)
    return {
      source,
      manifest,
      signature,
      database,
      bytes: fs.statSync(database).size,
      tables,
      files,
      movedAside,
      tombstones: { known: tables.deletion_tombstones ?? 0, accountsRemoved, sources },
      warnings,
    }
  } catch (err) {
    // Put back whatever was moved, so a failure half-way leaves the data directory as it was.
    for (const [from, to] of placed.reverse()) {
      if (!fs.existsSync(to)) continue
      fs.renameSync(to, from)
      if (to === database) for (const s of SIDE_FILES) fs.rmSync(database + s, { force: true })
    }
    for (const [from, to] of movedAside.reverse()) if (!fs.existsSync(from)) fs.renameSync(to, from)
    throw err
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}
