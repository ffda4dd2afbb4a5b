// Cancel: a queued or rendering video stops, stops counting, and the worker leaves its LibTV tasks alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { videoPaths } from '../../src/storage.js'
import { decodeHtml } from '../briefs/helpers.js'
import {
  fileExists,
  jobRow,
  makeProject,
  newRenderUser,
  type RenderStack,
  type RenderUser,
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

let stack: RenderStack
let alice: RenderUser
let unhandled: ReturnType<typeof watchUnhandled>

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const pageText = async (videoId: string) =>
  decodeHtml((await (await alice.client.get(`/videos/${videoId}`)).text()).replace(/<[^>]+>/g, ' ')).replace(
    /\s+/g,
    ' ',
  )
const allowanceUsed = async () =>
  Number(/data-testid="usage">\s*(\d+)/.exec(await (await alice.client.get('/account')).text())?.[1])
const cancel = (videoId: string) => alice.client.postForm(`/videos/${videoId}/cancel`)
const resultDownloads = (taskIds: string[]) =>
  stack.sim.requests.filter((r) => taskIds.some((t) => r.path.startsWith(`/sim/results/${t}/`)))

beforeAll(async () => {
  unhandled = watchUnhandled()
  stack = await startRenderStack({ sim: { faults: { latency: LATENCY } } })
  alice = await newRenderUser(stack.app, 'creator')
})
afterAll(async () => {
  await stack?.close()
  unhandled?.stop()
})

describe('canceling a rendering video', () => {
  let videoId: string
  let taskIds: string[]
  let usedBefore: number

  beforeAll(async () => {
    usedBefore = await allowanceUsed()
    const project = await makeProject(stack.app, alice.id, { productName: 'Canceled Kettle' })
    videoId = await submitOverHttp(alice.client, project.screenplayId)
    // Every shot is at LibTV (task id committed) and still working.
    taskIds = await waitFor(
      'every shot submitted',
      () => {
        const shots = shotRows(stack.app, videoId)
        return shots.every((s) => s.taskId) && shots.some((s) => s.status !== 'done')
          ? shots.map((s) => s.taskId!)
          : undefined
      },
      20_000,
      20,
    )
    expect(videoRow(stack.app, videoId)?.status).toBe('rendering')
    expect(await allowanceUsed()).toBe(usedBefore + 1)
    const res = await cancel(videoId)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/videos/${videoId}`)
  }, 60_000)

  it('is canceled at once, with its job and unfinished shots', () => {
    expect(videoRow(stack.app, videoId)).toMatchObject({ status: 'canceled', failureReason: null })
    expect(videoRow(stack.app, videoId)?.finishedAt).toEqual(expect.any(Number))
    expect(jobRow(stack.app, videoId)).toMatchObject({ state: 'canceled', leaseOwner: null, leaseExpiresAt: null })
    for (const shot of shotRows(stack.app, videoId)) expect(['canceled', 'done']).toContain(shot.status)
  })

  it('does not count: the usage record is voided and the account count goes back down', async () => {
    const records = usageRows(stack.app, alice.id, videoId)
    expect(records).toHaveLength(1)
    expect(records[0]!.voidedAt).toEqual(expect.any(Number))
    expect(await allowanceUsed()).toBe(usedBefore)
  })

  it('says so on the page, without a Cancel button or polling', async () => {
    const text = await pageText(videoId)
    expect(text).toContain('You canceled this render. It does not count against your monthly quota.')
    expect(text).toContain('Canceled')
    expect(text).not.toContain('Cancel render')
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
    const paths = videoPaths(stack.app.dataDir, alice.id, videoId)
    expect(fileExists(paths.video)).toBe(false)
    expect((await alice.client.get(`/videos/${videoId}/video.mp4`)).status).toBe(404)
    expect(stack.workerLogs.some((l) => l.event === 'render stopped' && l.fields.videoId === videoId)).toBe(true)
    expect(
      stack.workerLogs.filter(
        (l) => l.fields.videoId === videoId && (l.event === 'video done' || l.event === 'video failed'),
      ),
    ).toEqual([])
  })

  it('canceling again changes nothing', async () => {
    const before = { video: videoRow(stack.app, videoId), usage: usageRows(stack.app, alice.id, videoId) }
    expect((await cancel(videoId)).status).toBe(303)
    expect({ video: videoRow(stack.app, videoId), usage: usageRows(stack.app, alice.id, videoId) }).toEqual(before)
  })
})

describe('canceling a queued video', () => {
  it('the worker never submits it', async () => {
    await stack.stopWorker()
    try {
      const project = await makeProject(stack.app, alice.id, { productName: 'Never Rendered' })
      const videoId = await submitOverHttp(alice.client, project.screenplayId)
      expect(videoRow(stack.app, videoId)?.status).toBe('queued')
      expect((await cancel(videoId)).status).toBe(303)
      expect(videoRow(stack.app, videoId)?.status).toBe('canceled')
      expect(usageRows(stack.app, alice.id, videoId)[0]!.voidedAt).not.toBeNull()
      await stack.restartWorker()
      await sleep(1500) // several idle polls
      expect(stack.worker()).toBeDefined()
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

describe('after a cancel', () => {
  it('a finished video cannot be canceled: it stays done and counted', async () => {
    stack.sim.setFaults({ latency: { queued: 100, running: 300, generated: 50, moderating: 50 } })
    const project = await makeProject(stack.app, alice.id, { productName: 'Finished Kettle' })
    const videoId = await submitOverHttp(alice.client, project.screenplayId)
    expect((await waitForFinish(stack.app, videoId, 60_000)).status).toBe('done')
    expect((await cancel(videoId)).status).toBe(303)
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
