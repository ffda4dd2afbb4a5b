import fs from 'node:fs'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import Database from 'better-sqlite3'
import { z } from 'zod'
import type { Tombstone } from '../accounts/tombstones.js'
import type { Db } from '../db.js'
import { projectPath } from '../paths.js'
import {
  checkSignature,
  SIGNATURE_FILE,
  type SignatureCheck,
  type SigningKey,
  signManifest,
} from './manifest-signing.js'
import { copyUserFiles, type FileCopyStats, type FileEntry, hashingTap, USER_FILE_PATH } from './snapshot-files.js'

/**
 * Snapshots: BACKUP_DIR/lumina-YYYYMMDDTHHMMSSZ/, each a folder holding
 *   lumina.db.gz    the database, copied online with `VACUUM INTO` (a read transaction, so the app
 *                   and the render worker keep writing), checked with `PRAGMA integrity_check`, gzipped
 *   users/…         the user files, the same tree as DATA_DIR/users; unchanged files are hard links
 *                   to the previous snapshot's copies (snapshot-files.ts)
 *   manifest.json   SHA-256 of lumina.db.gz, row counts per table, app and schema version, the
 *                   deletion tombstones in that database, and every file with its size and SHA-256
 *   manifest.json.sig  an HMAC-SHA256 of manifest.json's exact bytes (manifest-signing.ts)
 * A folder is built under a temporary name and renamed once complete, so a folder with a snapshot's
 * name is always a whole, checked snapshot. Kept: 7 daily and 4 weekly, none older than 30 days.
 * Older releases wrote database-only `lumina-…Z.db` files; they are listed, restored and pruned too.
 */

const DAY = 24 * 60 * 60 * 1000
const NAME = /^lumina-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z(\.db)?$/
const UNFINISHED = /^\.lumina-\d{8}T\d{6}Z\.(\d+)\.tmp$/

export const MANIFEST_FILE = 'manifest.json'
export const DATABASE_FILE = 'lumina.db.gz'

/**
 * The privacy policy's promises: daily backups, and a deleted account gone from all of them within
 * 30 days. Every snapshot of the last day is kept too, so a `make backup` before a risky change
 * does not replace the morning's daily one.
 */
export type RetentionPolicy = { daily: number; weekly: number; maxAgeDays: number; keepAllHours: number }
export const RETENTION: Readonly<RetentionPolicy> = { daily: 7, weekly: 4, maxAgeDays: 30, keepAllHours: 24 }

export type SnapshotInfo = {
  name: string
  path: string
  time: number
  /** 'full': a snapshot folder (database and user files); 'database': an older release's lone .db file. */
  kind: 'full' | 'database'
}

/** `YYYYMMDDTHHMMSSZ` in UTC: sorts as text, safe in file names on every system. */
export function compactUtc(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z')
}

export function snapshotName(time: number): string {
  return `lumina-${compactUtc(time)}`
}

/** The time and kind in a snapshot's name, or null for any other name (which we then never touch). */
export function parseSnapshotName(name: string): { time: number; kind: SnapshotInfo['kind'] } | null {
  const m = NAME.exec(name)
  if (!m) return null
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  const time = Date.UTC(y, mo - 1, d, h, mi, s)
  const kind = m[7] ? 'database' : 'full'
  // Date.UTC rolls 20261399 over into another date; such a name is not one of ours.
  return snapshotName(time) + (m[7] ?? '') === name ? { time, kind } : null
}

