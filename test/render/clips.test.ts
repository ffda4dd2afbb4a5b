// The clips LibTV made are working files: removed once the video's MP4 is verified (done), and with
// the whole folder when the video fails or is canceled. A process that died before cleaning up is
// caught up by the worker's start-up sweep. Only a video still rendering keeps clips on disk.
import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderJobs } from '../../db/schema.js'
import { isVideoFinished } from '../../db/states.js'
import { videoPaths } from '../../src/storage.js'
import {
  cancelOverHttp,
  FAST_LATENCY,
  fileExists,
  insertVideo,
  makeBrief,
  newRenderUser,
  type RenderStack,
  type RenderUser,
  shotRows,
  startRenderStack,
  submitOverHttp,
  videoRow,
  waitFor,
  waitForFinish,
  watchUnhandled,
} from '../support/render.js'

let stack: RenderStack
let alice: RenderUser
let unhandled: ReturnType<typeof watchUnhandled>

const paths = (videoId: string) => videoPaths(stack.app.dataDir, alice.id, videoId)
const clipsDir = (videoId: string) => path.dirname(paths(videoId).clip(1))
const gone = (file: string, what: string) => waitFor(what, () => !fs.existsSync(file), 10_000)

/** Every clips folder under DATA_DIR/users, with its video's status. */
function clipFoldersOnDisk(): Array<{ videoId: string; status: string | undefined }> {
  const found = []
  const users = path.join(stack.app.dataDir, 'users')
  for (const user of fs.readdirSync(users)) {
    const videos = path.join(users, user, 'videos')
    for (const videoId of fs.existsSync(videos) ? fs.readdirSync(videos) : [])
      if (fs.existsSync(path.join(videos, videoId, 'clips')))
        found.push({ videoId, status: videoRow(stack.app, videoId)?.status })
  }
  return found
}

beforeAll(async () => {
  unhandled = watchUnhandled()
  stack = await startRenderStack()
  alice = await newRenderUser(stack.app, 'studio')
})
afterAll(async () => {
  await stack?.close()
  unhandled?.stop()
})

describe('a done video', () => {
  it('keeps its verified MP4 and poster, and not the clips it was made from', async () => {
    const project = await makeBrief(stack.app, alice.id, { productName: 'Tidy Lamp' })
    const videoId = await submitOverHttp(alice.client, project.screenplayId)
    await waitFor('a clip on disk', () => fs.existsSync(paths(videoId).clip(1)), 30_000, 20)
    expect((await waitForFinish(stack.app, videoId)).status).toBe('done')
    await gone(clipsDir(videoId), 'the clips to be removed')
    expect(fileExists(paths(videoId).video)).toBe(true)
    expect(fileExists(paths(videoId).poster)).toBe(true)
    expect(fs.readdirSync(paths(videoId).dir).sort()).toEqual(['poster.jpg', 'video.mp4'])
    expect((await alice.client.get(`/videos/${videoId}/video.mp4`, { range: 'bytes=0-3' })).status).toBe(206)
  }, 60_000)
})

describe('a failed video', () => {
  it('failing at a shot after others were downloaded: nothing of it is left', async () => {
    // Submits 1.5 s apart: the first two shots are rendered and downloaded before the third fails.
    await stack.restartWorker({ libtv: { ...stack.workerData.libtv, submitIntervalMs: 1500 } })
    stack.sim.setFaults({
      latency: FAST_LATENCY,
      nextTaskOutcomes: [{ type: 'succeed' }, { type: 'succeed' }, { type: 'fail', message: 'bad frame' }],
    })
    try {
      const project = await makeBrief(stack.app, alice.id, { productName: 'Failing Lamp' })
      const videoId = await submitOverHttp(alice.client, project.screenplayId)
      await waitFor('two clips on disk', () => fs.existsSync(paths(videoId).clip(2)), 30_000, 20)
      const video = await waitForFinish(stack.app, videoId)
      expect(video.status).toBe('failed')
      expect(video.failureReason).toMatch(/^Shot 3 could not be rendered/)
      await gone(paths(videoId).dir, 'the video folder to be removed')
    } finally {
      stack.sim.setFaults({ nextTaskOutcomes: [] })
      await stack.restartWorker()
    }
  }, 60_000)

  it('failing at the stitch, with every clip downloaded: nothing of it is left', async () => {
    await stack.restartWorker({ ffmpegPath: '/nonexistent/ffmpeg' })
    try {
      const project = await makeBrief(stack.app, alice.id, { productName: 'Unstitched Lamp' })
      const videoId = await submitOverHttp(alice.client, project.screenplayId)
      const video = await waitForFinish(stack.app, videoId)
      expect(video.status).toBe('failed')
      expect(shotRows(stack.app, videoId).every((s) => s.status === 'done')).toBe(true)
      await gone(paths(videoId).dir, 'the video folder to be removed')
    } finally {
      await stack.restartWorker()
    }
  }, 60_000)
})

