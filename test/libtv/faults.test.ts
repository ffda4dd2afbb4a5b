import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { IMG2VIDEO_PATH } from '../../src/libtv/api.js'
import type { LibtvClient } from '../../src/libtv/client.js'
import { LibtvError } from '../../src/libtv/errors.js'
import { type Endpoint, type Fault, type LibtvSimulator, startLibtvSimulator } from '../../src/libtv/simulator/index.js'
import { ffprobe, gradientPng, simClient, startImageServer, tempDir, watchUnhandledRejections } from './helpers.js'

// Each fault kind the simulator injects, seen through the client over real HTTP: retried where
// it is transient, a clear typed failure where it is not, never an unhandled rejection.
let sim: LibtvSimulator
let images: Awaited<ReturnType<typeof startImageServer>>
let tmp: Awaited<ReturnType<typeof tempDir>>
let client: LibtvClient
let imageUrl: string
const retries: Array<{ op: string; delayMs: number; kind: string; code: number | null }> = []
const rejections = watchUnhandledRejections()
const prompt = 'Push in on the product'

beforeAll(async () => {
  rejections.start()
  tmp = await tempDir()
  images = await startImageServer()
  imageUrl = images.add(await gradientPng(640, 360)).url
  // Limits are tested elsewhere; here they are lifted so each test sees only its fault.
  sim = await startLibtvSimulator({
    submitIntervalMs: 0,
    maxConcurrentTasks: 1000,
    render: { cacheDir: path.join(tmp.dir, 'renders') },
  })
  // A hang costs one timeout per attempt; 1 s is short enough for the suite and long enough for
  // a real answer on a busy two-core machine.
  client = simClient(sim, {
    maxInFlight: 1000,
    requestTimeoutMs: 1000,
    downloadTimeoutMs: 1500,
    uploadTimeoutMs: 1500,
    onRetry: (r) => retries.push(r),
  })
})

beforeEach(() => {
  retries.length = 0
  sim.setFaults({
    latency: { queued: 20, running: 40, generated: 0, moderating: 20 },
    next: {},
    rates: {},
    nextTaskOutcomes: [],
    taskOutcome: { type: 'succeed' },
    promptOutcomes: [],
    results: { mode: 'ok' },
  })
})

afterAll(async () => {
  await sim?.close()
  await images?.close()
  await tmp?.remove()
  rejections.stop()
  expect(rejections.seen).toEqual([])
})

const calls = (p: string) => sim.requests.filter((r) => r.path === p).length
const SUBMIT = '/api/generate/video/kling/img2video'
const STATUS = '/api/generate/status'

