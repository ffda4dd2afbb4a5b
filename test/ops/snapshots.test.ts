import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import zlib from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { recordTombstone } from '../../src/accounts/tombstones.js'
import { SIGNATURE_FILE } from '../../src/ops/manifest-signing.js'
import {
  appVersion,
  DATABASE_FILE,
  inspectDatabase,
  listSnapshots,
  MANIFEST_FILE,
  migrationJournal,
  parseSnapshotName,
  pruneSnapshots,
  readManifest,
  retainedSnapshots,
  snapshotName,
  takeSnapshot,
} from '../../src/ops/snapshots.js'
import { projectPath } from '../../src/paths.js'
import {
  byId,
  cleanupTempDirs,
  insertUsers,
  openAppDb,
  readUsers,
  snapshotKey,
  tempDataDir,
  writeUserFile,
} from './helpers.js'

afterEach(cleanupTempDirs)

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex')

function setup() {
  const dataDir = tempDataDir()
  const backupDir = path.join(dataDir, 'backups')
  const db = openAppDb(dataDir)
  return { dataDir, backupDir, db }
}

/** The snapshot's database, unzipped next to it, for reading rows. */
function unzipDatabase(snapshotDir: string): string {
  const out = path.join(tempDataDir(), 'snapshot.db')
  fs.writeFileSync(out, zlib.gunzipSync(fs.readFileSync(path.join(snapshotDir, DATABASE_FILE))))
  return out
}

