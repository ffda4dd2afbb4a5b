import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Logger } from 'pino'
import type { Db } from '../db.js'

/**
 * Daily snapshots of the SQLite file: a consistent copy made with `VACUUM INTO` (a read
 * transaction, so in WAL mode the app and the render worker keep writing), verified before it
 * gets its final name, kept for a week. They sit on the same volume as the database, so they
 * cover mistakes and corruption; off-site copies come from Litestream (backups/README.md).
 */

const HOUR = 60 * 60 * 1000
const NAME = /^lumina-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z\.db$/

export type Snapshot = { file: string; bytes: number }
export type SnapshotInfo = { name: string; file: string; time: number; bytes: number }

/** Where main.ts and the restore CLI both look: DATA_DIR/backups. */
export function defaultSnapshotDir(dataDir: string): string {
  return path.join(dataDir, 'backups')
}

/** `YYYYMMDDTHHMMSSZ` in UTC: sorts as text, safe in file names on every system. */
export function compactUtc(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z')
}

export function snapshotName(time: number): string {
  return `lumina-${compactUtc(time)}.db`
}

/** The time in a snapshot's name, or null for any other file (which we then never touch). */
export function parseSnapshotName(name: string): number | null {
  const m = NAME.exec(name)
  if (!m) return null
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number]
  const time = Date.UTC(y, mo - 1, d, h, mi, s)
  // Date.UTC rolls 20261399 over into another date; such a name is not one of ours.
  return snapshotName(time) === name ? time : null
}

export class SnapshotVerificationError extends Error {}

/**
 * Opens the file read-only and requires `PRAGMA integrity_check` to say exactly 'ok'.
 * `requireTables` lets the restore refuse a valid SQLite file that is not a Lumina database.
 */
export function verifySnapshotFile(file: string, requireTables: string[] = []): void {
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true })
    const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[]
    const result = rows.map((r) => r.integrity_check)
    if (result.length !== 1 || result[0] !== 'ok') {
      throw new SnapshotVerificationError(`integrity check failed: ${result.slice(0, 3).join('; ')}`)
    }
    for (const table of requireTables) {
      const found = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)
      if (!found) throw new SnapshotVerificationError(`not a Lumina database (no ${table} table)`)
    }
  } catch (err) {
    if (err instanceof SnapshotVerificationError) throw err
    throw new SnapshotVerificationError(err instanceof Error ? err.message : String(err))
  } finally {
    sqlite?.close()
  }
}

/** Flushes a file or directory to disk, so a rename survives a power cut with its content. */
export function fsyncPath(p: string): void {
  const fd = fs.openSync(p, 'r')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * Writes a verified snapshot to `dir/lumina-YYYYMMDDTHHMMSSZ.db`. The copy is made under a
 * temporary name and renamed only once it passes the integrity check, so a file with a
 * snapshot's name is always a complete, checked database.
 */
export function takeSnapshot(db: Db, dir: string, now = Date.now()): Snapshot {
  fs.mkdirSync(dir, { recursive: true })
  const name = snapshotName(now)
  const file = path.join(dir, name)
  const temp = path.join(dir, `.${name}.${process.pid}.tmp`)
  try {
    // VACUUM INTO refuses a target that exists and is not empty (a leftover from a crash).
    fs.rmSync(temp, { force: true })
    db.$client.prepare('VACUUM INTO ?').run(temp)
    verifySnapshotFile(temp)
    fsyncPath(temp)
    fs.renameSync(temp, file)
    fsyncPath(dir)
  } finally {
    fs.rmSync(temp, { force: true })
  }
  return { file, bytes: fs.statSync(file).size }
}

/** Snapshots in `dir`, newest first (by the time in the name; mtime changes with copies). */
export function listSnapshots(dir: string): SnapshotInfo[] {
  let names: string[]
  try {
    names = fs.readdirSync(dir)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  const found: SnapshotInfo[] = []
  for (const name of names) {
    const time = parseSnapshotName(name)
    if (time === null) continue
    const file = path.join(dir, name)
    const stat = fs.statSync(file, { throwIfNoEntry: false })
    if (stat?.isFile()) found.push({ name, file, time, bytes: stat.size })
  }
  return found.sort((a, b) => b.time - a.time)
}

/** Deletes all but the newest `keep` snapshots; returns the names it deleted. */
export function pruneSnapshots(dir: string, keep = 7): string[] {
  // Keeping zero would delete every backup on a typo in a setting.
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a whole number ≥ 1 (got ${keep})`)
  const old = listSnapshots(dir).slice(keep)
  for (const s of old) fs.rmSync(s.file, { force: true })
  return old.map((s) => s.name)
}

export type SnapshotScheduleOptions = {
  db: Db
  dir: string
  logger: Logger
  intervalMs?: number
  /** A snapshot is taken when the newest one is at least this old (or there is none). */
  maxAgeMs?: number
  keep?: number
  now?: () => number
}

export type SnapshotSchedule = {
  stop(): void
  /** One check, as the timer does it: the snapshot taken, or null (not due, or failed and logged). */
  tick(): Snapshot | null
}

/**
 * Checks at start and then every `intervalMs` whether the newest snapshot is older than
 * `maxAgeMs`; if so takes one, then prunes. Deciding by the newest file rather than by a timer
 * means restarts and deploys neither skip a day nor pile up snapshots.
 */
export function startSnapshotSchedule(options: SnapshotScheduleOptions): SnapshotSchedule {
  const { db, dir, logger, intervalMs = HOUR, maxAgeMs = 24 * HOUR, keep = 7, now = Date.now } = options
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a whole number ≥ 1 (got ${keep})`)
  if (!(intervalMs > 0)) throw new RangeError(`intervalMs must be positive (got ${intervalMs})`)

  const tick = (): Snapshot | null => {
    // Runs from a timer: an exception here would crash the app, so every failure is logged.
    try {
      const time = now()
      const newest = listSnapshots(dir)[0]
      let taken: Snapshot | null = null
      if (!newest || time - newest.time >= maxAgeMs) {
        const started = performance.now()
        taken = takeSnapshot(db, dir, time)
        const ms = Math.round(performance.now() - started)
        // File name, size and duration only: no rows, no personal data.
        logger.info({ file: path.basename(taken.file), bytes: taken.bytes, ms }, 'snapshot taken')
      }
      const deleted = pruneSnapshots(dir, keep)
      if (deleted.length > 0) logger.info({ deleted }, 'old snapshots deleted')
      return taken
    } catch (err) {
      const e = err as NodeJS.ErrnoException
      logger.error({ err: { message: e?.message ?? String(err), code: e?.code } }, 'snapshot failed')
      return null
    }
  }

  tick()
  const timer = setInterval(tick, intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer), tick }
}