const fileEntrySchema = z.object({
  path: z.string().regex(USER_FILE_PATH),
  bytes: z.number().int().min(0),
  mtimeMs: z.number(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
})

export const manifestSchema = z.object({
  format: z.literal(1),
  name: z.string().regex(/^lumina-\d{8}T\d{6}Z$/),
  createdAt: z.string(),
  app: z.object({ version: z.string() }),
  /** The latest drizzle migration applied to this database. */
  schema: z.object({ migration: z.string().nullable(), appliedAt: z.number().nullable() }),
  database: z.object({
    file: z.literal(DATABASE_FILE),
    compression: z.literal('gzip'),
    /** SHA-256 of lumina.db.gz, as stored. */
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    bytes: z.number().int().min(0),
    uncompressedBytes: z.number().int().min(0),
    integrityCheck: z.literal('ok'),
  }),
  tables: z.record(z.string(), z.number().int().min(0)),
  tombstones: z.array(z.object({ userId: z.string(), deletedAt: z.number() })),
  files: z.array(fileEntrySchema),
})
export type SnapshotManifest = z.infer<typeof manifestSchema>

export class SnapshotError extends Error {}
export class SnapshotVerificationError extends SnapshotError {}

export function readManifest(snapshotDir: string): SnapshotManifest {
  return readSignedManifest(snapshotDir, null).manifest
}

/**
 * The manifest and what its signature says, from one read of its bytes (so the bytes checked are
 * the bytes parsed, even if someone rewrites the file meanwhile). Throws when it cannot be parsed.
 */
export function readSignedManifest(
  snapshotDir: string,
  key: SigningKey | null,
): { manifest: SnapshotManifest; signature: SignatureCheck } {
  const file = path.join(snapshotDir, MANIFEST_FILE)
  let bytes: Buffer
  let json: unknown
  try {
    bytes = fs.readFileSync(file)
    json = JSON.parse(bytes.toString('utf8'))
  } catch (err) {
    throw new SnapshotVerificationError(`cannot read ${file}: ${(err as Error).message}`)
  }
  let signature: string | null = null
  try {
    signature = fs.readFileSync(path.join(snapshotDir, SIGNATURE_FILE), 'utf8')
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  return { manifest: parseManifest(json, file), signature: checkSignature(bytes, signature, key, file) }
}

export function parseManifest(json: unknown, where: string): SnapshotManifest {
  const parsed = manifestSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new SnapshotVerificationError(`${where} is not a valid manifest: ${issue?.path.join('.')}: ${issue?.message}`)
  }
  return parsed.data
}

/** The committed migrations, oldest first (db/migrations/meta/_journal.json). */
export function migrationJournal(): { tag: string; when: number }[] {
  const journal = JSON.parse(fs.readFileSync(projectPath('db/migrations/meta/_journal.json'), 'utf8')) as {
    entries: { tag: string; when: number }[]
  }
  return journal.entries.map(({ tag, when }) => ({ tag, when }))
}

export function appVersion(): string {
  return (JSON.parse(fs.readFileSync(projectPath('package.json'), 'utf8')) as { version: string }).version
}

export type DatabaseFacts = {
  tables: Record<string, number>
  tombstones: Tombstone[]
  schema: SnapshotManifest['schema']
}

function hasTable(sqlite: Database.Database, name: string): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined
}

/**
 * Opens the file read-only, requires `PRAGMA integrity_check` to say exactly 'ok' and the given
 * tables to exist (a valid SQLite file that is not a Lumina database is refused), and reads what a
 * manifest records: row counts, tombstones, the latest migration.
 */
export function inspectDatabase(file: string, requireTables: string[] = ['users']): DatabaseFacts {
  let sqlite: Database.Database | undefined
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true })
    return inspectConnection(sqlite, requireTables)
  } catch (err) {
    if (err instanceof SnapshotVerificationError) throw err
    throw new SnapshotVerificationError(err instanceof Error ? err.message : String(err))
  } finally {
    sqlite?.close()
  }
}

