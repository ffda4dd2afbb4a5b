// Restore drill, deletion: a snapshot, then an account deleted from the account page, then the
// older snapshot restored. The restore must not bring the account back, nor its files, whether the
// deletion is known from the database being replaced or only from a later snapshot's manifest; and
// the app started on the result agrees.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { EXAMPLE_EMAIL } from '../../src/home/example.js'
import { createBrief as createBriefOverHttp } from '../briefs/helpers.js'
import { GOOD_PASSWORD, signUpOnServer } from '../support/accounts.js'
import { BrowserClient } from '../support/browser-client.js'
import * as img from '../support/images.js'
import {
  cleanupTempDirs,
  dumpTables,
  runBackupCli,
  runBackupInProcess,
  startAppProcess,
  stopAppProcesses,
  tempDataDir,
} from './helpers.js'

afterAll(async () => {
  await stopAppProcesses()
  cleanupTempDirs()
})

const userIds = (dataDir: string) =>
  (dumpTables(path.join(dataDir, 'lumina.db')).users as string[]).map((row) => (JSON.parse(row) as { id: string }).id)

it('a deleted account stays deleted, with its files, after an older snapshot is restored', async () => {
  const dataDir = tempDataDir()
  let app = await startAppProcess({ dataDir })
  const photo = { bytes: await img.jpeg(640, 480), name: 'p.jpg', type: 'image/jpeg' }
  const alice = await signUpOnServer(app.url)
  const bob = await signUpOnServer(app.url)
  await createBriefOverHttp(alice.client, photo)
  await createBriefOverHttp(bob.client, photo, { productName: 'Trail Lamp' })
  // The people's own folders (the app's example-video account has one too: src/home/example.ts).
  const exampleIds = () =>
    (dumpTables(path.join(dataDir, 'lumina.db')).users as string[])
      .map((row) => JSON.parse(row) as { id: string; email: string })
      .filter((user) => user.email === EXAMPLE_EMAIL)
      .map((user) => user.id)
  const people = () => {
    const example = exampleIds()
    return fs.readdirSync(path.join(dataDir, 'users')).filter((id) => !example.includes(id))
  }
  const usersBefore = people()
  expect(usersBefore).toHaveLength(2)

  // `make backup` while the app runs: Bob and his photo are in it.
  const older = await runBackupCli(['snapshot'], { DATA_DIR: dataDir })
  expect(older.status, older.stderr).toBe(0)
  const olderName = /snapshot .*\/(lumina-\d{8}T\d{6}Z)\n/.exec(older.stdout)![1]!

  // Bob deletes his account, as the account page does it.
  const deleted = await bob.client.postForm('/account/delete', { password: GOOD_PASSWORD })
  expect(deleted.status).toBe(303)
  const remaining = people()
  expect(remaining).toHaveLength(1)
  const bobId = usersBefore.find((id) => !remaining.includes(id))!
  // A later snapshot records the deletion in its manifest.
  expect((await runBackupInProcess(['snapshot'], { DATA_DIR: dataDir })).status).toBe(0)
  await app.stop()

  // 1. The database being replaced knows of the deletion.
  let restore = await runBackupInProcess(['restore', olderName], { DATA_DIR: dataDir })
  expect(restore.stderr).toBe('')
  expect(restore.stdout).toMatch(
    /deleted accounts: 1 deleted again from the restored data; 1 tombstone kept \(from the database being replaced, \d+ snapshot manifests\)/,
  )
  expect(userIds(dataDir)).not.toContain(bobId)
  expect(fs.existsSync(path.join(dataDir, 'users', bobId))).toBe(false)

  app = await startAppProcess({ dataDir })
  try {
    const again = new BrowserClient(app.url)
    const refused = await again.postForm('/signin', { email: bob.email, password: GOOD_PASSWORD })
    expect(refused.status).not.toBe(303)
    const welcome = new BrowserClient(app.url)
    expect((await welcome.postForm('/signin', { email: alice.email, password: GOOD_PASSWORD })).status).toBe(303)
  } finally {
    await app.stop()
  }
  expect(userIds(dataDir)).not.toContain(bobId)
  expect(people()).toEqual(remaining)

  // 2. The database is lost (here: garbage), so only the later snapshot's manifest knows.
  fs.writeFileSync(path.join(dataDir, 'lumina.db'), Buffer.alloc(8192, 7))
  for (const side of ['-wal', '-shm']) fs.rmSync(path.join(dataDir, `lumina.db${side}`), { force: true })
  restore = await runBackupInProcess(['restore', olderName], { DATA_DIR: dataDir })
  expect(restore.stderr).toBe('')
  expect(restore.stdout).toMatch(/warning: the current database could not be read/)
  expect(restore.stdout).toMatch(
    /deleted accounts: 1 deleted again from the restored data; 1 tombstone kept \(from \d+ snapshot manifests\)/,
  )
  expect(userIds(dataDir)).not.toContain(bobId)
  expect(fs.existsSync(path.join(dataDir, 'users', bobId))).toBe(false)
}, 90_000)
