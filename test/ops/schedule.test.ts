import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { listSnapshots, type SnapshotSchedule, snapshotName, startSnapshotSchedule } from '../../src/ops/snapshots.js'
import { cleanupTempDirs, insertUsers, memoryLogger, openAppDb, tempDataDir } from './helpers.js'

const HOUR = 60 * 60 * 1000
const T0 = Date.UTC(2026, 10, 25, 3, 0, 0)

const schedules: SnapshotSchedule[] = []
afterEach(() => {
  for (const s of schedules.splice(0)) s.stop()
  cleanupTempDirs()
})

function setup() {
  const dataDir = tempDataDir()
  const db = openAppDb(dataDir)
  const users = insertUsers(db.$client, 3)
  const dir = path.join(dataDir, 'backups')
  const log = memoryLogger()
  let clock = T0
  const start = (extra: { keep?: number; intervalMs?: number } = {}) => {
    const s = startSnapshotSchedule({ db, dir, logger: log.logger, now: () => clock, ...extra })
    schedules.push(s)
    return s
  }
  const setClock = (t: number) => void (clock = t)
  return { db, dir, log, users, start, setClock }
}

describe('startSnapshotSchedule', () => {
  it('takes one snapshot at start, none within 24 h, another once the newest is 24 h old', () => {
    const { db, dir, start, setClock } = setup()
    const schedule = start()
    expect(listSnapshots(dir).map((s) => s.name)).toEqual([snapshotName(T0)])

    setClock(T0 + 23 * HOUR + 59 * 60 * 1000)
    expect(schedule.tick()).toBeNull()
    expect(listSnapshots(dir)).toHaveLength(1)

    setClock(T0 + 24 * HOUR)
    expect(schedule.tick()?.file).toBe(path.join(dir, snapshotName(T0 + 24 * HOUR)))
    expect(listSnapshots(dir)).toHaveLength(2)
    db.$client.close()
  })

  it('does not pile up snapshots across restarts', () => {
    const { db, dir, start, setClock } = setup()
    start().stop()
    setClock(T0 + 2 * HOUR)
    start().stop() // a deploy two hours later
    setClock(T0 + 20 * HOUR)
    start().stop()
    expect(listSnapshots(dir).map((s) => s.time)).toEqual([T0])
    setClock(T0 + 30 * HOUR)
    start().stop() // down over the 24 h mark: caught up at once
    expect(listSnapshots(dir).map((s) => s.time)).toEqual([T0 + 30 * HOUR, T0])
    db.$client.close()
  })

  it('runs from its timer and prunes to `keep`', async () => {
    const { db, dir, start, setClock } = setup()
    let t = T0
    setClock(t)
    const schedule = start({ intervalMs: 10, keep: 3 })
    // Every tick sees a clock a day later, so every tick is due.
    const advance = setInterval(() => setClock((t += 25 * HOUR)), 5)
    try {
      await vi.waitFor(() => expect(listSnapshots(dir).length).toBe(3), { timeout: 5000, interval: 10 })
      await vi.waitFor(() => expect(listSnapshots(dir)[2]!.time).toBeGreaterThan(T0), { timeout: 5000, interval: 10 })
    } finally {
      clearInterval(advance)
      schedule.stop()
    }
    const names = fs.readdirSync(dir)
    expect(names.every((n) => /^lumina-\d{8}T\d{6}Z\.db$/.test(n))).toBe(true)
    expect(names.length).toBeLessThanOrEqual(3)
    db.$client.close()
  })

  it('logs file name, bytes and ms, and no personal data', () => {
    const { db, log, users, start } = setup()
    start()
    db.$client.close()
    const line = log.lines().find((l) => l.msg === 'snapshot taken')
    expect(line).toMatchObject({ file: snapshotName(T0), bytes: expect.any(Number), ms: expect.any(Number) })
    expect(Object.keys(line!).sort()).toEqual(['bytes', 'file', 'level', 'ms', 'msg', 'time'])
    for (const u of users) {
      expect(log.text()).not.toContain(u.email)
      expect(log.text()).not.toContain(u.id)
    }
  })

  it('logs a failure instead of throwing, and recovers on a later tick', () => {
    const { db, dir, log, start, setClock } = setup()
    fs.writeFileSync(dir, 'a file where the directory should be')
    const schedule = start() // must not throw
    expect(log.lines().find((l) => l.msg === 'snapshot failed')).toMatchObject({
      level: 50,
      err: { code: expect.any(String), message: expect.any(String) },
    })

    fs.rmSync(dir)
    setClock(T0 + HOUR)
    expect(schedule.tick()).not.toBeNull()
    expect(listSnapshots(dir)).toHaveLength(1)

    db.$client.close() // the database going away is logged too
    setClock(T0 + 48 * HOUR)
    expect(schedule.tick()).toBeNull()
    expect(log.lines().filter((l) => l.msg === 'snapshot failed')).toHaveLength(2)
  })

  it('does not keep the process alive', () => {
    const { db, start } = setup()
    const spy = vi.spyOn(globalThis, 'setInterval')
    try {
      start({ intervalMs: 1000 })
      const timer = spy.mock.results.at(-1)!.value as NodeJS.Timeout
      expect(timer.hasRef()).toBe(false)
    } finally {
      spy.mockRestore()
      db.$client.close()
    }
  })
})