describe('takeSnapshot', () => {
  it('writes the database gzipped and checked, the user files, and a manifest that describes both', async () => {
    const { dataDir, backupDir, db } = setup()
    const users = insertUsers(db.$client, 25)
    const gone = randomUUID()
    recordTombstone(db, gone, 1_800_000_000_000)
    const photo = writeUserFile(dataDir, users[0]!.id, 'images/a.jpg', 'photo bytes')
    const video = writeUserFile(dataDir, users[1]!.id, `videos/${randomUUID()}/video.mp4`, Buffer.alloc(5000, 3))
    // Half-written files (storage.ts, stitch) and names the app never writes stay out.
    writeUserFile(dataDir, users[0]!.id, 'images/b.jpg.123.456.tmp', 'half')
    writeUserFile(dataDir, users[0]!.id, 'videos/x/.video.mp4.abcd.part', 'half')
    const now = Date.UTC(2026, 10, 25, 3, 4, 5)

    const snap = await takeSnapshot(db, { dataDir, backupDir, signingKey: snapshotKey(dataDir), now })
    db.$client.close()

    expect(snap.name).toBe('lumina-20261125T030405Z')
    expect(snap.path).toBe(path.join(backupDir, 'lumina-20261125T030405Z'))
    expect(fs.readdirSync(backupDir)).toEqual(['lumina-20261125T030405Z'])
    expect(fs.readdirSync(snap.path).sort()).toEqual([DATABASE_FILE, MANIFEST_FILE, SIGNATURE_FILE, 'users'])

    const manifest = readManifest(snap.path)
    expect(manifest).toEqual(snap.manifest)
    const gz = fs.readFileSync(path.join(snap.path, DATABASE_FILE))
    expect(manifest.database).toEqual({
      file: DATABASE_FILE,
      compression: 'gzip',
      sha256: sha256(gz),
      bytes: gz.length,
      uncompressedBytes: zlib.gunzipSync(gz).length,
      integrityCheck: 'ok',
    })
    expect(gz.length).toBeLessThan(manifest.database.uncompressedBytes / 2)
    expect(manifest.createdAt).toBe('2026-11-25T03:04:05.000Z')
    expect(manifest.app.version).toBe(JSON.parse(fs.readFileSync(projectPath('package.json'), 'utf8')).version)
    expect(manifest.schema.migration).toBe(migrationJournal().at(-1)!.tag)
    expect(manifest.tables.users).toBe(25)
    expect(manifest.tables.deletion_tombstones).toBe(1)
    expect(Object.keys(manifest.tables)).toEqual(expect.arrayContaining(['briefs', 'videos', '__drizzle_migrations']))
    expect(manifest.tombstones).toEqual([{ userId: gone, deletedAt: 1_800_000_000_000 }])
    expect(manifest.files.map((f) => [f.path, f.bytes, f.sha256])).toEqual(
      [
        [photo, 11, sha256('photo bytes')],
        [video, 5000, sha256(Buffer.alloc(5000, 3))],
      ].sort(),
    )
    expect(snap.files).toEqual({ files: 2, bytes: 5011, copied: 2, linked: 0 })
    expect(fs.readFileSync(path.join(snap.path, photo), 'utf8')).toBe('photo bytes')

    // The database: a self-contained rollback-journal file with the same rows.
    const restored = unzipDatabase(snap.path)
    expect(fs.readFileSync(restored)[18]).toBe(1)
    expect(inspectDatabase(restored).tables).toEqual(manifest.tables)
    expect(readUsers(restored)).toEqual(byId(users))
  })

  it('hard-links what did not change since the previous snapshot, and copies only the rest', async () => {
    const { dataDir, backupDir, db } = setup()
    const [alice, bob] = insertUsers(db.$client, 2)
    const kept = writeUserFile(dataDir, alice!.id, 'images/kept.jpg', Buffer.alloc(10_000, 1))
    const changed = writeUserFile(dataDir, alice!.id, 'images/changed.jpg', 'before')
    const touched = writeUserFile(dataDir, bob!.id, 'images/touched.jpg', 'same bytes')
    const removed = writeUserFile(dataDir, bob!.id, 'images/removed.jpg', 'bye')
    const first = await takeSnapshot(db, {
      dataDir,
      backupDir,
      signingKey: snapshotKey(dataDir),
      now: Date.UTC(2026, 10, 24, 3),
    })

    fs.writeFileSync(path.join(dataDir, changed), 'after!')
    const later = new Date(Date.now() + 60_000)
    fs.utimesSync(path.join(dataDir, touched), later, later) // new mtime, same content
    fs.rmSync(path.join(dataDir, removed))
    const added = writeUserFile(dataDir, bob!.id, `videos/${randomUUID()}/poster.jpg`, Buffer.alloc(10_000, 1))
    const second = await takeSnapshot(db, {
      dataDir,
      backupDir,
      signingKey: snapshotKey(dataDir),
      now: Date.UTC(2026, 10, 25, 3),
    })
    db.$client.close()

    const inode = (dir: string, rel: string) => fs.statSync(path.join(dir, rel)).ino
    expect(inode(second.path, kept)).toBe(inode(first.path, kept))
    expect(inode(second.path, touched)).toBe(inode(first.path, touched))
    expect(inode(second.path, changed)).not.toBe(inode(first.path, changed))
    expect(fs.readFileSync(path.join(second.path, changed), 'utf8')).toBe('after!')
    expect(fs.readFileSync(path.join(first.path, changed), 'utf8')).toBe('before')
    // A new file whose content the previous snapshot holds under another name: a link, not a copy.
    expect(inode(second.path, added)).toBe(inode(first.path, kept))
    expect(fs.statSync(path.join(second.path, kept)).nlink).toBe(3) // one copy on disk, three names
    expect(fs.existsSync(path.join(second.path, removed))).toBe(false)
    expect(second.files).toEqual({ files: 4, bytes: 20_016, copied: 1, linked: 3 })
    expect(second.manifest.files.map((f) => f.path)).toEqual([kept, changed, touched, added].sort())
    // The live files are never linked into a snapshot: the app may rewrite them.
    expect(inode(dataDir, kept)).not.toBe(inode(second.path, kept))

    // Pruning the first snapshot leaves the second whole.
    fs.rmSync(first.path, { recursive: true })
    expect(fs.readFileSync(path.join(second.path, kept))).toEqual(Buffer.alloc(10_000, 1))
  })

  it('leaves nothing behind when the snapshot fails, and clears what a dead process left', async () => {
    const { dataDir, backupDir, db } = setup()
    // VACUUM cannot run inside a transaction: a real failure from SQLite itself.
    db.$client.exec('BEGIN')
    await expect(
      takeSnapshot(db, { dataDir, backupDir, signingKey: snapshotKey(dataDir), now: Date.UTC(2026, 0, 1) }),
    ).rejects.toThrow(/transaction/)
    db.$client.exec('ROLLBACK')
    expect(fs.readdirSync(backupDir)).toEqual([])

    // A crash mid-snapshot (pid 2^22+1 is above Linux's pid_max default, so no process has it).
    const leftover = path.join(backupDir, '.lumina-20260101T000000Z.4194305.tmp')
    fs.mkdirSync(path.join(leftover, 'users'), { recursive: true })
    // Left by an earlier run with our pid (a container's app has the same pid at every start).
    const samePid = path.join(backupDir, `.lumina-20260101T000000Z.${process.pid}.tmp`)
    fs.mkdirSync(samePid)
    // A live process's work is not touched.
    const live = path.join(backupDir, `.lumina-20260101T000000Z.${process.ppid}.tmp`)
    fs.mkdirSync(live)
    await takeSnapshot(db, { dataDir, backupDir, signingKey: snapshotKey(dataDir), now: Date.UTC(2026, 0, 2) })
    db.$client.close()
    expect(fs.existsSync(leftover)).toBe(false)
    expect(fs.existsSync(samePid)).toBe(false)
    expect(fs.existsSync(live)).toBe(true)
  })

  it('is consistent while another thread keeps writing (WAL)', async () => {
    const { dataDir, backupDir, db } = setup()
    // Enough data that the snapshot takes a while, so writes land while it runs.
    const initial = insertUsers(db.$client, 10_000, 300).length
    const batch = 10
    const shared = new Int32Array(new SharedArrayBuffer(8)) // [0] batches committed, [1] stop flag
    const worker = new Worker(WRITER, {
      eval: true,
      workerData: {
        module: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: path.join(dataDir, 'lumina.db'),
        shared,
        batch,
      },
    })
    const errors: unknown[] = []
    worker.on('error', (e) => errors.push(e))
    const exited = new Promise((resolve) => worker.on('exit', resolve))
    try {
      while (Atomics.load(shared, 0) < 3) await new Promise((r) => setTimeout(r, 5))
      const before = Atomics.load(shared, 0)
      const snap = await takeSnapshot(db, { dataDir, backupDir, signingKey: snapshotKey(dataDir) })
      const after = Atomics.load(shared, 0)

      // The writer was never blocked: it committed batches during the snapshot.
      expect(after).toBeGreaterThan(before)
      const count = snap.manifest.tables.users!
      // Whole transactions only, and exactly the ones committed by the time it started.
      expect((count - initial) % batch).toBe(0)
      expect(count).toBeGreaterThanOrEqual(initial + before * batch)
      expect(count).toBeLessThanOrEqual(initial + after * batch)
      expect(inspectDatabase(unzipDatabase(snap.path)).tables.users).toBe(count)
    } finally {
      Atomics.store(shared, 1, 1)
      await exited
      db.$client.close()
    }
    expect(errors).toEqual([])
  })
})

