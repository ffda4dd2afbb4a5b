// A poison job: a render that throws before its first submit every time it is claimed (here its
// brief's JSON no longer parses). It is retried a few times with backoff, then fails for good with
// a reason a person can read and does not count; meanwhile other people's videos render, and the
// worker still stops promptly.
import fs from 'node:fs'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs } from '../../db/schema.js'
import { MAX_ATTEMPTS } from '../../src/render/outcomes.js'
import { videoPaths } from '../../src/storage.js'
import { decodeHtml } from '../briefs/helpers.js'
import {
  jobRow,
  makeBrief,
  newRenderUser,
  type RenderStack,
  type RenderUser,
  startRenderStack,
  submitOverHttp,
  usageRows,
  waitFor,
  waitForFinish,
  watchUnhandled,
} from '../support/render.js'

// Attempts 1..5 come about 100, 200, 400, 800 ms apart: the whole backoff fits in a few seconds.
const BACKOFF_MS = 100

let stack: RenderStack
let alice: RenderUser
let bob: RenderUser
let unhandled: ReturnType<typeof watchUnhandled>

/** Queues a video whose brief is then made unreadable, so every claim of its job throws. */
async function queuePoison(productName: string): Promise<string> {
  const project = await makeBrief(stack.app, alice.id, { productName })
  const videoId = await submitOverHttp(alice.client, project.screenplayId)
  stack.app.db.$client.prepare('update briefs set data = ? where id = ?').run('{"productName": "Trunc', project.briefId)
  expect(() => stack.app.db.select().from(briefs).where(eq(briefs.id, project.briefId)).get()).toThrow(SyntaxError)
  return videoId
}
const claimsOf = (videoId: string) =>
  stack.workerLogs.filter((l) => l.event === 'job claimed' && l.fields.videoId === videoId)

/** Stops the worker, but gives up (and says how long it waited) after `ms`. */
async function timedStop(ms: number): Promise<number> {
  const started = Date.now()
  await Promise.race([stack.stopWorker(), new Promise((r) => setTimeout(r, ms))])
  return Date.now() - started
}

beforeAll(async () => {
  unhandled = watchUnhandled()
  stack = await startRenderStack({ worker: { retryBackoffMs: BACKOFF_MS } })
  alice = await newRenderUser(stack.app, 'creator')
  bob = await newRenderUser(stack.app, 'creator')
})
afterAll(async () => {
  await stack?.close()
  unhandled?.stop()
})

describe('a job whose brief no longer parses', () => {
  let poisonId: string
  let bobIds: string[]

  beforeAll(async () => {
    // Queued while no worker runs, so the poison is in place before the first claim.
    await stack.stopWorker()
    poisonId = await queuePoison('Poison Kettle')
    bobIds = [
      await submitOverHttp(bob.client, (await makeBrief(stack.app, bob.id, { productName: 'Bob Lamp' })).screenplayId),
      await submitOverHttp(bob.client, (await makeBrief(stack.app, bob.id, { productName: 'Bob Vase' })).screenplayId),
    ]
    await stack.restartWorker()
  }, 60_000)

  it(`fails after ${MAX_ATTEMPTS} attempts with a reason for a person, and does not count`, async () => {
    const video = await waitForFinish(stack.app, poisonId, 30_000)
    expect(video.status).toBe('failed')
    expect(video.failureReason).toMatch(/went wrong on our side/)
    expect(jobRow(stack.app, poisonId)).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, leaseOwner: null })
    expect(claimsOf(poisonId).map((l) => l.fields.attempt)).toEqual([1, 2, 3, 4, 5].slice(0, MAX_ATTEMPTS))
    expect(usageRows(stack.app, alice.id, poisonId)[0]!.voidedAt).toEqual(expect.any(Number))
    expect(fs.existsSync(videoPaths(stack.app.dataDir, alice.id, poisonId).dir)).toBe(false)
    const page = decodeHtml((await (await alice.client.get(`/videos/${poisonId}`)).text()).replace(/<[^>]+>/g, ' '))
    expect(page.replace(/\s+/g, ' ')).toContain('This video does not count against your monthly quota.')
  }, 40_000)

  it('backs off between attempts instead of spinning', () => {
    const retries = stack.workerLogs.filter((l) => l.event === 'render will retry' && l.fields.videoId === poisonId)
    expect(retries.map((l) => l.fields.inMs)).toEqual([100, 200, 400, 800])
    // The error's message is not logged: a JSON parse error quotes the brief, which is personal data.
    expect(JSON.stringify(stack.workerLogs)).not.toContain('Trunc')
  })

  it('did not hold up other people’s videos: they were claimed between its attempts and finished', async () => {
    const claims = stack.workerLogs.filter((l) => l.event === 'job claimed')
    const lastPoisonClaim = claims.findLastIndex((l) => l.fields.videoId === poisonId)
    for (const id of bobIds) expect(claims.findIndex((l) => l.fields.videoId === id)).toBeLessThan(lastPoisonClaim)
    for (const id of bobIds) expect((await waitForFinish(stack.app, id, 90_000)).status).toBe('done')
  }, 100_000)
})

describe('a poison job waiting for its next attempt', () => {
  it('does not hold up shutdown', async () => {
    await stack.stopWorker()
    const videoId = await queuePoison('Poison Teapot')
    await stack.restartWorker({ retryBackoffMs: 60_000 })
    await waitFor('the first claim', () => claimsOf(videoId).length === 1, 10_000)
    await waitFor('the retry to be scheduled', () => jobRow(stack.app, videoId)?.state === 'queued', 10_000)
    expect(await timedStop(10_000)).toBeLessThan(2000)
    expect(claimsOf(videoId)).toHaveLength(1)
    expect(jobRow(stack.app, videoId)?.nextAttemptAt).toBeGreaterThan(Date.now() + 50_000)
  }, 40_000)

  it('nothing crashed and nothing was left unhandled', () => {
    expect(unhandled.seen).toEqual([])
    expect(stack.workerErrors).toEqual([])
  })
})