async function rejection(p: Promise<unknown>): Promise<LibtvError> {
  const e = await p.then(
    () => {
      throw new Error('expected a rejection')
    },
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(LibtvError)
  return e as LibtvError
}

async function renderedVideoUrl(): Promise<string> {
  const id = await client.submit({ imageUrl, prompt, durationSeconds: 5 })
  const r = await client.waitForResult(id, { pollIntervalMs: 20 })
  if (r.state !== 'succeeded') throw new Error(`expected success, got ${r.state}`)
  return r.videoUrl
}

const transient: Array<[string, Fault, string]> = [
  ['HTTP 500', { type: 'http', status: 500 }, 'unavailable'],
  ['HTTP 502', { type: 'http', status: 502 }, 'unavailable'],
  ['HTTP 503', { type: 'http', status: 503 }, 'unavailable'],
  ['a hang (client timeout)', { type: 'hang' }, 'unavailable'],
  ['a dropped connection', { type: 'reset' }, 'unavailable'],
  ['malformed JSON', { type: 'malformed' }, 'protocol'],
  ['truncated JSON in a 200', { type: 'truncated' }, 'protocol'],
  ['a 200 envelope without the expected fields', { type: 'incomplete' }, 'protocol'],
  ['HTTP 429', { type: 'http', status: 429 }, 'rate_limited'],
  ['code 429 in the body of an HTTP 200', { type: 'code', code: 429, httpStatus: 200 }, 'rate_limited'],
  ['code 100054 (concurrency)', { type: 'code', code: 100054 }, 'rate_limited'],
  ['code 210000 (external call failed)', { type: 'code', code: 210000 }, 'unavailable'],
  ['code 200000 (maintenance)', { type: 'code', code: 200000 }, 'unavailable'],
]

describe.each([
  ['submit', SUBMIT, () => client.submit({ imageUrl, prompt, durationSeconds: 5 })],
  ['status', STATUS, async () => client.status(await client.submit({ imageUrl, prompt, durationSeconds: 5 }))],
] as const)('transient faults on %s are retried', (endpoint, p, call) => {
  it.each(transient)('%s, twice in a row', async (_name, fault, kind) => {
    sim.setFaults({ next: { [endpoint]: [fault, fault] } })
    const before = calls(p)
    await expect(call()).resolves.toBeTruthy()
    expect(calls(p) - before).toBe(3)
    expect(retries.map((r) => [r.op, r.kind])).toEqual([
      [endpoint, kind],
      [endpoint, kind],
    ])
  })
})

describe('retries', () => {
  it('honour Retry-After on a 429', async () => {
    sim.setFaults({ next: { submit: [{ type: 'http', status: 429, retryAfterSeconds: 1 }] } })
    const started = Date.now()
    await client.submit({ imageUrl, prompt, durationSeconds: 5 })
    expect(retries.map((r) => r.delayMs)).toEqual([1000])
    expect(Date.now() - started).toBeGreaterThanOrEqual(990)
  })

  it('give up after the last attempt with a retryable typed error, and free the slot', async () => {
    sim.setFaults({ next: { submit: Array(5).fill({ type: 'http', status: 503 }) } })
    const before = calls(SUBMIT)
    const inFlightBefore = client.inFlight().length
    const e = await rejection(client.submit({ imageUrl, prompt, durationSeconds: 5 }))
    expect(e).toMatchObject({ kind: 'unavailable', retryable: true, code: 503 })
    expect(e.reason).toMatch(/busy or briefly unavailable/)
    expect(calls(SUBMIT) - before).toBe(5) // 1 + retries: 4
    expect(client.inFlight().length).toBe(inFlightBefore)
  })

  it('follow a seeded random fault rate to the same successful end', async () => {
    sim.setFaults({ rates: { status: { probability: 0.5, fault: { type: 'http', status: 500 } } } })
    const id = await client.submit({ imageUrl, prompt, durationSeconds: 5 })
    const r = await client.waitForResult(id, { pollIntervalMs: 20 })
    expect(r.state).toBe('succeeded')
    expect(retries.some((x) => x.op === 'status')).toBe(true)
  })

  it('record which submit created the task: a reset one created none', async () => {
    sim.setFaults({ next: { submit: [{ type: 'reset' }] } })
    const before = sim.requests.length
    const id = await client.submit({ imageUrl, prompt, durationSeconds: 5 })
    const submits = sim.requests.slice(before).filter((r) => r.path === IMG2VIDEO_PATH)
    expect(submits.map((r) => r.createdTask)).toEqual([undefined, id])
  })

  it('submit again when the answer to an accepted submit is lost: two tasks, the second one used', async () => {
    sim.setFaults({ next: { submit: [{ type: 'lost-answer' }] } })
    const before = sim.requests.length
    const id = await client.submit({ imageUrl, prompt, durationSeconds: 5 })
    const submits = sim.requests.slice(before).filter((r) => r.path === IMG2VIDEO_PATH)
    expect(submits.map((r) => [Boolean(r.createdTask), r.answerLost ?? false])).toEqual([
      [true, true],
      [true, false],
    ])
    expect(submits[1]!.createdTask).toBe(id)
    expect(retries.map((r) => r.op)).toEqual(['submit'])
  })

  it('stop at once when the caller aborts a hung call', async () => {
    sim.setFaults({ next: { submit: [{ type: 'hang' }] } })
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 100)
    const e = await rejection(client.submit({ imageUrl, prompt, durationSeconds: 5 }, { signal: ac.signal }))
    expect(e.kind).toBe('cancelled')
    expect(retries).toEqual([])
  })
})

