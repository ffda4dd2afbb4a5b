import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { defaultSnapshotDir, takeSnapshot } from '../../src/ops/snapshots.js'
import {
  byId,
  cleanupTempDirs,
  fingerprint,
  insertUsers,
  openAppDb,
  readUsers,
  runRestoreCli,
  runRestoreInProcess,
  tempDataDir,
  type UserRow,
} from './helpers.js'

afterEach(cleanupTempDirs)

/** Populated database plus one snapshot of it; the app connection is closed. */
function populatedWithSnapshot(): { dataDir: string; users: UserRow[]; snapshot: string } {
  const dataDir = tempDataDir()
  const db = openAppDb(dataDir)
  const users = insertUsers(db.$client, 5)
  const snapshot = takeSnapshot(db, defaultSnapshotDir(dataDir), Date.UTC(2026, 10, 24, 3)).file
  db.$client.close()
  return { dataDir, users, snapshot }
}

/**
 * Changes the database the way a bad deploy or a mistaken command would, in a process that then
 * dies without closing it: the changes sit in lumina.db-wal next to a stale -shm.
 */
function mutateAndCrash(dataDir: string, users: UserRow[]): void {
  const script = `
    const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))})
    const db = new Database(${JSON.stringify(path.join(dataDir, 'lumina.db'))})
    db.pragma('journal_mode = WAL')
    db.prepare('DELETE FROM users WHERE id = ?').run(${JSON.stringify(users[0]!.id)})
    db.prepare("UPDATE users SET plan = 'gone'").run()
    db.prepare("INSERT INTO users (id, email, password_hash, plan, created_at) VALUES ('late', 'late@example.com', 'x', 'free', 1)").run()
    process.kill(process.pid, 'SIGKILL')`
  try {
    execFileSync(process.execPath, ['-e', script], { stdio: 'pipe' })
  } catch (err) {
    if ((err as { signal?: string }).signal !== 'SIGKILL') throw err
  }
}

describe('restore drill', () => {
  it('brings the rows back and moves the old database aside, not deleting it', () => {
    const { dataDir, users, snapshot } = populatedWithSnapshot()
    mutateAndCrash(dataDir, users)
    expect(fs.existsSync(path.join(dataDir, 'lumina.db-wal'))).toBe(true)
    const mutated = readUsers(path.join(dataDir, 'lumina.db'))
    expect(mutated).toHaveLength(users.length) // one deleted, one added

    const run = runRestoreCli(['--data-dir', dataDir, path.basename(snapshot)])

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(`verified ${snapshot}`)
    expect(run.stdout).toMatch(/moved .*lumina\.db -> .*lumina\.db\.before-restore-\d{8}T\d{6}Z/)
    expect(run.stdout).toContain(`restored ${path.join(dataDir, 'lumina.db')}`)

    // The old -wal must not sit next to the restored file: SQLite would replay it onto it.
    expect(fs.existsSync(path.join(dataDir, 'lumina.db-wal'))).toBe(false)
    expect(fs.existsSync(path.join(dataDir, 'lumina.db-shm'))).toBe(false)
    // The app's own start-up path opens the restored file and finds the rows as they were.
    const db = openAppDb(dataDir)
    const restored = db.$client
      .prepare('SELECT id, email, password_hash, plan, created_at FROM users ORDER BY id')
      .all()
    db.$client.close()
    expect(restored).toEqual(byId(users))

    // The replaced database is kept, with the changes made after the snapshot.
    const aside = fs.readdirSync(dataDir).filter((f) => /^lumina\.db\.before-restore-\d{8}T\d{6}Z$/.test(f))
    expect(aside).toHaveLength(1)
    const kept = readUsers(path.join(dataDir, aside[0]!))
    expect(kept).toEqual(mutated)
    expect(kept.some((u) => u.id === 'late')).toBe(true)
    // No temp files left in DATA_DIR.
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('.'))).toEqual([])
  })

  it("restores 'latest' with DATA_DIR from the environment, and into an empty data directory", () => {
    const { dataDir, users } = populatedWithSnapshot()
    const db = openAppDb(dataDir)
    const newer = insertUsers(db.$client, 2)
    takeSnapshot(db, defaultSnapshotDir(dataDir), Date.UTC(2026, 10, 25, 3))
    db.$client.close()
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(dataDir, `lumina.db${suffix}`), { force: true })

    const run = runRestoreCli(['latest'], { DATA_DIR: dataDir })

    expect(run.status).toBe(0)
    expect(run.stdout).toContain('lumina-20261125T030000Z.db')
    expect(run.stdout).toContain('nothing moved aside')
    expect(readUsers(path.join(dataDir, 'lumina.db'))).toEqual(byId([...users, ...newer]))
  })

  it('accepts a plain copy of a WAL-mode database and leaves no -wal/-shm of it behind', () => {
    const { dataDir, users } = populatedWithSnapshot()
    const copy = path.join(tempDataDir(), 'copied.db')
    fs.copyFileSync(path.join(dataDir, 'lumina.db'), copy)
    expect(fs.readFileSync(copy)[18]).toBe(2) // marked WAL
    const db = openAppDb(dataDir)
    insertUsers(db.$client, 1)
    db.$client.close()

    const run = runRestoreInProcess(['--data-dir', dataDir, copy])

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(readUsers(path.join(dataDir, 'lumina.db'))).toEqual(byId(users))
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('.') || f.startsWith('lumina.db-'))).toEqual([])
  })

  it('lists snapshots newest first', () => {
    const { dataDir } = populatedWithSnapshot()
    fs.copyFileSync(
      path.join(defaultSnapshotDir(dataDir), 'lumina-20261124T030000Z.db'),
      path.join(defaultSnapshotDir(dataDir), 'lumina-20261125T030000Z.db'),
    )
    const run = runRestoreInProcess(['--data-dir', dataDir, '--list'])
    expect(run.status).toBe(0)
    const names = run.stdout.match(/lumina-\d{8}T\d{6}Z\.db/g)
    expect(names).toEqual(['lumina-20261125T030000Z.db', 'lumina-20261124T030000Z.db'])
  })
})

