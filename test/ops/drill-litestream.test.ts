// Restore drill, Litestream: the app runs under the real Litestream 0.3.13 binary as `make run`
// starts it (backups/run-with-litestream.sh), writes, is SIGKILLed; DATA_DIR is wiped and the
// database comes back from the replica with `make restore FROM=replica [AT=…]`'s command, latest
// and at a point in time, every table compared. Restores go through a `file://` replica; the same
// config replicating to an S3-compatible server (s3rver on loopback) is checked by the objects that
// arrive, since s3rver lists no CommonPrefixes and `litestream restore` cannot find generations
// there. The user files' off-site copy is restored from s3rver.
import fs from 'node:fs'
import path from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { ListObjectsV2Command } from '@aws-sdk/client-s3'
import { afterAll, expect, it } from 'vitest'
import { restoreFromReplica } from '../../src/ops/litestream.js'
import { projectPath } from '../../src/paths.js'
import { createBrief as createBriefOverHttp } from '../briefs/helpers.js'
import { signUpOnServer } from '../support/accounts.js'
import * as img from '../support/images.js'
import { waitFor } from '../support/render.js'
import {
  type AppProcess,
  cleanupTempDirs,
  copyLiveDatabase,
  dumpTables,
  hashTree,
  runBackupCli,
  runBackupInProcess,
  type S3Server,
  startAppProcess,
  startS3Server,
  stopAppProcesses,
  tempDataDir,
} from './helpers.js'

let s3: S3Server | undefined
afterAll(async () => {
  await stopAppProcesses()
  await s3?.close()
  cleanupTempDirs()
})

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The committed config, syncing every second instead of ten so the drill stays short. */
function drillConfig(): string {
  const text = fs.readFileSync(projectPath('backups/litestream.yml'), 'utf8')
  expect(text).toContain('sync-interval: 10s')
  const file = path.join(tempDataDir(), 'litestream.yml')
  fs.writeFileSync(file, text.replace('sync-interval: 10s', 'sync-interval: 1s'))
  return file
}

/** Some of what people do: sign up, upload a photo with a brief. */
async function work(app: AppProcess, label: string) {
  const photo = { bytes: await img.jpeg(640, 480), name: 'p.jpg', type: 'image/jpeg' }
  for (let i = 0; i < 2; i++) {
    const user = await signUpOnServer(app.url)
    await createBriefOverHttp(user.client, photo, { productName: `${label} ${i}` })
  }
}

it('replicates while the app writes; after a SIGKILL and a wiped disk the replica restores every table, latest and at a time', async () => {
  const dataDir = tempDataDir()
  const replica = tempDataDir()
  const env = { LITESTREAM_REPLICA_URL: `file://${replica}`, LITESTREAM_CONFIG: drillConfig() }
  const app = await startAppProcess({ dataDir, env, litestream: true })
  expect(app.appPid).not.toBe(app.child.pid) // the app runs as Litestream's child
  // EXAMPLE_VIDEO=off (TEST_APP_ENV): no render in the background keeps changing the database.
  expect(app.output()).not.toContain('example video queued')

  await work(app, 'before')
  // T: once the replica holds everything written so far (checked by restoring it), and nothing since.
  const database = path.join(dataDir, 'lumina.db')
  const atT = dumpTables(copyLiveDatabase(database, path.join(tempDataDir(), 'at.db')))
  await waitFor(
    'the replica to catch up',
    async () => {
      const probe = path.join(tempDataDir(), 'probe.db')
      await restoreFromReplica({
        database,
        output: probe,
        configFile: env.LITESTREAM_CONFIG,
        env: { ...process.env, ...env },
      })
      return isDeepStrictEqual(dumpTables(probe), atT)
    },
    20_000,
    200,
  )
  const T = new Date()
  await sleep(200)
  await work(app, 'after')

  // The app dies in the middle of more work, without a chance to close anything; Litestream, its
  // parent, ships what the WAL holds and exits.
  const during = work(app, 'during').catch(() => undefined)
  await sleep(150)
  process.kill(app.appPid, 'SIGKILL')
  await app.exited
  await during
  const latest = dumpTables(copyLiveDatabase(database, path.join(tempDataDir(), 'latest.db')))
  expect(latest.users!.length).toBeGreaterThanOrEqual(4)
  expect(atT.users).toHaveLength(2)
  expect(fs.readdirSync(path.join(replica, 'generations'))).toHaveLength(1)

  // The disk is wiped.
  fs.rmSync(dataDir, { recursive: true })
  const restored = await runBackupCli(['restore', '--from', 'replica'], { DATA_DIR: dataDir, ...env })
  expect(restored.stderr).toBe('')
  expect(restored.status).toBe(0)
  expect(restored.stdout).toContain('verified the Litestream replica (latest): integrity_check ok')
  expect(restored.stdout).toContain('user files: left as they were')
  expect(dumpTables(path.join(dataDir, 'lumina.db'))).toEqual(latest)

  const atTime = await runBackupInProcess(['restore', '--from', 'replica', '--at', T.toISOString()], {
    DATA_DIR: dataDir,
    ...env,
  })
  expect(atTime.stderr).toBe('')
  expect(atTime.stdout).toContain(`verified the Litestream replica at ${T.toISOString()}`)
  expect(atTime.stdout).toMatch(/moved .*lumina\.db -> .*lumina\.db\.before-restore-/)
  expect(dumpTables(path.join(dataDir, 'lumina.db'))).toEqual(atT)
}, 90_000)

