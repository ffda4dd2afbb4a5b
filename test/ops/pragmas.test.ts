import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterEach, describe, expect, it } from 'vitest'
import { connectionSettings } from '../../src/db.js'
import { LIBTV_DEV_ACCESS_KEY, LIBTV_DEV_SECRET_KEY } from '../../src/libtv/config.js'
import { projectPath } from '../../src/paths.js'
import type { RenderWorkerData } from '../../src/render/worker-thread.js'
import { cleanupTempDirs, openAppDb, tempDataDir } from './helpers.js'

// The app never fights Litestream: every connection runs in WAL mode with synchronous=NORMAL and
// waits at least 5 s for a lock, and the app never checkpoints the WAL itself (Litestream must
// see every frame before the WAL is reset; SQLite's automatic PASSIVE checkpoints are fine).

afterEach(cleanupTempDirs)

const EXPECTED = { journalMode: 'wal', synchronous: 1, foreignKeys: 1 }

describe('SQLite settings on every connection', () => {
  it("the web thread's connection (openDatabase)", () => {
    const db = openAppDb(tempDataDir())
    const settings = connectionSettings(db.$client)
    db.$client.close()
    expect(settings).toMatchObject(EXPECTED)
    expect(settings.busyTimeout).toBeGreaterThanOrEqual(5000)
  })

  it("the render worker's connection, as the worker itself reports it", async () => {
    const dataDir = tempDataDir()
    openAppDb(dataDir).$client.close()
    const data: RenderWorkerData = {
      databasePath: path.join(dataDir, 'lumina.db'),
      dataDir,
      libtv: {
        accessKey: LIBTV_DEV_ACCESS_KEY,
        secretKey: LIBTV_DEV_SECRET_KEY,
        baseUrl: 'http://127.0.0.1:9',
        model: 'kling-v2-1',
        mode: 'std',
      },
      imageDelivery: { kind: 'upload' },
      ffmpegPath: 'ffmpeg',
      ffprobePath: 'ffprobe',
      concurrency: 1,
      pollIntervalMs: 1000,
      idlePollMs: 1000,
    }
    // The same entry worker-host.ts starts under tsx.
    const worker = new Worker(projectPath('src/render/worker-dev.mjs'), { workerData: data })
    try {
      const ready = await new Promise<{ type: string; database?: ReturnType<typeof connectionSettings> }>(
        (resolve, reject) => {
          worker.once('error', reject)
          worker.on('message', (m: { type: string }) => m.type === 'ready' && resolve(m))
        },
      )
      expect(ready.database).toMatchObject(EXPECTED)
      expect(ready.database!.busyTimeout).toBeGreaterThanOrEqual(5000)
      const stopped = new Promise((resolve) =>
        worker.on('message', (m: { type: string }) => m.type === 'stopped' && resolve(m)),
      )
      worker.postMessage({ type: 'stop' })
      await stopped
    } finally {
      await worker.terminate()
    }
  })

  it('no code of ours checkpoints the WAL or changes how it is kept', () => {
    const offenders: string[] = []
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(file)
        else if (/\.(ts|tsx|mjs)$/.test(entry.name)) {
          const text = fs.readFileSync(file, 'utf8')
          if (/wal_checkpoint|wal_autocheckpoint|locking_mode\s*=\s*EXCLUSIVE/i.test(text)) {
            offenders.push(path.relative(projectPath(), file))
          }
        }
      }
    }
    walk(projectPath('src'))
    // The restore's lock check takes an exclusive lock only while the app is stopped, to prove it is.
    expect(offenders).toEqual(['src/ops/restore.ts'])
    const restore = fs.readFileSync(projectPath('src/ops/restore.ts'), 'utf8')
    expect(restore).not.toMatch(/wal_checkpoint/i)
  })
})
