// Starting the real server on a DATA_DIR it cannot write: mounted read-only, or on a full disk.
// It stops at once with one clear line, and the database already there is left as it was.
// Needs root to mount a small tmpfs (as the CI container runs); skipped otherwise.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateDatabase, openDatabase } from '../../src/db.js'

const REPO = path.resolve(import.meta.dirname, '../..')

function canMount(): boolean {
  if (process.getuid?.() !== 0) return false
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-mount-probe-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' })
    execFileSync('umount', [probe], { stdio: 'ignore' })
    return true
  } catch {
    return false
  } finally {
    fs.rmSync(probe, { recursive: true, force: true })
  }
}

/** Runs `node --import tsx src/main.ts` on dataDir; it must exit by itself. */
function startServer(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      LIBTV_SIMULATE: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  proc.stdout.setEncoding('utf8').on('data', (c: string) => void (stdout += c))
  proc.stderr.setEncoding('utf8').on('data', (c: string) => void (stderr += c))
  const timer = setTimeout(() => proc.kill('SIGKILL'), 20_000)
  return new Promise((resolve) =>
    proc.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    }),
  )
}

const mountable = canMount()
let dataDir: string
const databasePath = () => path.join(dataDir, 'lumina.db')

/** The database is whole and still holds the account written before the failed start. */
function expectDatabaseIntact() {
  const db = new Database(databasePath(), { readonly: true })
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.prepare('select email from users').all()).toEqual([{ email: 'kept@example.test' }])
  } finally {
    db.close()
  }
}

describe.skipIf(!mountable)('a DATA_DIR the server cannot write', () => {
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-datadir-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dataDir])
    const db = openDatabase(databasePath())
    migrateDatabase(db)
    db.$client
      .prepare(
        "insert into users (id, email, password_hash, plan, created_at) values ('u1', 'kept@example.test', 'x', 'free', 0)",
      )
      .run()
    db.$client.pragma('wal_checkpoint(TRUNCATE)')
    db.$client.close()
  })

  afterAll(() => {
    if (!dataDir) return
    execFileSync('umount', [dataDir])
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('mounted read-only: one line naming DATA_DIR and why, exit 1, nothing changed', async () => {
    const before = fs.readFileSync(databasePath())
    execFileSync('mount', ['-o', 'remount,ro', dataDir])
    try {
      const run = await startServer(dataDir)
      expect(run.code).toBe(1)
      expect(run.stderr.trim().split('\n')).toEqual([
        `DATA_DIR ${dataDir} is on a read-only file system: the server keeps its database there, so mount it read-write (nothing was changed).`,
      ])
      expect(run.stdout).toBe('')
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', dataDir])
    }
    expect(fs.readFileSync(databasePath()).equals(before)).toBe(true)
    expectDatabaseIntact()
  }, 30_000)

  it('on a full disk: one line saying so, exit 1, the database intact', async () => {
    const filler = path.join(dataDir, 'filler')
    const fd = fs.openSync(filler, 'w')
    try {
      for (;;) fs.writeSync(fd, Buffer.alloc(64 * 1024))
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC')
    } finally {
      fs.closeSync(fd)
    }
    try {
      const run = await startServer(dataDir)
      expect(run.code).toBe(1)
      expect(run.stderr.trim().split('\n')).toEqual([
        `DATA_DIR ${dataDir} is on a full disk: free some space and start again (nothing was changed).`,
      ])
    } finally {
      fs.rmSync(filler)
    }
    expectDatabaseIntact()
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('.write-check'))).toEqual([])
  }, 30_000)
})