describe('documented error codes on submit', () => {
  const final: Array<[number, string]> = [
    [401, 'auth'],
    [403, 'account'],
    [100000, 'invalid_request'],
    [100010, 'auth'],
    [100020, 'auth'],
    [100021, 'account'],
    [100030, 'image'],
    [100031, 'content'],
    [100032, 'image'],
    [100050, 'invalid_request'],
    [100051, 'not_found'],
    [100052, 'content'],
    [100053, 'invalid_request'],
    [100055, 'content'],
    [100120, 'invalid_request'],
    [200001, 'invalid_request'],
  ]
  it.each(final)('%i is final: %s, not retried, with a user-facing reason', async (code, kind) => {
    sim.setFaults({ next: { submit: [{ type: 'code', code }] } })
    const before = calls(SUBMIT)
    const e = await rejection(client.submit({ imageUrl, prompt, durationSeconds: 5 }))
    expect(e).toMatchObject({ kind, code, retryable: false })
    expect(e.reason.length).toBeGreaterThan(30)
    expect(e.reason).not.toContain(prompt)
    expect(calls(SUBMIT) - before).toBe(1)
  })

  it.each([
    ['401 as a bare HTTP status', { type: 'http', status: 401 }, 'auth'],
    ['403 as a bare HTTP status', { type: 'http', status: 403 }, 'account'],
    ['401 in the body of an HTTP 200', { type: 'code', code: 401, httpStatus: 200 }, 'auth'],
  ] as Array<[string, Fault, string]>)('%s', async (_n, fault, kind) => {
    sim.setFaults({ next: { submit: [fault] } })
    expect(await rejection(client.submit({ imageUrl, prompt, durationSeconds: 5 }))).toMatchObject({
      kind,
      retryable: false,
    })
  })
})

