// Cancel: the video stops at once, the worker leaves its LibTV tasks alone, and nothing of the video
// is served or kept any more. Canceling is free only while LibTV has accepted none of its shots;
// after that it still counts (LibTV has charged us), and the Cancel button says which before the
// person confirms.
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { videoPaths } from '../../src/storage.js'
import { decodeHtml } from '../briefs/helpers.js'
import {
  cancelOverHttp,
  jobRow,
  makeBrief,
  newRenderUser,
  type RenderStack,
  type RenderUser,
  readCancelForm,
  shotRows,
  startRenderStack,
  statusCallsFor,
  submitOverHttp,
  submitsByPrompt,
  usageRows,
  videoRow,
  waitFor,
  waitForFinish,
  watchUnhandled,
} from '../support/render.js'

// Long enough to cancel in the middle: a shot takes about 3.5 s at the simulator.
const LATENCY = { queued: 300, running: 2500, generated: 300, moderating: 300 }
const SHOT_MS = LATENCY.queued + LATENCY.running + LATENCY.generated + LATENCY.moderating
const FREE = 'Canceling is free: no shot has started yet, so this video will not count against your quota.'
const COUNTS = 'Its shots have started rendering, so this video still counts against your monthly quota if you cancel.'
const CANCELED_FREE = 'You canceled this render. It does not count against your monthly quota.'
const CANCELED_COUNTED =
  'You canceled this render after its shots had started, so it still counts against your monthly quota.'