describe('restore refuses', () => {
  function expectRefused(
    dataDir: string,
    args: string[],
    message: RegExp,
    before: Record<string, string>,
    inProcess = false,
  ) {
    const run = (inProcess ? runRestoreInProcess : runRestoreCli)(['--data-dir', dataDir, ...args])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(message)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(fingerprint(dataDir)).toEqual(before)
  }

  it('while the app has the database open, idle', () => {
    const { dataDir, users } = populatedWithSnapshot()
    const app = openAppDb(dataDir)
    try {
      app.$client.prepare('SELECT count(*) FROM users').get()
      const before = fingerprint(dataDir)
      expectRefused(
        dataDir,
        ['latest'],
        /is in use \(is the app or litestream running\?\): stop it first; nothing was changed/,
        before,
      )
    } finally {
      app.$client.close()
    }
    expect(readUsers(path.join(dataDir, 'lumina.db'))).toEqual(byId(users))
  })

  it('while another connection is in a write transaction', () => {
    const { dataDir } = populatedWithSnapshot()
    const other = new Database(path.join(dataDir, 'lumina.db'))
    try {
      other.exec('BEGIN IMMEDIATE')
      other.prepare("UPDATE users SET plan = 'pro'").run()
      const before = fingerprint(dataDir)
      expectRefused(dataDir, ['latest'], /is in use/, before)
      other.exec('ROLLBACK')
    } finally {
      other.close()
    }
    // Once it is closed, the same restore goes through.
    expect(runRestoreCli(['--data-dir', dataDir, 'latest']).status).toBe(0)
  })

  it('a corrupt snapshot, before touching anything', () => {
    const { dataDir, snapshot } = populatedWithSnapshot()
    const garbage = path.join(defaultSnapshotDir(dataDir), 'lumina-20261126T030000Z.db')
    fs.writeFileSync(garbage, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)))
    const before = fingerprint(dataDir)
    expectRefused(
      dataDir,
      ['latest'],
      /snapshot .*lumina-20261126T030000Z\.db failed verification: .*; nothing was changed/,
      before,
    )

    // A real snapshot cut short is caught as well.
    const truncated = path.join(dataDir, 'truncated.db')
    fs.writeFileSync(truncated, fs.readFileSync(snapshot).subarray(0, 3 * 4096))
    expectRefused(dataDir, [truncated], /failed verification/, fingerprint(dataDir), true)
  })

  it('a valid SQLite file that is not a Lumina database', () => {
    const { dataDir } = populatedWithSnapshot()
    const other = path.join(dataDir, 'other.db')
    const sqlite = new Database(other)
    sqlite.exec('CREATE TABLE t (x)')
    sqlite.close()
    expectRefused(dataDir, [other], /not a Lumina database \(no users table\)/, fingerprint(dataDir), true)
  })

  it('the live database given as the snapshot', () => {
    const { dataDir } = populatedWithSnapshot()
    expectRefused(
      dataDir,
      [path.join(dataDir, 'lumina.db')],
      /is the live database, not a snapshot/,
      fingerprint(dataDir),
      true,
    )
  })

  it('bad arguments, with one line and exit 2', () => {
    const dataDir = tempDataDir()
    for (const [args, message] of [
      [[], /say which snapshot/],
      [['a.db', 'b.db'], /expected one snapshot, got 2/],
      [['--bogus'], /Unknown option '--bogus'/],
      [['--list', 'latest'], /--list takes no snapshot/],
      [['--data-dir'], /--data-dir/],
    ] as const) {
      const run = runRestoreInProcess(['--data-dir', dataDir, ...args].slice(args[0] === '--data-dir' ? 2 : 0))
      expect(run.status, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(message)
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
    }
    const missing = runRestoreInProcess(['--data-dir', dataDir, 'nope.db'])
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/no such snapshot: nope\.db/)
    const none = runRestoreInProcess(['--data-dir', path.join(dataDir, 'absent'), 'latest'])
    expect(none.status).toBe(1)
    expect(none.stderr).toMatch(/no snapshots in|does not exist/)
  })
})