describe('a canceled video', () => {
  it('canceled with clips on disk: nothing of it is left', async () => {
    const project = await makeBrief(stack.app, alice.id, { productName: 'Canceled Lamp', lengthSeconds: 30 })
    const videoId = await submitOverHttp(alice.client, project.screenplayId)
    await waitFor('a clip on disk', () => fs.existsSync(paths(videoId).clip(1)), 30_000, 20)
    expect((await cancelOverHttp(alice.client, videoId)).status).toBe(303)
    // Gone at once, and still gone once the worker has stopped the render (a download that was
    // finishing may have written into it meanwhile: the worker removes it again).
    await gone(paths(videoId).dir, 'the video folder to be removed')
    await waitFor(
      'the worker to stop the render',
      () => stack.workerLogs.some((l) => l.event === 'render stopped' && l.fields.videoId === videoId),
      60_000,
    )
    expect(fs.existsSync(paths(videoId).dir)).toBe(false)
  }, 120_000)
})

describe('after a process died before cleaning up', () => {
  it('the worker’s start-up sweep removes finished videos’ leftovers and keeps a rendering video’s clips', async () => {
    await stack.stopWorker()
    const project = await makeBrief(stack.app, alice.id, { productName: 'Crashed Lamp' })
    // Done, but its clips still there (insertVideo writes them where the worker would have).
    const done = insertVideo(stack.app, alice.id, project, { status: 'done', clips: true })
    // Failed and canceled, their clips still there.
    const failed = insertVideo(stack.app, alice.id, project, { status: 'failed', clips: true })
    const canceled = insertVideo(stack.app, alice.id, project, { status: 'canceled', clips: true })
    // Rendering, waiting to be tried again (so the worker does not claim it): its clips are needed.
    const waiting = insertVideo(stack.app, alice.id, project, { status: 'rendering', clips: true })
    stack.app.db
      .update(renderJobs)
      .set({ state: 'queued', nextAttemptAt: Date.now() + 3_600_000 })
      .where(eq(renderJobs.videoId, waiting.id))
      .run()
    for (const v of [done, failed, canceled, waiting]) expect(fileExists(v.paths.clip(1))).toBe(true)

    await stack.restartWorker()
    await gone(clipsDir(done.id), 'the done video’s clips to be swept')
    await gone(failed.paths.dir, 'the failed video’s folder to be swept')
    await gone(canceled.paths.dir, 'the canceled video’s folder to be swept')
    expect(fileExists(done.paths.video)).toBe(true)
    expect(fileExists(done.paths.poster)).toBe(true)
    expect(fileExists(waiting.paths.clip(1))).toBe(true)
    expect(stack.workerLogs.findLast((l) => l.event === 'removed leftover video files')?.fields).toMatchObject({
      videos: 3,
    })
  }, 30_000)

  it('no clips are left on disk but those of videos still rendering', () => {
    const left = clipFoldersOnDisk()
    expect(left.length).toBeGreaterThan(0)
    for (const { status } of left) expect(status && !isVideoFinished(status as 'done')).toBe(true)
  })

  it('nothing crashed and nothing was left unhandled', () => {
    expect(unhandled.seen).toEqual([])
    expect(stack.workerErrors).toEqual([])
    expect(stack.workerLogs.filter((l) => l.event === 'render crashed')).toEqual([])
  })
})