describe('task outcomes', () => {
  const outcome = async () =>
    client.waitForResult(await client.submit({ imageUrl, prompt, durationSeconds: 5 }), { pollIntervalMs: 20 })

  it('status 6 becomes failed with LibTV’s message, final, charged nothing', async () => {
    sim.setFaults({ nextTaskOutcomes: [{ type: 'fail', message: '视频生成失败' }] })
    expect(await outcome()).toEqual({
      state: 'failed',
      code: null,
      reason: 'The video service could not render this shot: 视频生成失败',
      pointsCost: 0,
      retryAsNewTask: false,
    })
  })

  it('status 6 whose message names a transient code (210000) may be tried as a new task', async () => {
    sim.setFaults({ nextTaskOutcomes: [{ type: 'fail', code: 210000 }] })
    expect(await outcome()).toMatchObject({
      state: 'failed',
      code: 210000,
      reason: 'The video service could not render this shot: 210000: external service call failed',
      retryAsNewTask: true,
    })
  })

  it('status 7 becomes timed_out, and may be tried as a new task', async () => {
    sim.setFaults({ nextTaskOutcomes: [{ type: 'timeout' }] })
    expect(await outcome()).toMatchObject({ state: 'timed_out', retryAsNewTask: true })
  })

  it('a clip withheld by moderation becomes failed 100055, final, with what LibTV charged', async () => {
    sim.setFaults({ nextTaskOutcomes: [{ type: 'blocked' }] })
    expect(await outcome()).toMatchObject({
      state: 'failed',
      code: 100055,
      reason: expect.stringMatching(/moderation/),
      pointsCost: 20,
      retryAsNewTask: false,
    })
  })

  it('a prompt the simulator is told to moderate is blocked, every time', async () => {
    sim.setFaults({ promptOutcomes: [{ word: 'forbidden-word', outcome: { type: 'blocked' } }] })
    const blocked = async () =>
      client.waitForResult(
        await client.submit({ imageUrl, prompt: 'Push in on the forbidden-word', durationSeconds: 5 }),
        { pollIntervalMs: 20 },
      )
    expect(await blocked()).toMatchObject({ state: 'failed', code: 100055 })
    expect(await blocked()).toMatchObject({ state: 'failed', code: 100055 })
    expect(await outcome()).toMatchObject({ state: 'succeeded' })
  })

  it('an unknown task (100051) is failed, not an exception, frees its slot, and may be rendered anew', async () => {
    client.adopt('0'.repeat(32))
    expect(await client.status('0'.repeat(32))).toMatchObject({
      state: 'failed',
      code: 100051,
      retryAsNewTask: true,
    })
    expect(client.inFlight()).not.toContain('0'.repeat(32))
  })

  it('a final error on status is thrown typed, not retried', async () => {
    const id = await client.submit({ imageUrl, prompt, durationSeconds: 5 })
    sim.setFaults({ next: { status: [{ type: 'code', code: 100010 }] } })
    const before = calls(STATUS)
    expect(await rejection(client.status(id))).toMatchObject({ kind: 'auth', code: 100010 })
    expect(calls(STATUS) - before).toBe(1)
    client.release(id)
  })

  it('polling survives a status outage shorter than its deadline', async () => {
    const id = await client.submit({ imageUrl, prompt, durationSeconds: 5 })
    sim.setFaults({ next: { status: Array(12).fill({ type: 'http', status: 502 }) } })
    expect((await client.waitForResult(id, { pollIntervalMs: 20 })).state).toBe('succeeded')
  })

  it('polling gives up at its deadline, as timed out, and frees the slot', async () => {
    sim.setFaults({ latency: { queued: 60_000 } })
    const id = await client.submit({ imageUrl, prompt, durationSeconds: 5 })
    expect(await client.waitForResult(id, { pollIntervalMs: 20, timeoutMs: 150 })).toMatchObject({ state: 'timed_out' })
    expect(client.inFlight()).not.toContain(id)
  })
})