const WRITER = `
const { workerData } = require('node:worker_threads')
const Database = require(workerData.module)
const { file, shared, batch } = workerData
const db = new Database(file)
db.pragma('busy_timeout = 5000')
const insert = db.prepare("INSERT INTO users (id, email, password_hash, plan, created_at) VALUES (?, ?, 'x', 'free', ?)")
const write = db.transaction(() => {
  for (let i = 0; i < batch; i++) {
    const id = require('node:crypto').randomUUID()
    insert.run(id, 'w-' + id + '@example.com', Date.now())
  }
})
while (Atomics.load(shared, 1) === 0) {
  write()
  Atomics.add(shared, 0, 1)
}
db.close()
`

describe('retention: 7 daily, 4 weekly, nothing older than 30 days', () => {
  const at = (time: number) => ({ time })
  const NOW = Date.UTC(2026, 10, 25, 12) // a Wednesday

  it('keeps the newest of each of the last 7 days and of each of the last 4 weeks', () => {
    // A snapshot every day at 03:00 for 60 days.
    const all = Array.from({ length: 60 }, (_, i) => at(Date.UTC(2026, 10, 25, 3) - i * DAY))
    const kept = retainedSnapshots(all, NOW).map((s) => new Date(s.time).toISOString().slice(0, 10))
    expect(kept).toEqual([
      // daily: this Wednesday back to last Thursday
      '2026-11-25',
      '2026-11-24',
      '2026-11-23',
      '2026-11-22', // also the newest of the week of 16–22 November
      '2026-11-21',
      '2026-11-20',
      '2026-11-19',
      // weekly: the newest (Sunday) of the two weeks before
      '2026-11-15',
      '2026-11-08',
    ])
  })

  it('never keeps anything older than 30 days, however few snapshots there are', () => {
    const sparse = [at(NOW - 29 * DAY), at(NOW - 30 * DAY - 1), at(NOW - 45 * DAY)]
    expect(retainedSnapshots(sparse, NOW)).toEqual([sparse[0]])
    expect(retainedSnapshots([at(NOW - 31 * DAY)], NOW)).toEqual([])
  })

  it('keeps every snapshot of the last 24 hours, then one per day', () => {
    const today = [at(NOW - HOUR), at(NOW - 5 * HOUR), at(NOW - 23 * HOUR)]
    const dayBefore = [at(NOW - 40 * HOUR), at(NOW - 45 * HOUR)] // 23 November 20:00 and 15:00
    expect(retainedSnapshots([...today, ...dayBefore], NOW)).toEqual([...today, dayBefore[0]])
  })

  it('prunes by the time in the name, deletes old folders and old database-only files, and nothing else', () => {
    const dir = tempDataDir()
    const times = Array.from({ length: 40 }, (_, i) => NOW - 3 * HOUR - i * DAY)
    times.forEach((t, i) => {
      // Every other one an older release's lone .db file; mtimes backwards, so sorting by them would be wrong.
      const file = path.join(dir, snapshotName(t) + (i % 2 ? '.db' : ''))
      if (i % 2) fs.writeFileSync(file, 'x')
      else fs.mkdirSync(file)
      const mtime = new Date(NOW - (40 - i) * DAY)
      fs.utimesSync(file, mtime, mtime)
    })
    const foreign = [
      'notes.txt',
      'lumina-latest.db',
      'lumina-20261399T000000Z.db',
      'lumina-20250101T000000Z.db-wal',
      'lumina.db',
      '.lumina-20250101T000000Z.123.tmp',
      'Lumina-20240101T000000Z.db',
    ]
    for (const f of foreign) fs.writeFileSync(path.join(dir, f), 'keep me')
    fs.writeFileSync(path.join(dir, 'lumina-20250101T000000Z'), 'a file with a folder snapshot name')

    const deleted = pruneSnapshots(dir, NOW)

    const kept = listSnapshots(dir)
    expect(kept.map((s) => s.time)).toEqual(retainedSnapshots(times.map(at), NOW).map((s) => s.time))
    expect(kept.length + deleted.length).toBe(40)
    expect(kept.some((s) => s.kind === 'database')).toBe(true)
    for (const f of [...foreign, 'lumina-20250101T000000Z']) expect(fs.existsSync(path.join(dir, f))).toBe(true)
    expect(pruneSnapshots(dir, NOW)).toEqual([])
    expect(listSnapshots(path.join(dir, 'nope'))).toEqual([])
  })

  it('round-trips names and rejects look-alikes', () => {
    const t = Date.UTC(2026, 1, 28, 23, 59, 59)
    expect(snapshotName(t)).toBe('lumina-20260228T235959Z')
    expect(parseSnapshotName(snapshotName(t))).toEqual({ time: t, kind: 'full' })
    expect(parseSnapshotName(`${snapshotName(t)}.db`)).toEqual({ time: t, kind: 'database' })
    expect(parseSnapshotName('lumina-20260230T000000Z')).toBeNull() // 30 February
    expect(parseSnapshotName('lumina-20260228T235959Z.db.tmp')).toBeNull()
    expect(parseSnapshotName('xlumina-20260228T235959Z')).toBeNull()
  })

  it('reads the app version from package.json', () => {
    expect(appVersion()).toMatch(/^\d+\.\d+\.\d+/)
  })
})

describe('readManifest', () => {
  it('refuses a manifest that names a file outside the user folders', async () => {
    const { dataDir, backupDir, db } = setup()
    const [user] = insertUsers(db.$client, 1)
    writeUserFile(dataDir, user!.id, 'images/a.jpg', 'x')
    const snap = await takeSnapshot(db, { dataDir, backupDir, signingKey: snapshotKey(dataDir) })
    db.$client.close()
    const file = path.join(snap.path, MANIFEST_FILE)
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'))
    for (const bad of [`users/${user!.id}/../../lumina.db`, 'secrets/url-signing.key', `users/${user!.id}/.hidden`]) {
      manifest.files[0].path = bad
      fs.writeFileSync(file, JSON.stringify(manifest))
      expect(() => readManifest(snap.path), bad).toThrow(/not a valid manifest: files\.0\.path/)
    }
    fs.writeFileSync(file, '{')
    expect(() => readManifest(snap.path)).toThrow(/cannot read/)
  })
})
