// Regression tests for render-pipeline bugs the tester found; each failed before its fix.
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMG2VIDEO_PATH } from '../../src/libtv/api.js'
import { downloadName } from '../../src/render/routes.js'
import { videoPaths } from '../../src/storage.js'
import {
  cancelOverHttp,
  FAST_LATENCY,
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
} from '../support/render.js'

let stack: RenderStack
let alice: RenderUser

beforeAll(async () => {
  stack = await startRenderStack()
  alice = await newRenderUser(stack.app, 'studio')
})
afterAll(async () => {
  await stack?.close()
})

describe('a shot LibTV fails', () => {
  // renderer.ts:74 awaits Promise.allSettled over every shot before looking for a failure, so the
  // video stays "rendering" until every other shot has rendered, been polled to the end and been
  // downloaded; the "abandon the rest" code after it (renderer.ts:75-80) finds nothing left to abandon.
  it('fails the video at once, without waiting for (and downloading) the other shots', async () => {
    stack.sim.setFaults({
      latency: { ...FAST_LATENCY, generated: 4000, moderating: 2000 },
      nextTaskOutcomes: [{ type: 'fail', message: 'bad frame' }],
    })
    try {
      const project = await makeBrief(stack.app, alice.id, { productName: 'Fail Fast Lamp' })
      const videoId = await submitOverHttp(alice.client, project.screenplayId)
      const failedShotAt = await waitFor(
        'a shot to fail',
        () => (shotRows(stack.app, videoId).some((s) => s.status === 'failed') ? Date.now() : undefined),
        30_000,
        20,
      )
      const video = await waitForFinish(stack.app, videoId, 30_000)
      expect(video.status).toBe('failed')
      // The other shots need ~6 s more at LibTV; the video should not wait for them.
      expect.soft(Date.now() - failedShotAt).toBeLessThan(2000)
      const tasks = shotRows(stack.app, videoId).flatMap((s) => (s.taskId ? [s.taskId] : []))
      expect(stack.sim.requests.filter((r) => tasks.some((t) => r.path.startsWith(`/sim/results/${t}/`)))).toEqual([])
    } finally {
      stack.sim.setFaults({ latency: FAST_LATENCY, nextTaskOutcomes: [] })
    }
  }, 60_000)
})

describe('canceling while the video is being stitched', () => {
  // renderer.ts:97 onProgress writes under the lease; after a cancel that write throws LeaseLost, but
  // stitch.ts:224-227 (progressReporter) swallows errors from onProgress, so ffmpeg runs on until the next
  // lease renewal (every leaseMs/3 = 10 s) or the end of the stitch, and the canceled video's
  // video.mp4 and poster.jpg are written to disk anyway (never served, never deleted).
  it('stops ffmpeg promptly and writes no video file', async () => {
    // A bigger stitch, so there is time to cancel in the middle of it.
    await stack.restartWorker({
      stitchSize: {
        '9:16': { width: 720, height: 1280 },
        '16:9': { width: 1280, height: 720 },
        '1:1': { width: 720, height: 720 },
      },
    })
    try {
      const project = await makeBrief(stack.app, alice.id, { productName: 'Stitch Cancel Lamp', lengthSeconds: 30 })
      const videoId = await submitOverHttp(alice.client, project.screenplayId)
      await waitFor('stitching', () => videoRow(stack.app, videoId)?.status === 'stitching' || undefined, 60_000, 20)
      const canceledAt = Date.now()
      expect((await cancelOverHttp(alice.client, videoId)).status).toBe(303)
      const stoppedAt = await waitFor(
        'the worker to stop the render',
        () =>
          stack.workerLogs.some((l) => l.event === 'render stopped' && l.fields.videoId === videoId)
            ? Date.now()
            : undefined,
        60_000,
        50,
      )
      expect.soft(stoppedAt - canceledAt).toBeLessThan(3000)
      expect.soft(fs.existsSync(videoPaths(stack.app.dataDir, alice.id, videoId).video)).toBe(false)
    } finally {
      await stack.restartWorker()
    }
  }, 120_000)
})

describe('the worker’s LibTV submit interval', () => {
  // worker-thread.ts:33 passes submitIntervalMs only when it is truthy, so 0 ("no spacing", which
  // the client accepts) silently becomes the client's default of 1000 ms.
  it('honours submitIntervalMs: 0', async () => {
    await stack.restartWorker({ libtv: { ...stack.workerData.libtv, submitIntervalMs: 0 } })
    try {
      const project = await makeBrief(stack.app, alice.id, { productName: 'No Spacing Lamp' })
      const from = stack.sim.requests.length
      const videoId = await submitOverHttp(alice.client, project.screenplayId)
      await waitForFinish(stack.app, videoId, 60_000)
      const arrivals = stack.sim.requests
        .slice(from)
        .filter((r) => r.path === IMG2VIDEO_PATH)
        .map((r) => r.at)
      expect(arrivals.length).toBe(shotRows(stack.app, videoId).length)
      expect(arrivals[arrivals.length - 1]! - arrivals[0]!).toBeLessThan(800)
    } finally {
      await stack.restartWorker()
    }
  }, 90_000)
})

describe('download names', () => {
  // routes.tsx downloadName: NFKD splits "è" into "e" + a combining accent, and the accent is then
  // replaced by a dash, so "Crème Brûlée" downloads as "cre-me-bru-le-e.mp4". Strip \p{M} first.
  it('drops accents instead of turning them into dashes', () => {
    expect(downloadName('Crème Brûlée')).toBe('creme-brulee')
    expect(downloadName('Café Noël')).toBe('cafe-noel')
  })
})

describe('the library past its last page', () => {
  // library.tsx shows the empty state ("No videos yet … press Render") for a page number past
  // the end, under a heading that says how many videos there are.
  it('does not say "No videos yet" to someone who has videos', async () => {
    const project = await makeBrief(stack.app, alice.id)
    insertVideo(stack.app, alice.id, project)
    const html = await (await alice.client.get('/videos?page=5')).text()
    expect(html).not.toContain('No videos yet')
  })
})
