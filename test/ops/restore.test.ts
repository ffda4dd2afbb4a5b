import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { recordTombstone } from '../../src/accounts/tombstones.js'
import { DATABASE_FILE, MANIFEST_FILE, snapshotName, takeSnapshot } from '../../src/ops/snapshots.js'
import {
  byId,
  cleanupTempDirs,
  fingerprint,
  hashTree,
  insertUsers,
  openAppDb,
  readUsers,
  runBackupCli,
  runBackupInProcess,
  snapshotKey,
  tempDataDir,
  type UserRow,
  writeUserFile,
} from './helpers.js'

afterEach(cleanupTempDirs)

const T1 = Date.UTC(2026, 10, 24, 3)
const T2 = Date.UTC(2026, 10, 25, 3)

/** Populated database and user files plus one snapshot of them; the app connection is closed. */
async function populatedWithSnapshot() {
  const dataDir = tempDataDir()
  const db = openAppDb(dataDir)
  const users = insertUsers(db.$client, 5)
  writeUserFile(dataDir, users[0]!.id, 'images/a.jpg', 'photo a')
  writeUserFile(dataDir, users[1]!.id, `videos/${randomUUID()}/video.mp4`, Buffer.alloc(4000, 9))
  const snapshot = await takeSnapshot(db, {
    dataDir,
    backupDir: path.join(dataDir, 'backups'),
    signingKey: snapshotKey(dataDir),
    now: T1,
  })
  db.$client.close()
  return { dataDir, users, snapshot, files: hashTree(path.join(dataDir, 'users')) }
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

const asideNames = (dataDir: string) =>
  fs
    .readdirSync(dataDir)
    .filter((f) => f.includes('.before-restore-'))
    .sort()

describe('restore drill', () => {
  it('brings the rows and the files back, and moves the current ones aside, deleting nothing', async () => {
    const { dataDir, users, snapshot, files } = await populatedWithSnapshot()
    mutateAndCrash(dataDir, users)
    expect(fs.existsSync(path.join(dataDir, 'lumina.db-wal'))).toBe(true)
    const mutated = readUsers(path.join(dataDir, 'lumina.db'))
    expect(mutated).toHaveLength(users.length) // one deleted, one added
    // The files go wrong too: one removed, one rewritten, one added.
    fs.rmSync(path.join(dataDir, 'users', users[0]!.id), { recursive: true })
    const changed = Object.keys(files).find((f) => f.endsWith('video.mp4'))!
    fs.writeFileSync(path.join(dataDir, 'users', changed), 'not a video')
    writeUserFile(dataDir, users[2]!.id, 'images/new.jpg', 'added after the snapshot')
    const currentFiles = hashTree(path.join(dataDir, 'users'))

    const run = await runBackupCli(['restore', '--data-dir', dataDir, snapshot.name])

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(
      `verified ${snapshot.path}: SHA-256 of the database and of 2 files, integrity_check ok`,
    )
    expect(run.stdout).toMatch(/moved .*lumina\.db -> .*lumina\.db\.before-restore-\d{8}T\d{6}Z\n/)
    expect(run.stdout).toMatch(/moved .*users -> .*users\.before-restore-\d{8}T\d{6}Z\n/)
    expect(run.stdout).toContain(`restored ${path.join(dataDir, 'lumina.db')}`)
    expect(run.stdout).toContain(`restored 2 user files (3.9 KiB) into ${path.join(dataDir, 'users')}`)
    expect(run.stdout).toMatch(/rows: .*users 5/)

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
    expect(hashTree(path.join(dataDir, 'users'))).toEqual(files)

    // The replaced database and files are kept, with the changes made after the snapshot.
    const aside = asideNames(dataDir)
    expect(aside.filter((f) => !f.startsWith('lumina.db.before-restore-') || !/-(wal|shm)$/.test(f))).toEqual([
      expect.stringMatching(/^lumina\.db\.before-restore-\d{8}T\d{6}Z$/),
      expect.stringMatching(/^users\.before-restore-\d{8}T\d{6}Z$/),
    ])
    const oldDb = aside.find((f) => /^lumina\.db\.before-restore-\d{8}T\d{6}Z$/.test(f))!
    const kept = readUsers(path.join(dataDir, oldDb))
    expect(kept).toEqual(mutated)
    expect(kept.some((u) => u.id === 'late')).toBe(true)
    expect(hashTree(path.join(dataDir, aside.find((f) => f.startsWith('users.'))!))).toEqual(currentFiles)
    // No work folder left in DATA_DIR.
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('.'))).toEqual([])
  })

  it("restores 'latest' into an empty data directory, with DATA_DIR and BACKUP_DIR from the environment", async () => {
    const { dataDir, users, files } = await populatedWithSnapshot()
    const db = openAppDb(dataDir)
    const newer = insertUsers(db.$client, 2)
    writeUserFile(dataDir, newer[0]!.id, 'images/b.jpg', 'photo b')
    await takeSnapshot(db, {
      dataDir,
      backupDir: path.join(dataDir, 'backups'),
      signingKey: snapshotKey(dataDir),
      now: T2,
    })
    db.$client.close()
    // The disk died; the snapshots were copied elsewhere, and the signing key kept with the settings.
    const backupDir = path.join(tempDataDir(), 'elsewhere')
    fs.cpSync(path.join(dataDir, 'backups'), backupDir, { recursive: true })
    const freshDir = path.join(tempDataDir(), 'data')
    const BACKUP_SIGNING_KEY = snapshotKey(dataDir).secret.toString()

    const run = await runBackupInProcess(['restore', 'latest'], {
      DATA_DIR: freshDir,
      BACKUP_DIR: backupDir,
      BACKUP_SIGNING_KEY,
    })

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(snapshotName(T2))
    expect(run.stdout).toContain('nothing to move aside')
    expect(readUsers(path.join(freshDir, 'lumina.db'))).toEqual(byId([...users, ...newer]))
    expect(hashTree(path.join(freshDir, 'users'))).toEqual({
      ...files,
      [`${newer[0]!.id}/images/b.jpg`]: expect.any(String),
    })
  })

  it('restores a database-only file (a plain copy of a WAL database, an older snapshot) and leaves the files as they are', async () => {
    const { dataDir, users } = await populatedWithSnapshot()
    const copy = path.join(tempDataDir(), 'copied.db')
    fs.copyFileSync(path.join(dataDir, 'lumina.db'), copy)
    expect(fs.readFileSync(copy)[18]).toBe(2) // marked WAL
    const db = openAppDb(dataDir)
    insertUsers(db.$client, 1)
    db.$client.close()
    const filesNow = hashTree(path.join(dataDir, 'users'))

    // It has no signed manifest: refused unless the operator vouches for it.
    const refused = await runBackupInProcess(['restore', '--data-dir', dataDir, copy])
    expect(refused.status).toBe(1)
    expect(refused.stderr).toBe(
      `backup: ${copy} failed verification: it is a database on its own, with no signed manifest (older releases wrote such snapshots; any copy of a database looks the same); to use it without this check, add --force-unsigned; nothing was changed\n`,
    )
    const run = await runBackupInProcess(['restore', '--data-dir', dataDir, '--force-unsigned', copy])

    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^warning: SIGNATURE NOT CHECKED \(--force-unsigned\): it is a database on its own/)
    expect(run.stdout).toContain('user files: left as they were')
    expect(fs.readdirSync(dataDir).filter((f) => f.startsWith('.') || f.startsWith('lumina.db-'))).toEqual([])
    expect(readUsers(path.join(dataDir, 'lumina.db'))).toEqual(byId(users))
    expect(hashTree(path.join(dataDir, 'users'))).toEqual(filesNow)
    expect(asideNames(dataDir).every((f) => f.startsWith('lumina.db.'))).toBe(true)

    // An older release's snapshot file in the backup folder is found by name.
    const legacy = `${snapshotName(T2)}.db`
    fs.copyFileSync(copy, path.join(dataDir, 'backups', legacy))
    const again = await runBackupInProcess(['restore', '--data-dir', dataDir, '--force-unsigned', legacy])
    expect(again.stderr).toBe('')
    expect(again.status).toBe(0)
    expect(again.stdout).toContain(`verified ${path.join(dataDir, 'backups', legacy)}: integrity_check ok`)
  })

  it('deletes again the accounts deleted after the snapshot, whatever source knows of it', async () => {
    const { dataDir, users, snapshot } = await populatedWithSnapshot()
    // users[0] deleted after the snapshot: the current database has its tombstone.
    // users[1] deleted too, but only another snapshot's manifest still knows (its own tombstone pruned here).
    let db = openAppDb(dataDir)
    db.$client.prepare('DELETE FROM users WHERE id IN (?, ?)').run(users[0]!.id, users[1]!.id)
    recordTombstone(db, users[1]!.id, T1 + 1000)
    await takeSnapshot(db, {
      dataDir,
      backupDir: path.join(dataDir, 'backups'),
      signingKey: snapshotKey(dataDir),
      now: T2,
    })
    db.$client.prepare('DELETE FROM deletion_tombstones').run()
    recordTombstone(db, users[0]!.id, T1 + 2000)
    db.$client.close()

    const run = await runBackupInProcess(['restore', '--data-dir', dataDir, snapshot.name])

    expect(run.stderr).toBe('')
    expect(run.stdout).toContain(
      'deleted accounts: 2 deleted again from the restored data; 2 tombstones kept (from the database being replaced, 2 snapshot manifests)',
    )
    const ids = readUsers(path.join(dataDir, 'lumina.db')).map((u) => u.id)
    expect(ids).toEqual(
      users
        .slice(2)
        .map((u) => u.id)
        .sort(),
    )
    // Their files, which the snapshot holds, are not restored either.
    expect(fs.existsSync(path.join(dataDir, 'users', users[0]!.id))).toBe(false)
    expect(fs.existsSync(path.join(dataDir, 'users', users[1]!.id))).toBe(false)
    db = openAppDb(dataDir)
    expect(db.$client.prepare('SELECT user_id FROM deletion_tombstones ORDER BY user_id').pluck().all()).toEqual(
      [users[0]!.id, users[1]!.id].sort(),
    )
    db.$client.close()
  })

  it('lists snapshots newest first with what they hold', async () => {
    const { dataDir } = await populatedWithSnapshot()
    fs.writeFileSync(path.join(dataDir, 'backups', `${snapshotName(T2)}.db`), 'x')
    const run = await runBackupInProcess(['list', '--data-dir', dataDir])
    expect(run.status).toBe(0)
    expect(run.stdout.match(/lumina-\d{8}T\d{6}Z(\.db)?/g)).toEqual([`${snapshotName(T2)}.db`, snapshotName(T1)])
    expect(run.stdout).toMatch(/lumina-20261124T030000Z {2}2026-11-24T03:00:00.000Z {2}database [\d.]+ KiB, 2 files/)
    expect(run.stdout).toContain('database only (1 B)')
  })
})

