import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { S3Client } from '@aws-sdk/client-s3'
import Database from 'better-sqlite3'
import pino, { type Logger } from 'pino'
import { backupCli } from '../../src/cli/backup.js'
import { type Db, migrateDatabase, openDatabase } from '../../src/db.js'
import { ensureSigningKey, type SigningKey } from '../../src/ops/manifest-signing.js'
import { projectRoot } from '../../src/paths.js'

export type UserRow = { id: string; email: string; password_hash: string; plan: string; created_at: number }

const dirs: string[] = []

/** A temporary folder (a DATA_DIR, a backup folder…), removed by cleanupTempDirs() (call it in afterEach). */
export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-ops-'))
  dirs.push(dir)
  return dir
}

export function cleanupTempDirs(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
}

/** The key this data folder's snapshots are signed with when BACKUP_SIGNING_KEY is unset (made on first use). */
export function snapshotKey(dataDir: string): SigningKey {
  return ensureSigningKey(dataDir, undefined).key
}

/** The app's database (same settings and migrations as main.ts) at DATA_DIR/lumina.db. */
export function openAppDb(dataDir: string): Db {
  const db = openDatabase(path.join(dataDir, 'lumina.db'))
  migrateDatabase(db)
  return db
}

export function insertUsers(sqlite: Database.Database, count: number, padding = 0): UserRow[] {
  const insert = sqlite.prepare(
    'INSERT INTO users (id, email, password_hash, plan, created_at) VALUES (@id, @email, @password_hash, @plan, @created_at)',
  )
  const rows: UserRow[] = []
  sqlite.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = randomUUID()
      const row = {
        id,
        email: `person-${id}@example.com`,
        password_hash: `scrypt$${'x'.repeat(padding)}`,
        plan: 'free',
        created_at: 1_700_000_000_000 + i,
      }
      insert.run(row)
      rows.push(row)
    }
  })()
  return rows
}

export function readUsers(file: string): UserRow[] {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true })
  try {
    return sqlite.prepare('SELECT id, email, password_hash, plan, created_at FROM users ORDER BY id').all() as UserRow[]
  } finally {
    sqlite.close()
  }
}

export function byId(rows: UserRow[]): UserRow[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** A user's file, as the app would have stored it; returns its path relative to DATA_DIR. */
export function writeUserFile(dataDir: string, userId: string, rel: string, bytes: Buffer | string): string {
  const file = path.join(dataDir, 'users', userId, rel)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, bytes)
  return path.relative(dataDir, file)
}

/** Every file under `dir` (recursively) with its SHA-256, by relative path. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  if (!fs.existsSync(dir)) return out
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    out[path.relative(dir, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex')
  }
  return out
}

/**
 * Every row of every table, each table's rows in a stable order, to compare two databases whole.
 * Opened read-write and closed at once, so no -wal/-shm are left behind.
 */
export function dumpTables(file: string): Record<string, unknown[]> {
  const sqlite = new Database(file, { fileMustExist: true })
  try {
    const names = sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[]
    const out: Record<string, unknown[]> = {}
    for (const name of names) {
      const rows = sqlite.prepare(`SELECT * FROM "${name}"`).all()
      out[name] = rows.map((r) => JSON.stringify(r)).sort()
    }
    return out
  } finally {
    sqlite.close()
  }
}

/** A consistent copy of a live database (another process may be writing it), for comparing later. */
export function copyLiveDatabase(file: string, to: string): string {
  const sqlite = new Database(file, { fileMustExist: true })
  try {
    sqlite.pragma('busy_timeout = 5000')
    sqlite.prepare('VACUUM INTO ?').run(to)
  } finally {
    sqlite.close()
  }
  return to
}

/** A pino logger writing to memory, to assert what the schedule logs. */
export function memoryLogger(): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const out: string[] = []
  const logger = pino({ level: 'info', base: undefined }, { write: (line: string) => void out.push(line) })
  return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>), text: () => out.join('') }
}

export type CliRun = { status: number | null; stdout: string; stderr: string }

/**
 * The environment a child process gets: the test's, without any setting that would point it
 * elsewhere (vitest itself sets BASE_URL=/, which the app would refuse).
 */
function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const parent = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => k !== 'DATA_DIR' && k !== 'BASE_URL' && !/^(BACKUP|LITESTREAM|LIBTV)_/.test(k),
    ),
  )
  return { ...parent, ...env }
}

/** Runs the backup CLI as the operator would (`npm run backup -- …`), in its own process. */
export async function runBackupCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/backup.ts', ...args],
      { cwd: projectRoot, env: childEnv(env), encoding: 'utf8', timeout: 60_000 },
    )
    return { status: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string; message: string }
    if (typeof e.code !== 'number') throw err
    return { status: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' }
  }
}

