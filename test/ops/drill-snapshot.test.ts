// Restore drill, snapshot: data made through the real app (two people, briefs, a video rendered by
// the worker through the LibTV simulator and ffmpeg), a snapshot taken with `make backup`'s command
// while the app runs, DATA_DIR destroyed, `make restore`'s command, then the app started as
// `make run` starts it: every row and file is back, and the video plays.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { createBrief as createBriefOverHttp } from '../briefs/helpers.js'
import { GOOD_PASSWORD } from '../support/accounts.js'
import { BrowserClient } from '../support/browser-client.js'
import * as img from '../support/images.js'
import {
  isJpeg,
  makeBrief,
  newRenderUser,
  probeMedia,
  startRenderStack,
  submitOverHttp,
  waitForFinish,
} from '../support/render.js'
import {
  cleanupTempDirs,
  copyLiveDatabase,
  dumpTables,
  hashTree,
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

it('snapshot, destroy DATA_DIR, restore, start: every row and file is back and the video plays', async () => {
  const stack = await startRenderStack()
  const dataDir = stack.app.dataDir
  // Off the data disk, as the README tells operators to keep a copy; so is the signing key, which
  // lives in their secrets, not in DATA_DIR/secrets (destroyed below with the rest).
  const backupDir = path.join(tempDataDir(), 'backups')
  const BACKUP_SIGNING_KEY = randomBytes(32).toString('base64')
  let alice: Awaited<ReturnType<typeof newRenderUser>>
  let bob: Awaited<ReturnType<typeof newRenderUser>>
  let videoId: string
  let expectedRows: Record<string, unknown[]>
  let expectedFiles: Record<string, string>
  try {
    alice = await newRenderUser(stack.app, 'creator')
    bob = await newRenderUser(stack.app)
    const project = await makeBrief(stack.app, alice.id, { lengthSeconds: 15 })
    videoId = await submitOverHttp(alice.client, project.screenplayId)
    await createBriefOverHttp(bob.client, { bytes: await img.jpeg(800, 600), name: 'lamp.jpg', type: 'image/jpeg' })
    await createBriefOverHttp(alice.client, { bytes: await img.png(640, 640), name: 'box.png', type: 'image/png' })
    expect((await waitForFinish(stack.app, videoId)).status).toBe('done')
    // Quiet from here on, so the state compared later is the state the snapshot holds.
    await stack.stopWorker()
    expectedRows = dumpTables(copyLiveDatabase(stack.app.deps.config.databasePath, path.join(tempDataDir(), 'live.db')))
    expectedFiles = hashTree(path.join(dataDir, 'users'))
    expect(Object.keys(expectedFiles).filter((f) => f.endsWith('/video.mp4'))).toHaveLength(1)
    expect(Object.keys(expectedFiles).filter((f) => f.endsWith('.jpg')).length).toBeGreaterThanOrEqual(4)

    // `make backup` while the app still has the database open.
    const backup = await runBackupCli(['snapshot'], { DATA_DIR: dataDir, BACKUP_DIR: backupDir, BACKUP_SIGNING_KEY })
    expect(backup.stderr).toBe('')
    expect(backup.status).toBe(0)
    expect(backup.stdout).toMatch(
      new RegExp(
        `user files: ${Object.keys(expectedFiles).length} files .*: ${Object.keys(expectedFiles).length} copied`,
      ),
    )
  } finally {
    await stack.close() // removes DATA_DIR entirely
  }
  expect(fs.existsSync(dataDir)).toBe(false)

  // `make restore` on the empty disk without the key: refused, and nothing is created.
  const refused = await runBackupInProcess(['restore', 'latest'], { DATA_DIR: dataDir, BACKUP_DIR: backupDir })
  expect(refused.status).toBe(1)
  expect(refused.stderr).toMatch(/set BACKUP_SIGNING_KEY .*add --force-unsigned; nothing was changed\n$/)
  expect(fs.existsSync(dataDir)).toBe(false)

  // With the key from the operator's secrets (the command in this process: the one above ran in its own).
  const restore = await runBackupInProcess(['restore', 'latest'], {
    DATA_DIR: dataDir,
    BACKUP_DIR: backupDir,
    BACKUP_SIGNING_KEY,
  })
  expect(restore.stderr).toBe('')
  expect(restore.status).toBe(0)
  expect(restore.stdout).toContain(`restored ${Object.keys(expectedFiles).length} user files`)
  expect(restore.stdout).toMatch(/manifest signed with the key from BACKUP_SIGNING_KEY/)
  expect(dumpTables(path.join(dataDir, 'lumina.db'))).toEqual(expectedRows)
  expect(hashTree(path.join(dataDir, 'users'))).toEqual(expectedFiles)

  // `make run` on the restored data: both sign in, and Alice's video plays.
  const app = await startAppProcess({ dataDir, env: { BACKUP_DIR: backupDir } })
  try {
    for (const who of [alice!, bob!]) {
      const client = new BrowserClient(app.url)
      const signin = await client.postForm('/signin', { email: who.email, password: GOOD_PASSWORD })
      expect(signin.status, who.email).toBe(303)
      const library = await client.get('/videos')
      expect(library.status).toBe(200)
      if (who === alice!) {
        const video = await client.get(`/videos/${videoId!}/video.mp4`)
        expect(video.status).toBe(200)
        expect(video.headers.get('content-type')).toMatch(/^video\/mp4/)
        const file = path.join(tempDataDir(), 'served.mp4')
        fs.writeFileSync(file, Buffer.from(await video.arrayBuffer()))
        const probe = await probeMedia(file)
        expect(probe.codec).toBe('h264')
        expect(probe.duration).toBeGreaterThan(10)
        const poster = await client.get(`/videos/${videoId!}/poster.jpg`)
        expect(poster.status).toBe(200)
        expect(isJpeg(new Uint8Array(await poster.arrayBuffer()))).toBe(true)
      }
    }
  } finally {
    await app.stop()
  }
}, 120_000)
