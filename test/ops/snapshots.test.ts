import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import {
  listSnapshots,
  parseSnapshotName,
  pruneSnapshots,
  snapshotName,
  takeSnapshot,
  verifySnapshotFile,
} from '../../src/ops/snapshots.js'
import { byId, cleanupTempDirs, insertUsers, openAppDb, readUsers, tempDataDir } from './helpers.js'

afterEach(cleanupTempDirs)

describe('takeSnapshot', () => {
  it('writes a verified, self-contained SQLite file with the same rows', () => {
    const dataDir = tempDataDir()
    const db = openAppDb(dataDir)
    const users = insertUsers(db.$client, 25)
    const dir = path.join(dataDir, 'backups')
    const now = Date.UTC(2026, 10, 25, 3, 4, 5)

    const snap = takeSnapshot(db, dir, now)
    db.$client.close()

    expect(snap.file).toBe(path.join(dir, 'lumina-20261125T030405Z.db'))
    expect(snap.bytes).toBe(fs.statSync(snap.file).size)
    expect(fs.readFileSync(snap.file).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0')
    // A rollback-journal file: it opens on its own, without a -wal beside it.
    expect(fs.readFileSync(snap.file)[18]).toBe(1)
    expect(() => verifySnapshotFile(snap.file, ['users'])).not.toThrow()
    expect(readUsers(snap.file)).toEqual(byId(users))
    // Only the snapshot is left: no temp file, no -wal/-shm.
    expect(fs.readdirSync(dir)).toEqual(['lumina-20261125T030405Z.db'])
  })

  it('leaves nothing behind when the snapshot fails', () => {
    const dataDir = tempDataDir()
    const db = openAppDb(dataDir)
    const dir = path.join(dataDir, 'backups')
    // VACUUM cannot run inside a transaction: a real failure from SQLite itself.
    db.$client.exec('BEGIN')
    expect(() => takeSnapshot(db, dir, Date.UTC(2026, 0, 1))).toThrow(/transaction/)
    db.$client.exec('ROLLBACK')
    db.$client.close()
    expect(fs.readdirSync(dir)).toEqual([])
  })

  it('is consistent while another thread keeps writing (WAL)', async () => {
    const dataDir = tempDataDir()
    const db = openAppDb(dataDir)
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
      const snap = takeSnapshot(db, path.join(dataDir, 'backups'))
      const after = Atomics.load(shared, 0)

      // The writer was never blocked: it committed batches during the snapshot.
      expect(after).toBeGreaterThan(before)
      verifySnapshotFile(snap.file, ['users'])
      const sqlite = new Database(snap.file, { readonly: true })
      const count = (sqlite.prepare('SELECT count(*) AS c FROM users').get() as { c: number }).c
      sqlite.close()
      // Whole transactions only, and exactly the ones committed by the time it started.
      expect((count - initial) % batch).toBe(0)
      expect(count).toBeGreaterThanOrEqual(initial + before * batch)
      expect(count).toBeLessThanOrEqual(initial + after * batch)
    } finally {
      Atomics.store(shared, 1, 1)
      await exited
      db.$client.close()
    }
    expect(errors).toEqual([])
  })
})

// Plain JavaScript: a worker cannot load TypeScript under tsx on Node 20 (src/render/worker-dev.mjs).
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

describe('pruneSnapshots and listSnapshots', () => {
  it('keeps the newest 7 by the time in the name, not by mtime, and ignores other files', () => {
    const dir = tempDataDir()
    const base = Date.UTC(2026, 0, 1)
    const day = 24 * 60 * 60 * 1000
    const times = Array.from({ length: 10 }, (_, i) => base + i * day)
    times.forEach((t, i) => {
      const file = path.join(dir, snapshotName(t))
      fs.writeFileSync(file, 'x')
      // Oldest name gets the newest mtime: sorting by mtime would keep the wrong ones.
      const mtime = new Date(base + (20 - i) * day)
      fs.utimesSync(file, mtime, mtime)
    })
    const foreign = [
      'notes.txt',
      'lumina-latest.db',
      'lumina-20261399T000000Z.db',
      'lumina-20250101T000000Z.db-wal',
      'lumina.db',
      `.${snapshotName(base - day)}.123.tmp`,
      'Lumina-20240101T000000Z.db',
    ]
    for (const f of foreign) fs.writeFileSync(path.join(dir, f), 'keep me')
    fs.mkdirSync(path.join(dir, snapshotName(base - 2 * day))) // a directory is not a snapshot

    const deleted = pruneSnapshots(dir)

    expect(deleted.sort()).toEqual(times.slice(0, 3).map(snapshotName).sort())
    expect(listSnapshots(dir).map((s) => s.time)).toEqual(times.slice(3).reverse())
    for (const f of foreign) expect(fs.existsSync(path.join(dir, f))).toBe(true)
    expect(fs.statSync(path.join(dir, snapshotName(base - 2 * day))).isDirectory()).toBe(true)
    expect(pruneSnapshots(dir)).toEqual([])
  })

  it('honours keep, refuses to keep none, and lists nothing for a missing directory', () => {
    const dir = tempDataDir()
    for (let i = 0; i < 4; i++) fs.writeFileSync(path.join(dir, snapshotName(Date.UTC(2026, 5, 1, i))), 'x')
    expect(() => pruneSnapshots(dir, 0)).toThrow(RangeError)
    expect(listSnapshots(dir)).toHaveLength(4)
    expect(pruneSnapshots(dir, 2)).toHaveLength(2)
    expect(listSnapshots(dir).map((s) => s.name)).toEqual(['lumina-20260601T030000Z.db', 'lumina-20260601T020000Z.db'])
    expect(listSnapshots(path.join(dir, 'nope'))).toEqual([])
  })

  it('round-trips names and rejects look-alikes', () => {
    const t = Date.UTC(2026, 1, 28, 23, 59, 59)
    expect(snapshotName(t)).toBe('lumina-20260228T235959Z.db')
    expect(parseSnapshotName(snapshotName(t))).toBe(t)
    expect(parseSnapshotName('lumina-20260230T000000Z.db')).toBeNull() // 30 February
    expect(parseSnapshotName('lumina-20260228T235959Z.db.tmp')).toBeNull()
    expect(parseSnapshotName('xlumina-20260228T235959Z.db')).toBeNull()
  })
})