/** The backup CLI in this process (fast), for argument handling. */
export async function runBackupInProcess(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const status = await backupCli(args, env, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) })
  return { status, stdout, stderr }
}

/**
 * Every file in a directory (recursively) with inode, size and mtime, to prove "no change".
 * Only stat, never open: closing any descriptor on the database file would drop this process's
 * SQLite locks on it (POSIX locks are per process), and the "in use" tests rely on them.
 */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    const st = fs.statSync(file, { bigint: true })
    out[path.relative(dir, file)] = `${st.ino}:${st.size}:${st.mtimeNs}`
  }
  return out
}

// ---- the app as a child process, the way make run starts it ------------------------------------

// No example video in the background: the drills compare the database and the files with their
// backups, and a render going on would keep changing both (CI saw the replica never "catch up").
export const TEST_APP_ENV = {
  NODE_ENV: 'test',
  TEST_SCRYPT_N: '16',
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  PORT: '0',
  EXAMPLE_VIDEO: 'off',
}

export type AppProcess = {
  url: string
  /** The process started (the app itself, or Litestream when run under it). */
  child: ChildProcess
  /** The app's own process: the child, or Litestream's child under run-with-litestream.sh. */
  appPid: number
  output: () => string
  exited: Promise<number | null>
  /** SIGTERM, then wait for the exit (graceful shutdown). */
  stop(): Promise<void>
}

const running = new Set<ChildProcess>()

/** Kills whatever app processes a test left running (call in afterEach/afterAll). */
export async function stopAppProcesses(): Promise<void> {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
  running.clear()
}

/** The pids of a process's children, from /proc (every thread may have started some). */
function childPids(pid: number): number[] {
  const tasks = fs.readdirSync(`/proc/${pid}/task`)
  return tasks.flatMap((t) =>
    fs.readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
  )
}

/**
 * Starts src/main.ts in a process of its own (`node --import tsx`: one process, so a SIGKILL hits
 * the app itself) on DATA_DIR, and waits for it to listen. `litestream: true` starts it through
 * backups/run-with-litestream.sh as make run does.
 */
export async function startAppProcess(options: {
  dataDir: string
  env?: Record<string, string>
  litestream?: boolean
}): Promise<AppProcess> {
  const app = [process.execPath, '--import', 'tsx', 'src/main.ts']
  const command = options.litestream ? ['backups/run-with-litestream.sh', ...app] : app
  const child = spawn(command[0]!, command.slice(1), {
    cwd: projectRoot,
    env: childEnv({ ...TEST_APP_ENV, DATA_DIR: options.dataDir, ...options.env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => void (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const deadline = Date.now() + 30_000
  let port: number | undefined
  while (port === undefined) {
    const line = output.split('\n').find((l) => l.includes('"msg":"Lumina.AI listening'))
    if (line) port = (JSON.parse(line) as { port: number }).port
    else if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the app did not start (exit ${child.exitCode}):\n${output}`)
    } else await new Promise((r) => setTimeout(r, 50))
  }
  let appPid = child.pid!
  if (options.litestream) {
    const [pid] = childPids(child.pid!)
    if (!pid) throw new Error(`litestream has no child process:\n${output}`)
    appPid = pid
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    appPid,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
      running.delete(child)
    },
  }
}

// ---- an S3-compatible server on loopback -------------------------------------------------------

export type S3Server = {
  endpoint: string
  bucket: string
  client: S3Client
  /** The environment that points the app and the CLI at it through the Litestream settings. */
  env: (path?: string) => Record<string, string>
  close(): Promise<void>
}

type S3rverInstance = { run(): Promise<{ port: number }>; close(): Promise<void> }

export async function startS3Server(bucket = 'lumina-backups'): Promise<S3Server> {
  const S3rver = createRequire(import.meta.url)('s3rver') as new (options: object) => S3rverInstance
  // Its own folder, not tempDataDir(): the server outlives the tests that clean those up.
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-s3-'))
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  })
  return {
    endpoint,
    bucket,
    client,
    env: (folder = 'lumina') => ({
      LITESTREAM_REPLICA_URL: `s3://${bucket}/${folder}`,
      LITESTREAM_ENDPOINT: endpoint,
      LITESTREAM_REGION: 'us-east-1',
      LITESTREAM_FORCE_PATH_STYLE: 'true',
      LITESTREAM_ACCESS_KEY_ID: 'S3RVER',
      LITESTREAM_SECRET_ACCESS_KEY: 'S3RVER',
    }),
    close: async () => {
      client.destroy()
      await server.close()
      fs.rmSync(directory, { recursive: true, force: true })
    },
  }
}