let stack: RenderStack
let alice: RenderUser
let unhandled: ReturnType<typeof watchUnhandled>

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const pageText = async (path: string) =>
  decodeHtml((await (await alice.client.get(path)).text()).replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ')
const allowanceUsed = async () =>
  Number(/data-testid="usage">\s*(\d+)/.exec(await (await alice.client.get('/account')).text())?.[1])
const resultDownloads = (taskIds: string[]) =>
  stack.sim.requests.filter((r) => taskIds.some((t) => r.path.startsWith(`/sim/results/${t}/`)))
const stoppedRender = (videoId: string) =>
  stack.workerLogs.some((l) => l.event === 'render stopped' && l.fields.videoId === videoId)
const everyTaskCommitted = (videoId: string) => () => {
  const shots = shotRows(stack.app, videoId)
  return shots.every((s) => s.taskId) && shots.some((s) => s.status !== 'done')
    ? shots.map((s) => s.taskId!)
    : undefined
}

beforeAll(async () => {
  unhandled = watchUnhandled()
  stack = await startRenderStack({ sim: { faults: { latency: LATENCY } } })
  alice = await newRenderUser(stack.app, 'studio')
})
afterAll(async () => {
  await stack?.close()
  unhandled?.stop()
})

describe('canceling before LibTV has accepted any shot', () => {
  it('is free, the button says so first, and the worker never submits it', async () => {
    await stack.stopWorker()
    try {
      const usedBefore = await allowanceUsed()
      const project = await makeBrief(stack.app, alice.id, { productName: 'Never Rendered' })
      const videoId = await submitOverHttp(alice.client, project.screenplayId)
      expect(videoRow(stack.app, videoId)?.status).toBe('queued')
      const form = await readCancelForm(alice.client, videoId)
      expect(form?.text).toContain(FREE)
      expect(form?.confirm).toBe('Cancel this render? It will not count against your monthly quota.')
      // htmx asks the question, posts, and follows HX-Redirect.
      const res = await alice.client.postForm(form!.action, form!.fields, { 'hx-request': 'true' })
      expect(res.status).toBe(204)
      expect(res.headers.get('hx-redirect')).toBe(`/videos/${videoId}`)
      expect(videoRow(stack.app, videoId)?.status).toBe('canceled')
      expect(usageRows(stack.app, alice.id, videoId)[0]!.voidedAt).toEqual(expect.any(Number))
      expect(await allowanceUsed()).toBe(usedBefore)
      expect(await pageText(`/videos/${videoId}`)).toContain(CANCELED_FREE)

      await stack.restartWorker()
      await sleep(1500) // several idle polls
      const prompts = submitsByPrompt(stack.sim)
      for (const shot of shotRows(stack.app, videoId)) {
        expect(prompts.get(shot.prompt) ?? 0).toBe(0)
        expect(shot.status).toBe('canceled')
      }
      expect(jobRow(stack.app, videoId)?.state).toBe('canceled')
    } finally {
      if (!stack.workerRunning()) await stack.restartWorker()
    }
  }, 30_000)
})

describe('canceling while LibTV renders the shots', () => {
  let videoId: string
  let taskIds: string[]
  let usedBefore: number

  beforeAll(async () => {
    usedBefore = await allowanceUsed()
    const project = await makeBrief(stack.app, alice.id, { productName: 'Canceled Kettle' })
    videoId = await submitOverHttp(alice.client, project.screenplayId)
    // Every shot is at LibTV (task id committed) and still working.
    taskIds = await waitFor('every shot submitted', everyTaskCommitted(videoId), 20_000, 20)
    expect(videoRow(stack.app, videoId)?.status).toBe('rendering')
    expect(await allowanceUsed()).toBe(usedBefore + 1)
    const form = await readCancelForm(alice.client, videoId)
    expect(form?.text).toContain(COUNTS)
    expect(form?.confirm).toBe(
      'Cancel this render? It still counts against your monthly quota because its shots have started rendering.',
    )
    const res = await alice.client.postForm(form!.action, form!.fields)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/videos/${videoId}`)
  }, 60_000)

  it('is canceled at once, with its job and unfinished shots', () => {
    expect(videoRow(stack.app, videoId)).toMatchObject({ status: 'canceled', failureReason: null })
    expect(videoRow(stack.app, videoId)?.finishedAt).toEqual(expect.any(Number))
    expect(jobRow(stack.app, videoId)).toMatchObject({ state: 'canceled', leaseOwner: null, leaseExpiresAt: null })
    for (const shot of shotRows(stack.app, videoId)) expect(['canceled', 'done']).toContain(shot.status)
  })

  it('still counts: LibTV has accepted its shots, so the usage record is not voided', async () => {
    const records = usageRows(stack.app, alice.id, videoId)
    expect(records).toHaveLength(1)
    expect(records[0]!.voidedAt).toBeNull()
    expect(await allowanceUsed()).toBe(usedBefore + 1)
  })

  it('says so on the page, without a Cancel button or polling', async () => {
    const text = await pageText(`/videos/${videoId}`)
    expect(text).toContain(CANCELED_COUNTED)
    expect(text).toContain('Canceled')
    expect(text).not.toContain('Cancel render')
    expect(await readCancelForm(alice.client, videoId)).toBeUndefined()
    expect(await (await alice.client.get(`/videos/${videoId}`)).text()).not.toContain('hx-trigger')
  })

  it('the worker stops polling its tasks and never downloads them', async () => {
    // One poll already on its way may still land; after that, silence.
    await sleep(1000)
    const seen = statusCallsFor(stack.sim, taskIds).length
    await sleep(1500)
    expect(statusCallsFor(stack.sim, taskIds).length).toBe(seen)
    // By now LibTV has finished the tasks; nobody fetched the clips.
    await sleep(Math.max(0, SHOT_MS + 500 - 2500))
    expect(resultDownloads(taskIds)).toEqual([])
  }, 20_000)

  it('stays canceled: the worker does not finish it later, and there are no files', async () => {
    expect(videoRow(stack.app, videoId)?.status).toBe('canceled')
    expect(fs.existsSync(videoPaths(stack.app.dataDir, alice.id, videoId).dir)).toBe(false)
    expect((await alice.client.get(`/videos/${videoId}/video.mp4`)).status).toBe(404)
    expect(stoppedRender(videoId)).toBe(true)
    expect(
      stack.workerLogs.filter(
        (l) => l.fields.videoId === videoId && (l.event === 'video done' || l.event === 'video failed'),
      ),
    ).toEqual([])
  })

  it('canceling again changes nothing', async () => {
    const before = { video: videoRow(stack.app, videoId), usage: usageRows(stack.app, alice.id, videoId) }
    expect((await alice.client.postForm(`/videos/${videoId}/cancel`, { counts: '1' })).status).toBe(303)
    expect({ video: videoRow(stack.app, videoId), usage: usageRows(stack.app, alice.id, videoId) }).toEqual(before)
  })
})

describe('a page that said canceling was free, confirmed after LibTV accepted a shot', () => {
  it('cancels nothing, says why, and then offers the cancel that counts', async () => {
    await stack.stopWorker()
    const project = await makeBrief(stack.app, alice.id, { productName: 'Stale Page Kettle' })
    const videoId = await submitOverHttp(alice.client, project.screenplayId)
    const stale = await readCancelForm(alice.client, videoId)
    expect(stale?.text).toContain(FREE)
    await stack.restartWorker()
    await waitFor('a task id', () => shotRows(stack.app, videoId).some((s) => s.taskId), 20_000, 20)

    const res = await alice.client.postForm(stale!.action, stale!.fields)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/videos/${videoId}?notice=cancel-counts`)
    expect(videoRow(stack.app, videoId)?.status).toBe('rendering')
    expect(usageRows(stack.app, alice.id, videoId)[0]!.voidedAt).toBeNull()
    expect(await pageText(`/videos/${videoId}?notice=cancel-counts`)).toContain(
      'Not canceled: its shots started rendering after the page was loaded, so canceling it now still counts against your monthly quota.',
    )
    const fresh = await readCancelForm(alice.client, videoId)
    expect(fresh?.text).toContain(COUNTS)
    expect((await alice.client.postForm(fresh!.action, fresh!.fields)).status).toBe(303)
    expect(videoRow(stack.app, videoId)?.status).toBe('canceled')
    expect(usageRows(stack.app, alice.id, videoId)[0]!.voidedAt).toBeNull()
  }, 40_000)
})

