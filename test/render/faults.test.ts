// Faults from the LibTV simulator: a video either completes or fails with a reason a person
// understands, and a failed one's usage record is voided so it does not count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_FAULTS } from '../../src/libtv/simulator/faults.js'
import { videoPaths } from '../../src/storage.js'
import { decodeHtml } from '../briefs/helpers.js'
import {
  FAST_LATENCY,
  fileExists,
  jobRow,
  makeBrief,
  newRenderUser,
  type RenderStack,
  type RenderUser,
  shotRows,
  startRenderStack,
  statusCallsFor,
  submitOverHttp,
  usageRows,
  videoRow,
  waitFor,
  waitForFinish,
  watchUnhandled,
} from '../support/render.js'

let stack: RenderStack
let alice: RenderUser
let unhandled: ReturnType<typeof watchUnhandled>

/** The text a person reads on the video page (tags stripped, entities decoded, spaces collapsed). */
async function pageText(videoId: string): Promise<string> {
  const html = await (await alice.client.get(`/videos/${videoId}`)).text()
  return decodeHtml(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ')
}

/** "N of 30 videos" on the account page. */
async function accountUsage(): Promise<number> {
  const html = await (await alice.client.get('/account')).text()
  const n = /data-testid="usage">\s*(\d+)/.exec(html)?.[1]
  if (n === undefined) throw new Error('no usage on the account page')
  return Number(n)
}

function resetFaults() {
  stack.sim.setFaults({ ...DEFAULT_FAULTS, latency: FAST_LATENCY, next: {}, rates: {}, nextTaskOutcomes: [] })
}

async function render(overrides: Parameters<typeof makeBrief>[2] = {}) {
  const project = await makeBrief(stack.app, alice.id, { lengthSeconds: 15, ...overrides })
  return submitOverHttp(alice.client, project.screenplayId)
}

beforeAll(async () => {
  unhandled = watchUnhandled()
  stack = await startRenderStack()
  alice = await newRenderUser(stack.app, 'creator')
})
afterAll(async () => {
  await stack?.close()
  unhandled?.stop()
})

describe('a task LibTV fails (generateStatus 6)', () => {
  let videoId: string
  let usageBefore: number
  let usageWhileRendering: number

  beforeAll(async () => {
    resetFaults()
    usageBefore = await accountUsage()
    stack.sim.setFaults({ nextTaskOutcomes: [{ type: 'fail', message: 'The image could not be animated.' }] })
    videoId = await render({ productName: 'Doomed Lamp' })
    usageWhileRendering = await accountUsage()
    await waitForFinish(stack.app, videoId, 60_000)
  }, 90_000)

  it('fails the video, and says which shot and why on the page', async () => {
    const video = videoRow(stack.app, videoId)!
    expect(video.status).toBe('failed')
    const failedShot = shotRows(stack.app, videoId).find((s) => s.status === 'failed')
    expect(failedShot).toBeDefined()
    expect(video.failureReason).toBe(
      `Shot ${failedShot!.position} could not be rendered: The video service could not render this shot: The image could not be animated.`,
    )
    const text = await pageText(videoId)
    expect(text).toContain(`Shot ${failedShot!.position} could not be rendered`)
    expect(text).toContain('The image could not be animated.')
    expect(text).toContain('This video does not count against your monthly quota.')
    expect(text).toContain('Failed')
    expect(text).not.toContain('Cancel render')
    // Nothing technical leaks to the page.
    expect(text).not.toMatch(/LibtvError|generateStatus|stack|undefined|null|ECONN|\bat [A-Za-z]+ \(/)
  })

  it('voids the usage record, and the account’s count goes back down', async () => {
    expect(usageWhileRendering).toBe(usageBefore + 1)
    const records = usageRows(stack.app, alice.id, videoId)
    expect(records).toHaveLength(1)
    expect(records[0]!.voidedAt).toEqual(expect.any(Number))
    expect(await accountUsage()).toBe(usageBefore)
    const account = await (await alice.client.get('/account')).text()
    const row = new RegExp(`<a href="/videos/${videoId}">Doomed Lamp</a>[\\s\\S]*?</tr>`).exec(account)?.[0]
    expect(row).toContain('no (failed or canceled)')
  })

  it('ends the job, marks no shot as still working, and serves no files', async () => {
    expect(jobRow(stack.app, videoId)).toMatchObject({ state: 'failed', leaseOwner: null, leaseExpiresAt: null })
    for (const shot of shotRows(stack.app, videoId)) expect(['failed', 'canceled', 'done']).toContain(shot.status)
    expect(fileExists(videoPaths(stack.app.dataDir, alice.id, videoId).video)).toBe(false)
    expect((await alice.client.get(`/videos/${videoId}/video.mp4`)).status).toBe(404)
  })

  it('stops polling LibTV for the video’s tasks', async () => {
    const tasks = shotRows(stack.app, videoId).flatMap((s) => (s.taskId ? [s.taskId] : []))
    const seen = statusCallsFor(stack.sim, tasks).length
    await new Promise((r) => setTimeout(r, 1000))
    expect(statusCallsFor(stack.sim, tasks).length).toBe(seen)
  })
})

describe('other failures retries cannot fix', () => {
  it.each([
    [
      'moderation blocks the clip',
      { nextTaskOutcomes: [{ type: 'blocked' as const }] },
      'moderation blocked the rendered clip',
    ],
    [
      'LibTV reports a timeout (7)',
      { nextTaskOutcomes: [{ type: 'timeout' as const }] },
      'took too long to render this shot',
    ],
    [
      'LibTV refuses the submit (bad parameters)',
      { next: { submit: [{ type: 'code' as const, code: 100000, msg: 'param error' }] } },
      'could not be rendered',
    ],
  ])(
    '%s: the video fails with a clear reason and does not count',
    async (_label, faults, words) => {
      resetFaults()
      stack.sim.setFaults(faults)
      const videoId = await render()
      const video = await waitForFinish(stack.app, videoId, 60_000)
      expect(video.status).toBe('failed')
      expect(video.failureReason).toMatch(/^Shot \d could not be rendered: /)
      expect(video.failureReason).toContain(words)
      expect(await pageText(videoId)).toContain(video.failureReason!)
      expect(usageRows(stack.app, alice.id, videoId)[0]!.voidedAt).not.toBeNull()
    },
    90_000,
  )
})

describe('transient faults', () => {
  it('a few 5xx, a 429 and a dropped connection on submit and status: the video still completes, each shot one task', async () => {
    resetFaults()
    const tasksBefore = stack.sim.metrics().tasksCreated
    stack.sim.setFaults({
      next: {
        submit: [
          { type: 'http', status: 503 },
          { type: 'http', status: 429, retryAfterSeconds: 1 },
          { type: 'http', status: 502 },
        ],
        status: [
          { type: 'http', status: 500 },
          { type: 'reset' },
          { type: 'http', status: 503 },
          { type: 'code', code: 200000, httpStatus: 500 },
        ],
      },
    })
    const videoId = await render({ productName: 'Sturdy Lamp' })
    const video = await waitForFinish(stack.app, videoId, 60_000)
    expect(video.failureReason).toBeNull()
    expect(video.status).toBe('done')
    expect(stack.sim.faults().next.submit ?? []).toEqual([])
    expect(stack.sim.faults().next.status ?? []).toEqual([])
    const shots = shotRows(stack.app, videoId)
    expect(stack.sim.metrics().tasksCreated - tasksBefore).toBe(shots.length)
    expect(new Set(shots.map((s) => s.taskId)).size).toBe(shots.length)
    expect(usageRows(stack.app, alice.id, videoId)[0]!.voidedAt).toBeNull()
  }, 90_000)

  it('an expired result URL is fetched again from a fresh status answer, or the video fails clearly', async () => {
    resetFaults()
    stack.sim.setFaults({ results: { mode: 'expire', afterMs: 0 } })
    const videoId = await render()
    const video = await waitForFinish(stack.app, videoId, 60_000)
    if (video.status === 'failed') expect(video.failureReason).toMatch(/^Shot \d could not be rendered: \S/)
    else expect(video.status).toBe('done')
    expect(usageRows(stack.app, alice.id, videoId)[0]!.voidedAt === null).toBe(video.status === 'done')
  }, 90_000)
})

describe('the worker after all that', () => {
  it('still renders the next video', async () => {
    resetFaults()
    const videoId = await render()
    expect((await waitForFinish(stack.app, videoId, 60_000)).status).toBe('done')
  }, 90_000)

  it('never crashed, and nothing was left unhandled', async () => {
    await waitFor(
      'the worker to go idle',
      () =>
        (
          stack.app.db.$client
            .prepare("select count(*) as n from render_jobs where state in ('queued','running')")
            .get() as { n: number }
        ).n === 0,
      5000,
    )
    expect(unhandled.seen).toEqual([])
    expect(stack.workerErrors).toEqual([])
    expect(stack.workerLogs.filter((l) => l.event === 'render crashed')).toEqual([])
  })
})