/** The number of rows in every table, by name. */
export function rowCounts(sqlite: Database.Database): Record<string, number> {
  const names = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[]
  const tables: Record<string, number> = {}
  for (const name of names) {
    tables[name] = sqlite
      .prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`)
      .pluck()
      .get() as number
  }
  return tables
}

/** The deletion tombstones a database holds (none before the migration that added them). */
export function tombstonesIn(sqlite: Database.Database): Tombstone[] {
  if (!hasTable(sqlite, 'deletion_tombstones')) return []
  return sqlite
    .prepare('SELECT user_id AS userId, deleted_at AS deletedAt FROM deletion_tombstones ORDER BY user_id')
    .all() as Tombstone[]
}

/** inspectDatabase on a connection that is already open. */
function inspectConnection(sqlite: Database.Database, requireTables: string[] = ['users']): DatabaseFacts {
  const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[]
  const result = rows.map((r) => r.integrity_check)
  if (result.length !== 1 || result[0] !== 'ok') {
    throw new SnapshotVerificationError(`integrity check failed: ${result.slice(0, 3).join('; ')}`)
  }
  for (const table of requireTables) {
    if (!hasTable(sqlite, table)) throw new SnapshotVerificationError(`not a Lumina database (no ${table} table)`)
  }
  const tables = rowCounts(sqlite)
  const tombstones = tombstonesIn(sqlite)
  let schema: SnapshotManifest['schema'] = { migration: null, appliedAt: null }
  if (hasTable(sqlite, '__drizzle_migrations')) {
    const at = sqlite.prepare('SELECT max(created_at) FROM __drizzle_migrations').pluck().get() as number | null
    if (at !== null) {
      const appliedAt = Number(at)
      schema = { migration: migrationJournal().find((m) => m.when === appliedAt)?.tag ?? null, appliedAt }
    }
  }
  return { tables, tombstones, schema }
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

async function gzipFile(from: string, to: string): Promise<{ sha256: string; bytes: number }> {
  const tap = hashingTap()
  await pipeline(fs.createReadStream(from), zlib.createGzip(), tap.stream, fs.createWriteStream(to, { flags: 'wx' }))
  fsyncPath(to)
  return tap.digest()
}

/** Snapshots in `dir`, newest first (by the time in the name: mtimes change with copies). */
export function listSnapshots(dir: string): SnapshotInfo[] {
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw err
  }
  const found: SnapshotInfo[] = []
  for (const entry of entries) {
    const parsed = parseSnapshotName(entry.name)
    if (!parsed) continue
    if (parsed.kind === 'full' ? entry.isDirectory() : entry.isFile()) {
      found.push({ name: entry.name, path: path.join(dir, entry.name), ...parsed })
    }
  }
  return found.sort((a, b) => b.time - a.time)
}

/**
 * The newest full snapshot whose manifest is signed with our key: the base the next one links to;
 * null if there is none. Its entries are carried into the new (signed) manifest without reading the
 * files, so an unsigned or edited manifest must never be the base: it would launder its entries.
 */
function previousSnapshot(backupDir: string, key: SigningKey): { dir: string; files: FileEntry[] } | null {
  for (const s of listSnapshots(backupDir)) {
    if (s.kind !== 'full') continue
    try {
      const { manifest, signature } = readSignedManifest(s.path, key)
      if (signature.ok) return { dir: s.path, files: manifest.files }
    } catch {
      // A damaged manifest: try the one before it (or copy everything).
    }
  }
  return null
}

/** The temporary folders this process is building now. */
const building = new Set<string>()

/**
 * Removes temporary folders of snapshots whose process died mid-way (a crash, a deploy). In a
 * container the app gets the same pid at every start, so our own pid counts as alive only for the
 * folders this process is building.
 */
function sweepUnfinished(backupDir: string): void {
  for (const name of fs.readdirSync(backupDir)) {
    const pid = Number(UNFINISHED.exec(name)?.[1])
    const folder = path.join(backupDir, name)
    if (!pid || building.has(folder) || (pid !== process.pid && processAlive(pid))) continue
    fs.rmSync(folder, { recursive: true, force: true })
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export type TakenSnapshot = {
  name: string
  path: string
  manifest: SnapshotManifest
  files: FileCopyStats
  ms: number
}

/**
 * Takes a snapshot of the database and the user files into `backupDir`. The database is copied
 * first, then the files: a file deleted in between is simply absent (its account or video is being
 * deleted), one added in between is an extra the app ignores.
 */
export async function takeSnapshot(
  db: Db,
  options: { dataDir: string; backupDir: string; signingKey: SigningKey; now?: number },
): Promise<TakenSnapshot> {
  const started = performance.now()
  let now = options.now ?? Date.now()
  const { dataDir, backupDir } = options
  fs.mkdirSync(backupDir, { recursive: true })
  sweepUnfinished(backupDir)
  // Names have whole seconds: a second snapshot within the same one (`make backup` as the server
  // takes its daily one) is named a second later rather than refused.
  while (fs.existsSync(path.join(backupDir, snapshotName(now)))) now += 1000
  const name = snapshotName(now)
  const final = path.join(backupDir, name)
  const temp = path.join(backupDir, `.${name}.${process.pid}.tmp`)
  fs.rmSync(temp, { recursive: true, force: true })
  fs.mkdirSync(temp)
  building.add(temp)
  try {
    const raw = path.join(temp, 'lumina.db')
    db.$client.prepare('VACUUM INTO ?').run(raw)
    const facts = inspectDatabase(raw)
    const uncompressedBytes = fs.statSync(raw).size
    const gz = await gzipFile(raw, path.join(temp, DATABASE_FILE))
    fs.rmSync(raw)
    const { entries, stats } = await copyUserFiles(dataDir, temp, previousSnapshot(backupDir, options.signingKey))
    const manifest: SnapshotManifest = {
      format: 1,
      name,
      createdAt: new Date(now).toISOString(),
      app: { version: appVersion() },
      schema: facts.schema,
      database: {
        file: DATABASE_FILE,
        compression: 'gzip',
        sha256: gz.sha256,
        bytes: gz.bytes,
        uncompressedBytes,
        integrityCheck: 'ok',
      },
      tables: facts.tables,
      tombstones: facts.tombstones,
      files: entries,
    }
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`)
    for (const [file, content] of [
      [MANIFEST_FILE, manifestBytes],
      [SIGNATURE_FILE, signManifest(manifestBytes, options.signingKey)],
    ] as const) {
      fs.writeFileSync(path.join(temp, file), content, { flag: 'wx' })
      fsyncPath(path.join(temp, file))
    }
    fsyncPath(temp)
    fs.renameSync(temp, final)
    fsyncPath(backupDir)
    return { name, path: final, manifest, files: stats, ms: Math.round(performance.now() - started) }
  } catch (err) {
    fs.rmSync(temp, { recursive: true, force: true })
    throw err
  } finally {
    building.delete(temp)
  }
}

