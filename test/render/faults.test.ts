// Faults from the LibTV simulator: a video either completes or fails with a reason a person
// understands, and a failed one's usage record is voided only when LibTV charged nothing for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMG2VIDEO_PATH } from '../../src/libtv/api.js'
import { DEFAULT_FAULTS } from '../../src/libtv/simulator/faults.js'
import { videoPaths } from '../../src/storage.js'
import { FAILED_BUT_CHARGED, FAILED_FREE } from '../../views/videos/status.js'
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
    // Its code and values are recorded with it, so a page says it in its own language (issue 21).
    expect(video.failureCode).toBe('shot_failed')
    expect(JSON.parse(video.failureValues!)).toEqual({
      position: failedShot!.position,
      reason: { code: 'provider_said', values: { message: 'The image could not be animated.' } },
    })
    expect(failedShot!.failureCode).toBe('provider_said')
    const text = await pageText(videoId)
    expect(text).toContain(`Shot ${failedShot!.position} could not be rendered`)
    expect(text).toContain('The image could not be animated.')
    expect(text).toContain(FAILED_BUT_CHARGED)
    expect(text).toContain('Failed')
    expect(text).not.toContain('Cancel render')
    // Nothing technical leaks to the page.
    expect(text).not.toMatch(/LibtvError|generateStatus|stack|undefined|null|ECONN|\bat [A-Za-z]+ \(/)
  })

  // Changed on purpose (issue 20): the failed task cost nothing, but LibTV was rendering the other
  // shots when it failed, and it charges for those; the usage follows its bill.
  it('keeps the usage record: LibTV charged for the shots it was rendering when one failed', async () => {
    expect(usageWhileRendering).toBe(usageBefore + 1)
    const records = usageRows(stack.app, alice.id, videoId)
    expect(records).toHaveLength(1)
    expect(records[0]!.voidedAt).toBeNull()
    expect(await accountUsage()).toBe(usageBefore + 1)
    const shots = shotRows(stack.app, videoId)
    expect(shots.find((s) => s.failureReason?.includes('could not be animated'))!.pointsCost).toBe(0)
    const account = await (await alice.client.get('/account')).text()
    const row = new RegExp(`<a href="/videos/${videoId}">Doomed Lamp</a>[\\s\\S]*?</tr>`).exec(account)?.[0]
    expect(row).not.toContain('no (failed or canceled)')
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
  /** Tasks LibTV created per shot position, from the submits the simulator accepted since request `from`. */
  function tasksPerShot(videoId: string, from: number): Map<number, number> {
    const byPrompt = new Map(shotRows(stack.app, videoId).map((s) => [s.prompt, s.position]))
    const counts = new Map<number, number>()
    for (const r of stack.sim.requests.slice(from)) {
      const prompt = (r.body as { generateParams?: { prompt?: string } } | null)?.generateParams?.prompt
      const position = r.path === IMG2VIDEO_PATH && r.createdTask && prompt ? byPrompt.get(prompt) : undefined
      if (position !== undefined) counts.set(position, (counts.get(position) ?? 0) + 1)
    }
    return counts
  }

  it.each([
    [
      'moderation blocks the clip (LibTV charged for it)',
      { nextTaskOutcomes: [{ type: 'blocked' as const }] },
      'moderation blocked the rendered clip',
      true,
      1,
    ],
    [
      'LibTV gives up (7) on every task, the one new task per shot included',
      { taskOutcome: { type: 'timeout' as const } },
      'took too long to render this shot',
      true,
      2,
    ],
    [
      'LibTV refuses the submit (bad parameters), so nothing was charged',
      // Every shot's submit is refused: with only the first refused, a second shot's submit may
      // already be at LibTV when the video fails (two at once under load), and then it counts.
      // Twice as many refusals as shots: a submit the previous case's video still had on its way
      // when it failed could arrive now and take one of them (the suspected cause of a failure
      // seen once under load average 16; the case passes alone).
      {
        next: {
          submit: Array.from({ length: 6 }, () => ({ type: 'code' as const, code: 100000, msg: 'param error' })),
        },
      },
      'could not be rendered',
      false,
      0,
    ],
  ])(
    '%s: the video fails with a clear reason, and counts only if LibTV charged',
    async (_label, faults, words, counts, tasksOfFailedShot) => {
      resetFaults()
      stack.sim.setFaults(faults)
      const from = stack.sim.requests.length
      const videoId = await render()
      const video = await waitForFinish(stack.app, videoId, 60_000)
      expect(video.status).toBe('failed')
      expect(video.failureReason).toMatch(/^Shot \d could not be rendered: /)
      expect(video.failureReason).toContain(words)
      const text = await pageText(videoId)
      expect(text).toContain(video.failureReason!)
      expect(text).toContain(counts ? FAILED_BUT_CHARGED : FAILED_FREE)
      expect(usageRows(stack.app, alice.id, videoId)[0]!.voidedAt === null).toBe(counts)
      // A definite answer is not retried as a new task; LibTV giving up is, once.
      const failed = shotRows(stack.app, videoId).find((s) => s.status === 'failed')!
      expect(tasksPerShot(videoId, from).get(failed.position) ?? 0).toBe(tasksOfFailedShot)
      for (const n of tasksPerShot(videoId, from).values()) expect(n).toBeLessThanOrEqual(2)
    },
    90_000,
  )

  it('a task LibTV gave up on, or failed with a transient code, is rendered once more as a new task', async () => {
    resetFaults()
    stack.sim.setFaults({
      nextTaskOutcomes: [{ type: 'timeout' }, { type: 'fail', code: 210000 }],
    })
    const tasksBefore = stack.sim.metrics().tasksCreated
    const from = stack.sim.requests.length
    const videoId = await render({ productName: 'Second Chance Lamp' })
    const video = await waitForFinish(stack.app, videoId, 60_000)
    expect(video.status).toBe('done')
    const shots = shotRows(stack.app, videoId)
    expect(stack.sim.metrics().tasksCreated - tasksBefore).toBe(shots.length + 2)
    expect([...tasksPerShot(videoId, from).values()].sort()).toEqual([...shots.map(() => 1).slice(2), 2, 2])
    // Once done, nothing about the first try is left under the shot.
    for (const shot of shots) expect(shot.failureReason).toBeNull()
    expect(
      stack.workerLogs.filter((l) => l.event === 'shot rendered again' && l.fields.videoId === videoId),
    ).toHaveLength(2)
    expect(usageRows(stack.app, alice.id, videoId)[0]!.pointsCost).toBe(
      shots.reduce((n, s) => n + (s.pointsCost ?? 0), 0),
    )
  }, 90_000)
})

describe('what a person is told about failed videos and the quota', () => {
  it('the terms say a failed video counts only when LibTV had charged for work on it', async () => {
    const terms = decodeHtml((await (await fetch(`${stack.app.url}/terms`)).text()).replace(/<[^>]+>/g, ' ')).replace(
      /\s+/g,
      ' ',
    )
    expect(terms).toContain(
      'A render that fails does not count, unless our video provider had already charged for work on it',
    )
    expect(terms).toContain('The page of a failed video says whether it counts.')
  })
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
    // LibTV rendered (and charged for) the clips either way: the video counts (changed on purpose, issue 20).
    expect(usageRows(stack.app, alice.id, videoId)[0]!.voidedAt).toBeNull()
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