describe('the free-render exploit: render, cancel, download what was made', () => {
  const fileRoutes = (videoId: string, shots: number) => [
    ...Array.from({ length: shots }, (_, i) => `/videos/${videoId}/clips/${i + 1}.mp4`),
    `/videos/${videoId}/clips/1.mp4?download=1`,
    `/videos/${videoId}/video.mp4`,
    `/videos/${videoId}/video.mp4?download=1`,
    `/videos/${videoId}/poster.jpg`,
  ]

  async function expectNothingLeft(videoId: string, usedBefore: number) {
    const shots = shotRows(stack.app, videoId).length
    for (const path of fileRoutes(videoId, shots)) expect((await alice.client.get(path)).status, path).toBe(404)
    expect(usageRows(stack.app, alice.id, videoId)[0]!.voidedAt).toBeNull()
    expect(await allowanceUsed()).toBe(usedBefore + 1)
    // A download or ffmpeg finishing just after the cancel may write files back; the worker removes
    // them once it has stopped, and nothing comes back after.
    await waitFor('the worker to stop the render', () => stoppedRender(videoId), 30_000)
    const dir = videoPaths(stack.app.dataDir, alice.id, videoId).dir
    expect(fs.existsSync(dir)).toBe(false)
    await sleep(2000)
    expect(fs.existsSync(dir)).toBe(false)
    for (const path of fileRoutes(videoId, shots)) expect((await alice.client.get(path)).status, path).toBe(404)
  }

  it('canceled at stitching: clips, video and poster are 404, the files are gone, and it counts', async () => {
    stack.sim.setFaults({ latency: { queued: 100, running: 300, generated: 50, moderating: 50 } })
    // A big stitch, so the cancel lands in the middle of it.
    await stack.restartWorker({ stitchSize: { '9:16': { width: 720, height: 1280 } } })
    try {
      const usedBefore = await allowanceUsed()
      const project = await makeBrief(stack.app, alice.id, { productName: 'Free Lunch Lamp', lengthSeconds: 30 })
      const videoId = await submitOverHttp(alice.client, project.screenplayId)
      await waitFor('stitching', () => videoRow(stack.app, videoId)?.status === 'stitching', 60_000, 20)
      const clip = videoPaths(stack.app.dataDir, alice.id, videoId).clip(1)
      expect(fs.existsSync(clip)).toBe(true)
      expect((await cancelOverHttp(alice.client, videoId)).status).toBe(303)
      expect(videoRow(stack.app, videoId)?.status).toBe('canceled')
      await expectNothingLeft(videoId, usedBefore)
    } finally {
      stack.sim.setFaults({ latency: LATENCY })
      await stack.restartWorker()
    }
  }, 120_000)

  it('canceled once a shot is done: its clip is 404 and gone, and it counts', async () => {
    const usedBefore = await allowanceUsed()
    const project = await makeBrief(stack.app, alice.id, { productName: 'Half Done Lamp' })
    const videoId = await submitOverHttp(alice.client, project.screenplayId)
    const done = await waitFor(
      'a clip downloaded',
      () => shotRows(stack.app, videoId).find((s) => s.status === 'done'),
      30_000,
      20,
    )
    expect(fs.existsSync(videoPaths(stack.app.dataDir, alice.id, videoId).clip(done.position))).toBe(true)
    expect((await cancelOverHttp(alice.client, videoId)).status).toBe(303)
    await expectNothingLeft(videoId, usedBefore)
  }, 60_000)
})

describe('after a cancel', () => {
  it('a finished video cannot be canceled: it stays done and counted', async () => {
    stack.sim.setFaults({ latency: { queued: 100, running: 300, generated: 50, moderating: 50 } })
    const project = await makeBrief(stack.app, alice.id, { productName: 'Finished Kettle' })
    const videoId = await submitOverHttp(alice.client, project.screenplayId)
    expect((await waitForFinish(stack.app, videoId, 60_000)).status).toBe('done')
    expect(await readCancelForm(alice.client, videoId)).toBeUndefined()
    expect((await alice.client.postForm(`/videos/${videoId}/cancel`, { counts: '1' })).status).toBe(303)
    expect(videoRow(stack.app, videoId)?.status).toBe('done')
    expect(usageRows(stack.app, alice.id, videoId)[0]!.voidedAt).toBeNull()
    expect((await alice.client.get(`/videos/${videoId}/video.mp4`, { range: 'bytes=0-3' })).status).toBe(206)
  }, 90_000)

  it('nothing crashed and nothing was left unhandled', () => {
    expect(unhandled.seen).toEqual([])
    expect(stack.workerErrors).toEqual([])
    expect(stack.workerLogs.filter((l) => l.event === 'render crashed')).toEqual([])
  })
})
