import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { type BackupSchedule, startBackupSchedule } from '../../src/ops/backup.js'
import { listSnapshots, snapshotName } from '../../src/ops/snapshots.js'
import { cleanupTempDirs, insertUsers, memoryLogger, openAppDb, tempDataDir, writeUserFile } from './helpers.js'

const HOUR = 60 * 60 * 1000
const T0 = Date.UTC(2026, 10, 25, 3, 0, 0)

const schedules: BackupSchedule[] = []
afterEach(() => {
  for (const s of schedules.splice(0)) s.stop()
  cleanupTempDirs()
})

function setup() {
  const dataDir = tempDataDir()
  const db = openAppDb(dataDir)
  const users = insertUsers(db.$client, 3)
  writeUserFile(dataDir, users[0]!.id, 'images/a.jpg', 'a photo')
  const backups = loadConfig({ DATA_DIR: dataDir }).backups
  const log = memoryLogger()
  let clock = T0
  const start = (extra: { intervalMs?: number } = {}) => {
    const s = startBackupSchedule({ db, dataDir, backups, logger: log.logger, now: () => clock, ...extra })
    schedules.push(s)
    return s
  }
  const setClock = (t: number) => void (clock = t)
  return { db, dataDir, dir: backups.dir, log, users, start, setClock }
}

describe('startBackupSchedule', () => {
  it('takes one snapshot at start, none within 24 h, another once the newest is 24 h old', async () => {
    const { db, dir, start, setClock } = setup()
    const schedule = start()
    expect((await schedule.tick())?.snapshot.name).toBe(snapshotName(T0)) // the one started at start
    expect(listSnapshots(dir).map((s) => s.name)).toEqual([snapshotName(T0)])

    setClock(T0 + 23 * HOUR + 59 * 60 * 1000)
    expect(await schedule.tick()).toBeNull()
    expect(listSnapshots(dir)).toHaveLength(1)

    setClock(T0 + 24 * HOUR)
    const report = await schedule.tick()
    expect(report?.snapshot.path).toBe(path.join(dir, snapshotName(T0 + 24 * HOUR)))
    expect(report?.snapshot.files).toMatchObject({ files: 1, linked: 1, copied: 0 })
    expect(report?.offsite).toBeNull()
    expect(listSnapshots(dir)).toHaveLength(2)
    db.$client.close()
  })

  it('does not pile up snapshots across restarts, and prunes on every check', async () => {
    const { db, dir, start, setClock } = setup()
    const run = async () => {
      const s = start()
      await s.tick()
      s.stop()
    }
    await run()
    setClock(T0 + 2 * HOUR)
    await run() // a deploy two hours later
    setClock(T0 + 20 * HOUR)
    await run()
    expect(listSnapshots(dir).map((s) => s.time)).toEqual([T0])
    setClock(T0 + 30 * HOUR)
    await run() // down over the 24 h mark: caught up at once
    expect(listSnapshots(dir).map((s) => s.time)).toEqual([T0 + 30 * HOUR, T0])

    // An older release's database-only file neither counts as today's snapshot nor survives 30 days.
    fs.writeFileSync(path.join(dir, `${snapshotName(T0 + 40 * HOUR)}.db`), 'x')
    setClock(T0 + 55 * HOUR)
    await run()
    expect(listSnapshots(dir)[0]!.time).toBe(T0 + 55 * HOUR)
    setClock(T0 + 31 * 24 * HOUR + 56 * HOUR)
    const s = start()
    await s.tick()
    expect(listSnapshots(dir).map((x) => x.time)).toEqual([T0 + 31 * 24 * HOUR + 56 * HOUR])
    db.$client.close()
  })

  it('logs names, sizes and counts, and no personal data', async () => {
    const { db, log, users, start } = setup()
    await start().tick()
    db.$client.close()
    const line = log.lines().find((l) => l.msg === 'snapshot taken')
    expect(line).toMatchObject({
      snapshot: snapshotName(T0),
      dbBytes: expect.any(Number),
      files: 1,
      fileBytes: 7,
      copied: 1,
      linked: 0,
      ms: expect.any(Number),
    })
    for (const u of users) {
      expect(log.text()).not.toContain(u.email)
      expect(log.text()).not.toContain(u.id)
    }
  })

  it('generates the signing key once, says to keep a copy, and never logs the key', async () => {
    const { db, dataDir, log, start, setClock } = setup()
    const schedule = start()
    await schedule.tick()
    const key = fs.readFileSync(path.join(dataDir, 'secrets', 'backup-signing.key'), 'utf8').trim()
    const generated = log
      .lines()
      .filter(
        (l) => l.msg === 'backup signing key generated: keep a copy as BACKUP_SIGNING_KEY with the off-site settings',
      )
    expect(generated).toEqual([
      expect.objectContaining({
        level: 40,
        file: path.join(dataDir, 'secrets', 'backup-signing.key'),
        keyId: expect.any(String),
      }),
    ])
    expect(log.lines().find((l) => l.msg === 'snapshot taken')?.keyId).toBe(generated[0]!.keyId)
    setClock(T0 + 25 * HOUR)
    await schedule.tick()
    db.$client.close()
    expect(log.lines().filter((l) => l.msg === 'snapshot taken')).toHaveLength(2)
    expect(log.lines().filter((l) => String(l.msg).startsWith('backup signing key generated'))).toHaveLength(1)
    expect(log.text()).not.toContain(key)
  })

  it('logs a failure instead of throwing, and recovers on a later check', async () => {
    const { db, dir, log, start, setClock } = setup()
    fs.writeFileSync(dir, 'a file where the directory should be')
    const schedule = start() // must not throw
    expect(await schedule.tick()).toBeNull()
    expect(log.lines().find((l) => l.msg === 'snapshot failed')).toMatchObject({
      level: 50,
      err: { code: expect.any(String), message: expect.any(String) },
    })

    fs.rmSync(dir)
    setClock(T0 + HOUR)
    expect(await schedule.tick()).not.toBeNull()
    expect(listSnapshots(dir)).toHaveLength(1)

    db.$client.close() // the database going away is logged too
    setClock(T0 + 48 * HOUR)
    expect(await schedule.tick()).toBeNull()
    expect(log.lines().filter((l) => l.msg === 'snapshot failed')).toHaveLength(2)
  })

  it('does not keep the process alive', async () => {
    const { db, start } = setup()
    const spy = vi.spyOn(globalThis, 'setInterval')
    try {
      const s = start({ intervalMs: 1000 })
      const timer = spy.mock.results.at(-1)!.value as NodeJS.Timeout
      expect(timer.hasRef()).toBe(false)
      await s.tick()
    } finally {
      spy.mockRestore()
      db.$client.close()
    }
  })
})
