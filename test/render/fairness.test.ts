// One person's long queue cannot starve everyone else: the worker serves people in turn, each
// plan renders a limited number of a person's videos at once, and LibTV's 5 shots in flight are
// shared between the videos in progress instead of going to whoever asked first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { plans } from '../../src/accounts/plans.js'
import { IMG2VIDEO_PATH } from '../../src/libtv/api.js'
import type { SavedScreenplay } from '../../src/screenplay/saved.js'
import {
  fiveSecondShots,
  makeBrief,
  newRenderUser,
  type RenderStack,
  type RenderUser,
  startRenderStack,
  submitOverHttp,
  videoRow,
  waitFor,
  waitForFinish,
  watchUnhandled,
} from '../support/render.js'

// A shot takes about 3.5 s at LibTV: long enough for everything to be queued while the first
// shots are still in flight.
const LATENCY = { queued: 200, running: 3000, generated: 150, moderating: 150 }
const A_VIDEOS = 10
const A_SHOTS = 5
const B_SHOTS = 3

let stack: RenderStack
let alice: RenderUser
let bob: RenderUser
let unhandled: ReturnType<typeof watchUnhandled>

/** `count` shots of 5 s whose prompts end with a tag, so each submit at LibTV names its video. */
const tagged = (count: number, tag: string) => (s: SavedScreenplay) => {
  const shaped = fiveSecondShots(count)(s)
  return { ...shaped, shots: shaped.shots.map((shot) => ({ ...shot, prompt: `${shot.prompt} [${tag}]` })) }
}
/** The tag of every submit LibTV received, in order of arrival. */
const submitTags = () =>
  stack.sim.requests
    .filter((r) => r.path === IMG2VIDEO_PATH)
    .map(
      (r) => /\[(\w+)\]$/.exec(String((r.body as { generateParams: { prompt: string } }).generateParams.prompt))?.[1],
    )

beforeAll(async () => {
  unhandled = watchUnhandled()
  stack = await startRenderStack({ sim: { faults: { latency: LATENCY } } })
  alice = await newRenderUser(stack.app, 'creator')
  bob = await newRenderUser(stack.app, 'creator')
})
afterAll(async () => {
  await stack?.close()
  unhandled?.stop()
})

describe('user A queues 10 videos, then user B queues 1', () => {
  const aIds: string[] = []
  let bId: string
  let mostOfARendering = 0
  let sampler: NodeJS.Timeout

  beforeAll(async () => {
    const projects = []
    for (let i = 1; i <= A_VIDEOS; i++)
      projects.push(await makeBrief(stack.app, alice.id, { productName: `Lamp ${i}` }, tagged(A_SHOTS, `A${i}`)))
    const bProject = await makeBrief(stack.app, bob.id, { productName: 'Vase' }, tagged(B_SHOTS, 'B1'))
    sampler = setInterval(() => {
      const active = aIds.filter((id) => ['rendering', 'stitching'].includes(videoRow(stack.app, id)?.status ?? ''))
      mostOfARendering = Math.max(mostOfARendering, active.length)
    }, 20)
    for (const project of projects) aIds.push(await submitOverHttp(alice.client, project.screenplayId))
    bId = await submitOverHttp(bob.client, bProject.screenplayId)
  }, 60_000)
  afterAll(() => clearInterval(sampler))

  it('B’s first shot reaches LibTV before A’s third video starts', async () => {
    await waitFor('B’s first submit', () => submitTags().includes('B1'), 60_000, 10)
    // Checked after B's submit arrived: had A's third video started earlier, it would not be queued now.
    expect(videoRow(stack.app, aIds[2]!)?.status).toBe('queued')
  }, 70_000)

  it('B does not wait behind every shot A asked for: it gets one of the next free LibTV slots', () => {
    const tags = submitTags()
    const aBeforeB = tags.slice(0, tags.indexOf('B1')).length
    // A's first two videos asked for 10 shots; 5 fit at LibTV. First come, first served would make
    // B wait for all 10. Shared fairly, B's first shot is among the first slots freed.
    // A filled LibTV's slots first (which of A's two videos got which slot is A's own order,
    // and varies with how fast each video's photo framing is under load).
    expect(tags.slice(0, A_SHOTS).every((t) => t === 'A1' || t === 'A2')).toBe(true)
    expect(aBeforeB).toBeLessThan(2 * A_SHOTS)
    expect(aBeforeB).toBeLessThanOrEqual(A_SHOTS + 2)
  })

  it('B’s video finishes while most of A’s queue is still waiting', async () => {
    expect((await waitForFinish(stack.app, bId, 90_000)).status).toBe('done')
    const waiting = aIds.filter((id) => videoRow(stack.app, id)?.status === 'queued')
    expect(waiting.length).toBeGreaterThanOrEqual(A_VIDEOS - 4)
  }, 100_000)

  it(`never renders more than ${plans.creator.concurrentRenders} of A’s videos at once (the Creator plan’s limit)`, () => {
    expect(mostOfARendering).toBe(plans.creator.concurrentRenders)
  })

  it('nothing crashed and nothing was left unhandled', () => {
    expect(unhandled.seen).toEqual([])
    expect(stack.workerErrors).toEqual([])
    expect(stack.workerLogs.filter((l) => l.event === 'render crashed')).toEqual([])
  })
})
