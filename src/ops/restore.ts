import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { compactUtc, fsyncPath, listSnapshots, verifySnapshotFile } from './snapshots.js'

/**
 * Puts a snapshot in place of DATA_DIR/lumina.db. Nothing is ever deleted: the current
 * database and its -wal/-shm are renamed to lumina.db.before-restore-<time>(-wal/-shm).
 */

export class RestoreError extends Error {}

export type RestoreResult = {
  snapshot: string
  database: string
  bytes: number
  /** What was renamed aside, as [from, to] pairs; empty when there was no database. */
  movedAside: [string, string][]
  /** Set when the current database could not be opened (e.g. corrupt), so no lock was taken on it. */
  warning?: string
}

const SIDE_FILES = ['-wal', '-shm'] as const

/** `latest`, a snapshot name in the snapshot directory, or a path to any SQLite file. */
export function resolveSnapshot(snapshotDir: string, which: string): string {
  if (which === 'latest') {
    const newest = listSnapshots(snapshotDir)[0]
    if (!newest) throw new RestoreError(`no snapshots in ${snapshotDir}`)
    return newest.file
  }
  const candidates = which.includes('/') || which.includes(path.sep) ? [which] : [which, path.join(snapshotDir, which)]
  for (const c of candidates) {
    if (fs.statSync(c, { throwIfNoEntry: false })?.isFile()) return path.resolve(c)
  }
  throw new RestoreError(`no such snapshot: ${which} (see --list)`)
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
export function assertNotInUse(dbFile: string): string | undefined {
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(dbFile, { fileMustExist: true })
    sqlite.pragma('busy_timeout = 0')
    sqlite.pragma('locking_mode = EXCLUSIVE')
    sqlite.exec('BEGIN EXCLUSIVE')
    sqlite.exec('COMMIT')
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

export type RestoreOptions = {
  /** The live database, DATA_DIR/lumina.db (config.databasePath). */
  database: string
  /** Where `latest` and bare snapshot names are looked up. */
  snapshotDir: string
  /** `latest`, a snapshot name, or a path. */
  snapshot: string
  now?: number
}

export function restoreSnapshot(options: RestoreOptions): RestoreResult {
  const database = path.resolve(options.database)
  const dataDir = path.dirname(database)
  const now = options.now ?? Date.now()
  if (!fs.statSync(dataDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new RestoreError(`data directory ${dataDir} does not exist`)
  }
  const snapshot = resolveSnapshot(options.snapshotDir, options.snapshot)
  // A copy of the live file would leave its -wal behind: restoring it loses recent writes.
  if (fs.existsSync(database) && fs.realpathSync(snapshot) === fs.realpathSync(database)) {
    throw new RestoreError(`${snapshot} is the live database, not a snapshot`)
  }
  const stamp = compactUtc(now)
  const aside = `${database}.before-restore-${stamp}`
  const temp = path.join(dataDir, `.${path.basename(database)}.restoring-${stamp}.${process.pid}`)
  const movedAside: [string, string][] = []

  try {
    // Check the copy we are about to install, not just the source: it also catches a bad copy.
    fs.copyFileSync(snapshot, temp)
    try {
      toRollbackJournal(temp)
      verifySnapshotFile(temp, ['users'])
    } catch (err) {
      throw new RestoreError(`snapshot ${snapshot} failed verification: ${(err as Error).message}; nothing was changed`)
    }
    fsyncPath(temp)

    let warning: string | undefined
    if (fs.existsSync(database)) {
      warning = assertNotInUse(database)
      if ([aside, ...SIDE_FILES.map((s) => aside + s)].some((f) => fs.existsSync(f))) {
        throw new RestoreError(`${aside} already exists; try again in a second; nothing was changed`)
      }
      for (const suffix of ['', ...SIDE_FILES]) {
        if (!fs.existsSync(database + suffix)) continue
        fs.renameSync(database + suffix, aside + suffix)
        movedAside.push([database + suffix, aside + suffix])
      }
    }
    fs.renameSync(temp, database)
    fsyncPath(dataDir)
    keepOwner(database, dataDir)
    return { snapshot, database, bytes: fs.statSync(database).size, movedAside, ...(warning ? { warning } : {}) }
  } catch (err) {
    // Put back whatever was moved, so a failure half-way leaves the data directory as it was.
    for (const [from, to] of movedAside.reverse()) {
      if (!fs.existsSync(from)) fs.renameSync(to, from)
    }
    throw err
  } finally {
    for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(temp + suffix, { force: true })
  }
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

/** Run as root (e.g. `fly ssh console`), the new file would be root's and the app could not write it. */
function keepOwner(file: string, dataDir: string): void {
  if (process.getuid?.() !== 0) return
  const { uid, gid } = fs.statSync(dataDir)
  fs.chownSync(file, uid, gid)
}