describe('restore refuses', () => {
  async function expectRefused(
    dataDir: string,
    args: string[],
    message: RegExp,
    before: Record<string, string>,
    inProcess = false,
  ) {
    const run = await (inProcess ? runBackupInProcess : runBackupCli)(['restore', '--data-dir', dataDir, ...args])
    expect(run.status).toBe(1)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(message)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(fingerprint(dataDir)).toEqual(before)
  }

  it('while the app has the database open, idle', async () => {
    const { dataDir, users } = await populatedWithSnapshot()
    const app = openAppDb(dataDir)
    try {
      app.$client.prepare('SELECT count(*) FROM users').get()
      const before = fingerprint(dataDir)
      await expectRefused(
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

  it('while another connection is in a write transaction', async () => {
    const { dataDir } = await populatedWithSnapshot()
    const other = new Database(path.join(dataDir, 'lumina.db'))
    try {
      other.exec('BEGIN IMMEDIATE')
      other.prepare("UPDATE users SET plan = 'pro'").run()
      const before = fingerprint(dataDir)
      await expectRefused(dataDir, ['latest'], /is in use/, before)
      other.exec('ROLLBACK')
    } finally {
      other.close()
    }
    // Once it is closed, the same restore goes through.
    expect((await runBackupCli(['restore', '--data-dir', dataDir, 'latest'])).status).toBe(0)
  })

  it('a snapshot whose database or files do not match the manifest, before touching anything', async () => {
    const { dataDir, snapshot } = await populatedWithSnapshot()
    const gz = path.join(snapshot.path, DATABASE_FILE)
    const good = fs.readFileSync(gz)
    const flipped = Buffer.from(good)
    flipped[flipped.length - 10]! ^= 0xff
    fs.writeFileSync(gz, flipped)
    await expectRefused(
      dataDir,
      ['latest'],
      /lumina-20261124T030000Z failed verification: lumina\.db\.gz does not match its SHA-256 in the manifest; nothing was changed/,
      fingerprint(dataDir),
      true,
    )
    fs.writeFileSync(gz, good)

    // A user file changed in the snapshot (hard links make one bad sector every snapshot's problem).
    const entry = snapshot.manifest.files[0]!
    fs.writeFileSync(path.join(snapshot.path, entry.path), 'tampered')
    await expectRefused(dataDir, ['latest'], /does not match its SHA-256 in the manifest/, fingerprint(dataDir), true)
    fs.rmSync(path.join(snapshot.path, entry.path))
    await expectRefused(dataDir, ['latest'], /failed verification: .*ENOENT/, fingerprint(dataDir), true)

    fs.writeFileSync(path.join(snapshot.path, MANIFEST_FILE), '{"format": 2}')
    await expectRefused(dataDir, ['latest'], /is not a valid manifest/, fingerprint(dataDir), true)
  })

  // Database-only files have no signed manifest: --force-unsigned, so these reach the checks they are about.
  it('a corrupt or cut-short database file', async () => {
    const { dataDir } = await populatedWithSnapshot()
    const garbage = path.join(dataDir, 'backups', `${snapshotName(T2)}.db`)
    fs.writeFileSync(garbage, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)))
    await expectRefused(
      dataDir,
      ['--force-unsigned', 'latest'],
      /lumina-20261125T030000Z\.db failed verification: .*; nothing was changed/,
      fingerprint(dataDir),
      true,
    )
    const truncated = path.join(tempDataDir(), 'truncated.db')
    fs.writeFileSync(truncated, fs.readFileSync(path.join(dataDir, 'lumina.db')).subarray(0, 3 * 4096))
    await expectRefused(dataDir, ['--force-unsigned', truncated], /failed verification/, fingerprint(dataDir), true)
  })

  it('a valid SQLite file that is not a Lumina database', async () => {
    const { dataDir } = await populatedWithSnapshot()
    const other = path.join(tempDataDir(), 'other.db')
    const sqlite = new Database(other)
    sqlite.exec('CREATE TABLE t (x)')
    sqlite.close()
    await expectRefused(
      dataDir,
      ['--force-unsigned', other],
      /not a Lumina database \(no users table\)/,
      fingerprint(dataDir),
      true,
    )
  })

  it('the live database given as the snapshot', async () => {
    const { dataDir } = await populatedWithSnapshot()
    await expectRefused(
      dataDir,
      [path.join(dataDir, 'lumina.db')],
      /is the live database, not a snapshot/,
      fingerprint(dataDir),
      true,
    )
  })

  it('bad arguments, with one line and exit 2', async () => {
    const dataDir = tempDataDir()
    const cases: [string[], RegExp][] = [
      [[], /say which command/],
      [['frobnicate'], /unknown command "frobnicate"/],
      [['restore'], /say which snapshot/],
      [['restore', 'a', 'b'], /expected one snapshot, got 2/],
      [['restore', '--bogus'], /Unknown option '--bogus'/],
      [['restore', '--from', 'tape'], /--from takes 'replica'/],
      [['restore', 'latest', '--at', '2026-01-01T00:00:00Z'], /--at goes with --from replica/],
      [['restore', '--from', 'replica'], /LITESTREAM_REPLICA_URL is not set/],
      [['snapshot', 'now'], /snapshot takes no arguments/],
      [['list', '--from', 'replica'], /--from is not an option of list/],
      [['snapshot', '--force-unsigned'], /--force-unsigned is not an option of snapshot/],
      [['restore', '--data-dir'], /--data-dir/],
    ]
    for (const [args, message] of cases) {
      const run = await runBackupInProcess(args, { DATA_DIR: dataDir })
      expect(run.status, args.join(' ')).toBe(2)
      expect(run.stderr).toMatch(message)
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
    }
    const replica = { DATA_DIR: dataDir, LITESTREAM_REPLICA_URL: `file://${dataDir}/replica` }
    for (const at of ['yesterday', '2026-01-01T00:00:00', '2999-01-01T00:00:00Z']) {
      const run = await runBackupInProcess(['restore', '--from', 'replica', '--at', at], replica)
      expect(run.status, at).toBe(2)
      expect(run.stderr).toMatch(/--at/)
    }
    const missing = await runBackupInProcess(['restore', 'nope'], { DATA_DIR: dataDir })
    expect(missing.status).toBe(1)
    expect(missing.stderr).toMatch(/no such snapshot: nope/)
    const none = await runBackupInProcess(['restore', 'latest'], { DATA_DIR: path.join(dataDir, 'absent') })
    expect(none.status).toBe(1)
    expect(none.stderr).toMatch(/no snapshots in/)
    expect(fs.existsSync(path.join(dataDir, 'absent'))).toBe(false)
    const noDb = await runBackupInProcess(['snapshot'], { DATA_DIR: path.join(dataDir, 'absent') })
    expect(noDb.status).toBe(1)
    expect(noDb.stderr).toMatch(/no database at/)
  })
})