/**
 * Which snapshots the retention keeps, newest first: all of the last `keepAllHours`, the newest of
 * each of the last `daily` days that have one, the newest of each of the last `weekly` weeks
 * (Monday to Sunday, UTC), and of those none older than `maxAgeDays`.
 */
export function retainedSnapshots<T extends { time: number }>(
  snapshots: T[],
  now: number,
  policy: Readonly<RetentionPolicy> = RETENTION,
): T[] {
  const young = [...snapshots].sort((a, b) => b.time - a.time).filter((s) => now - s.time <= policy.maxAgeDays * DAY)
  const keep = new Set<T>(young.filter((s) => now - s.time < policy.keepAllHours * 60 * 60 * 1000))
  const newestPer = (bucket: (time: number) => number, count: number) => {
    const seen = new Set<number>()
    for (const s of young) {
      const b = bucket(s.time)
      if (seen.has(b)) continue
      if (seen.size === count) break
      seen.add(b)
      keep.add(s)
    }
  }
  const day = (time: number) => Math.floor(time / DAY)
  newestPer(day, policy.daily)
  // Day 0 (1970-01-01) was a Thursday: +3 puts each Monday at the start of a bucket.
  newestPer((time) => Math.floor((day(time) + 3) / 7), policy.weekly)
  return young.filter((s) => keep.has(s))
}

/** Deletes the snapshots the retention does not keep; returns their names. Other files are never touched. */
export function pruneSnapshots(backupDir: string, now = Date.now()): string[] {
  const all = listSnapshots(backupDir)
  const kept = new Set(retainedSnapshots(all, now))
  const old = all.filter((s) => !kept.has(s))
  for (const s of old) fs.rmSync(s.path, { recursive: true, force: true })
  return old.map((s) => s.name)
}
