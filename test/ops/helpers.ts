import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import pino, { type Logger } from 'pino'
import { restoreCli } from '../../src/cli/restore.js'
import { type Db, migrateDatabase, openDatabase } from '../../src/db.js'
import { projectRoot } from '../../src/paths.js'

export type UserRow = { id: string; email: string; password_hash: string; plan: string; created_at: number }

const dirs: string[] = []

/** A temporary DATA_DIR, removed by cleanupTempDirs() (call it in afterEach). */
export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-ops-'))
  dirs.push(dir)
  return dir
}

export function cleanupTempDirs(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
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

/** A pino logger writing to memory, to assert what the schedule logs. */
export function memoryLogger(): { logger: Logger; lines: () => Record<string, unknown>[]; text: () => string } {
  const out: string[] = []
  const logger = pino({ level: 'info', base: undefined }, { write: (line: string) => void out.push(line) })
  return { logger, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>), text: () => out.join('') }
}

/** Runs the restore CLI as the operator would, in its own process. */
export function runRestoreCli(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const { DATA_DIR: _ignored, ...parentEnv } = process.env
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/restore.ts', ...args], {
    cwd: projectRoot,
    env: { ...parentEnv, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
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

/** The restore command in this process (fast), for argument handling. */
export function runRestoreInProcess(
  args: string[],
  env: Record<string, string> = {},
): { status: number; stdout: string; stderr: string } {
  let stdout = ''
  let stderr = ''
  const status = restoreCli(args, env, { out: (t) => void (stdout += t), err: (t) => void (stderr += t) })
  return { status, stdout, stderr }
}