it('replicates to an S3-compatible server, and the user files come back from their off-site copy', async () => {
  s3 = await startS3Server()
  const dataDir = tempDataDir()
  // The Litestream settings alone: the off-site copy of the user files derives its bucket from them.
  const env = { ...s3.env('drill'), LITESTREAM_CONFIG: drillConfig() }
  const app = await startAppProcess({ dataDir, env, litestream: true })
  await work(app, 'offsite')
  // `make backup`: a snapshot, then its files sent to the bucket.
  const backup = await runBackupInProcess(['snapshot'], { DATA_DIR: dataDir, ...env })
  expect(backup.stderr).toBe('')
  expect(backup.stdout).toMatch(/off-site: [1-9]\d* files? sent/)

  // Litestream's generation: a snapshot and WAL segments, under the replica's path.
  const objects = await waitFor(
    'the generation snapshot and WAL segments in the bucket',
    async () => {
      const page = await s3!.client.send(new ListObjectsV2Command({ Bucket: s3!.bucket, Prefix: 'drill/generations/' }))
      const keys = (page.Contents ?? []).map((c) => c.Key!)
      const snapshots = keys.filter((k) =>
        /^drill\/generations\/[0-9a-f]{16}\/snapshots\/[0-9a-f]{8}\.snapshot\.lz4$/.test(k),
      )
      const wal = keys.filter((k) =>
        /^drill\/generations\/[0-9a-f]{16}\/wal\/[0-9a-f]{8}_[0-9a-f]{8}\.wal\.lz4$/.test(k),
      )
      return snapshots.length > 0 && wal.length > 0 && { snapshots, wal }
    },
    15_000,
    250,
  )
  expect(new Set([...objects.snapshots, ...objects.wal].map((k) => k.split('/')[2])).size).toBe(1)
  const files = hashTree(path.join(dataDir, 'users'))
  expect(Object.keys(files).length).toBeGreaterThanOrEqual(4)
  await app.stop()

  // The disk died: the files come back from the bucket (the database would from the replica).
  fs.rmSync(path.join(dataDir, 'users'), { recursive: true })
  const run = await runBackupCli(['restore-files'], { DATA_DIR: dataDir, ...env })
  expect(run.stderr).toBe('')
  expect(run.status).toBe(0)
  expect(run.stdout).toContain(`restored ${Object.keys(files).length} files`)
  expect(hashTree(path.join(dataDir, 'users'))).toEqual(files)
}, 90_000)