describe('result downloads', () => {
  it('a 404 result is a final download error with a clear reason', async () => {
    const url = await renderedVideoUrl()
    sim.setFaults({ results: { mode: 'missing' } })
    const e = await rejection(client.downloadVideo(url, path.join(tmp.dir, 'gone.mp4')))
    expect(e).toMatchObject({
      kind: 'download',
      code: 404,
      retryable: false,
      reason: expect.stringMatching(/no longer available/),
    })
  })

  it('an expired result URL is refused (OSS 403) and not retried', async () => {
    sim.setFaults({ results: { mode: 'expire', afterMs: 100 } })
    const url = await renderedVideoUrl()
    await new Promise((r) => setTimeout(r, 150))
    const before = sim.requests.filter((r) => r.path.startsWith('/sim/results/')).length
    expect(await rejection(client.downloadVideo(url, path.join(tmp.dir, 'late.mp4')))).toMatchObject({
      kind: 'download',
      code: 403,
    })
    expect(sim.requests.filter((r) => r.path.startsWith('/sim/results/')).length - before).toBe(1)
  })

  it.each([
    ['HTTP 500', { type: 'http', status: 500 }],
    ['HTTP 503', { type: 'http', status: 503 }],
    ['a dropped connection', { type: 'reset' }],
    ['a hang', { type: 'hang' }],
    ['an HTML page in a 200', { type: 'malformed' }],
    ['half the MP4, its Content-Length cut to match', { type: 'truncated' }],
    ['an empty 200', { type: 'incomplete' }],
  ] as Array<[string, Fault]>)('%s on the result is retried', async (_n, fault) => {
    const url = await renderedVideoUrl()
    sim.setFaults({ next: { result: [fault] } })
    const dest = path.join(tmp.dir, `retried-${fault.type}-${Date.now()}.mp4`)
    const { bytes } = await client.downloadVideo(url, dest)
    expect(bytes).toBeGreaterThan(1000)
    expect(retries.map((r) => r.op)).toEqual(['download'])
    expect((await ffprobe(dest)).duration).toBeGreaterThan(4)
  })

  it('honours Retry-After on a 429 from the result host', async () => {
    const url = await renderedVideoUrl()
    sim.setFaults({ next: { result: [{ type: 'http', status: 429, retryAfterSeconds: 1 }] } })
    await client.downloadVideo(url, path.join(tmp.dir, 'after-429.mp4'))
    expect(retries.map((r) => [r.op, r.delayMs])).toEqual([['download', 1000]])
  })

  it('refuses a file that is not an MP4, and one over the size cap, leaving nothing behind', async () => {
    const id = await client.submit({ imageUrl, prompt, durationSeconds: 5 })
    const r = await client.waitForResult(id, { pollIntervalMs: 20 })
    if (r.state !== 'succeeded') throw new Error('expected success')
    const dir = path.join(tmp.dir, 'guards')
    await import('node:fs/promises').then((fs) => fs.mkdir(dir))
    expect(await rejection(client.downloadVideo(r.coverUrl!, path.join(dir, 'cover.mp4')))).toMatchObject({
      kind: 'download',
      reason: expect.stringMatching(/not a usable MP4/),
    })
    expect(
      await rejection(client.downloadVideo(r.videoUrl, path.join(dir, 'big.mp4'), { maxBytes: 10_000 })),
    ).toMatchObject({ kind: 'download', retryable: false })
    expect(await readdir(dir)).toEqual([])
  })
})

describe('the upload route under faults', () => {
  it.each([
    ['uploadSignature', { type: 'http', status: 500 }],
    ['uploadSignature', { type: 'http', status: 429, retryAfterSeconds: 1 }],
    ['uploadSignature', { type: 'code', code: 210000 }],
    ['uploadSignature', { type: 'reset' }],
    ['uploadSignature', { type: 'hang' }],
    ['uploadSignature', { type: 'malformed' }],
    ['uploadSignature', { type: 'truncated' }],
    ['uploadSignature', { type: 'incomplete' }],
    ['upload', { type: 'http', status: 503 }],
    ['upload', { type: 'http', status: 429, retryAfterSeconds: 1 }],
    ['upload', { type: 'reset' }],
    ['upload', { type: 'hang' }],
    // A 2xx is not enough: only OSS's documented success (204 with an ETag) means the image is stored.
    ['upload', { type: 'malformed' }],
    ['upload', { type: 'truncated' }],
    ['upload', { type: 'incomplete' }],
    // Stored, answer lost: the same policy uploads it again.
    ['upload', { type: 'lost-answer' }],
  ] as Array<[Endpoint, Fault]>)('%s: %j is retried until the bucket confirms', async (endpoint, fault) => {
    const png = await gradientPng(320, 320)
    sim.setFaults({ next: { [endpoint]: [fault] } })
    const url = await client.uploadImage(png, 'png')
    const served = await fetch(url)
    expect(served.status).toBe(200)
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true)
    expect(retries.map((r) => r.op)).toEqual([endpoint === 'upload' ? 'upload' : 'upload signature'])
    if ('retryAfterSeconds' in fault) expect(retries[0]!.delayMs).toBe(1000)
  })

  it('a bucket that refuses the upload is a final error', async () => {
    sim.setFaults({ next: { upload: [{ type: 'http', status: 403 }] } })
    expect(await rejection(client.uploadImage(await gradientPng(320, 320), 'png'))).toMatchObject({
      kind: 'image',
      code: 403,
      retryable: false,
    })
  })
})
