import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMG2VIDEO_TEMPLATE_UUID } from '../../src/libtv/api.js'
import { createLibtvClient } from '../../src/libtv/client.js'
import { LIBTV_DEV_ACCESS_KEY, LIBTV_DEV_SECRET_KEY } from '../../src/libtv/config.js'
import { signImageUrl } from '../../src/libtv/signed-url.js'
import { signedUrl } from '../../src/libtv/signing.js'
import { cameraMoveFor, type LibtvSimulator, startLibtvSimulator } from '../../src/libtv/simulator/index.js'
import { gradientPng, IMAGE_URL_SECRET, simClient, startImageServer, tempDir } from './helpers.js'

// The simulator speaks the documented API to any client: signing, envelope, submit rules, limits
// (docs/libtv.md#the-simulator).
let sim: LibtvSimulator
let images: Awaited<ReturnType<typeof startImageServer>>
let tmp: Awaited<ReturnType<typeof tempDir>>
let imageUrl: string
let clockOffset = 0
const SUBMIT = '/api/generate/video/kling/img2video'

beforeAll(async () => {
  tmp = await tempDir()
  images = await startImageServer()
  imageUrl = images.add(await gradientPng(640, 360)).url
  sim = await startLibtvSimulator({
    submitIntervalMs: 0,
    maxConcurrentTasks: 1000,
    faults: { latency: { queued: 20, running: 20, generated: 0, moderating: 20 } },
    render: { cacheDir: path.join(tmp.dir, 'renders') },
    now: () => Date.now() + clockOffset, // lets a test step a task through its states
  })
})

afterAll(async () => {
  await sim?.close()
  await images?.close()
  await tmp?.remove()
})

const params = (over: Record<string, unknown> = {}) => ({
  model: 'kling-v2-1',
  prompt: 'push in',
  duration: '5',
  mode: 'std',
  startFrame: imageUrl,
  ...over,
})

/** A hand-signed POST, as any client written from LibTV's doc would send it. */
async function post(
  p: string,
  body: unknown,
  keys = { accessKey: sim.accessKey, secretKey: sim.secretKey },
  now = Date.now(),
) {
  const res = await fetch(signedUrl(sim.baseUrl, p, keys, now), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  })
  return {
    status: res.status,
    body: (await res.json()) as { code: number; msg: string; data: Record<string, unknown> | null },
  }
}

describe('signature check', () => {
  it('uses the fixed development keys by default and answers in the envelope', async () => {
    expect([sim.accessKey, sim.secretKey]).toEqual([LIBTV_DEV_ACCESS_KEY, LIBTV_DEV_SECRET_KEY])
    const r = await post(SUBMIT, { templateUuid: IMG2VIDEO_TEMPLATE_UUID, generateParams: params() })
    expect(r).toMatchObject({ status: 200, body: { code: 0, msg: '' } })
    expect(r.body.data?.generateUuid).toMatch(/^[0-9a-f]{32}$/)
  })

  it.each([
    ['a wrong secret', { accessKey: LIBTV_DEV_ACCESS_KEY, secretKey: 'wrong' }, 0],
    ['a wrong access key', { accessKey: 'someone-else', secretKey: LIBTV_DEV_SECRET_KEY }, 0],
    ['a timestamp 6 minutes old', { accessKey: LIBTV_DEV_ACCESS_KEY, secretKey: LIBTV_DEV_SECRET_KEY }, -6 * 60_000],
    ['a timestamp 6 minutes ahead', { accessKey: LIBTV_DEV_ACCESS_KEY, secretKey: LIBTV_DEV_SECRET_KEY }, 6 * 60_000],
  ])('refuses %s with 401', async (_n, keys, skew) => {
    const r = await post('/api/generate/status', { generateUuid: 'x' }, keys, Date.now() + skew)
    expect(r).toEqual({ status: 401, body: { code: 401, msg: 'signature verification failed', data: null } })
  })

  it('accepts a timestamp 4 minutes old (valid for 5)', async () => {
    expect(
      (await post('/api/generate/status', { generateUuid: 'x' }, undefined, Date.now() - 4 * 60_000)).body.code,
    ).toBe(100051)
  })

  it('refuses a signature made for another path, and a missing one', async () => {
    const url = signedUrl(sim.baseUrl, '/api/generate/status', {
      accessKey: sim.accessKey,
      secretKey: sim.secretKey,
    }).replace('/api/generate/status', SUBMIT)
    expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(401)
    expect((await fetch(`${sim.baseUrl}${SUBMIT}`, { method: 'POST', body: '{}' })).status).toBe(401)
  })

  it('the client surfaces a bad key as a final auth error, without retrying', async () => {
    const bad = createLibtvClient(
      { accessKey: sim.accessKey, secretKey: 'not-the-secret', baseUrl: sim.baseUrl, model: 'kling-v2-1', mode: 'std' },
      { retry: { baseDelayMs: 1 } },
    )
    const before = sim.requests.length
    await expect(bad.submit({ imageUrl, prompt: 'push in', durationSeconds: 5 })).rejects.toMatchObject({
      kind: 'auth',
      code: 401,
      retryable: false,
    })
    expect(sim.requests.length - before).toBe(1)
    expect(bad.inFlight()).toEqual([])
  })
})

describe('task states', () => {
  it('advance 1 → 2 → 3 → 4 → 5 with the clock, with the result in videos[]', async () => {
    sim.setFaults({ latency: { queued: 10_000, running: 10_000, generated: 10_000, moderating: 10_000 } })
    const submitted = await post(SUBMIT, {
      templateUuid: IMG2VIDEO_TEMPLATE_UUID,
      generateParams: params({ prompt: 'orbit the bottle' }),
    })
    sim.setFaults({ latency: { queued: 20, running: 20, generated: 0, moderating: 20 } }) // the task keeps its own
    const generateUuid = submitted.body.data!.generateUuid
    const poll = async () => (await post('/api/generate/status', { generateUuid })).body.data!
    const states: unknown[] = []
    for (let step = 0; step < 4; step++) {
      states.push((await poll()).generateStatus)
      clockOffset += 10_000
    }
    expect(states).toEqual([1, 2, 3, 4])
    // Past moderation, 4 holds until the clip is rendered, then 5.
    let last = await poll()
    for (let i = 0; i < 500 && last.generateStatus === 4; i++) {
      await new Promise((r) => setTimeout(r, 20))
      last = await poll()
    }
    expect(last).toMatchObject({
      generateUuid,
      generateStatus: 5,
      percentCompleted: 1,
      pointsCost: 20,
      accountBalance: expect.any(Number),
      videos: [
        {
          videoUrl: expect.stringMatching(/\/video\.mp4$/),
          coverPath: expect.stringMatching(/\/cover\.jpg$/),
          auditStatus: 3,
        },
      ],
    })
  })
})

describe('submit rules', () => {
  it.each([
    ['an unknown template', { templateUuid: 'nope', generateParams: params() }, 100120],
    ['no generateParams', { templateUuid: IMG2VIDEO_TEMPLATE_UUID }, 100050],
    [
      'a model not allowed',
      { templateUuid: IMG2VIDEO_TEMPLATE_UUID, generateParams: params({ model: 'kling-v9' }) },
      100053,
    ],
    [
      'a numeric duration (it must be a string)',
      { templateUuid: IMG2VIDEO_TEMPLATE_UUID, generateParams: params({ duration: 5 }) },
      100000,
    ],
    ['duration "7"', { templateUuid: IMG2VIDEO_TEMPLATE_UUID, generateParams: params({ duration: '7' }) }, 100000],
    ['an empty prompt', { templateUuid: IMG2VIDEO_TEMPLATE_UUID, generateParams: params({ prompt: '' }) }, 100000],
    [
      'kling-v2-5-turbo in std mode',
      { templateUuid: IMG2VIDEO_TEMPLATE_UUID, generateParams: params({ model: 'kling-v2-5-turbo' }) },
      100000,
    ],
    [
      'no startFrame',
      { templateUuid: IMG2VIDEO_TEMPLATE_UUID, generateParams: params({ startFrame: undefined }) },
      100050,
    ],
    [
      'a file: startFrame',
      { templateUuid: IMG2VIDEO_TEMPLATE_UUID, generateParams: params({ startFrame: 'file:///etc/passwd' }) },
      100000,
    ],
  ])('refuses %s', async (_n, body, code) => {
    expect((await post(SUBMIT, body)).body.code).toBe(code)
  })

  it.each([
    ['too small (299 px)', [299, 400]],
    ['too wide (2.6:1)', [1040, 400]],
  ])('refuses an image %s', async (_n, [w, h]) => {
    const url = images.add(await gradientPng(w!, h!)).url
    expect(
      (await post(SUBMIT, { templateUuid: IMG2VIDEO_TEMPLATE_UUID, generateParams: params({ startFrame: url }) })).body
        .code,
    ).toBe(100000)
  })
})

describe('signed image URLs, fetched by LibTV for real', () => {
  const client = () => simClient(sim)

  it('a valid signed URL is fetched and rendered', async () => {
    const image = images.add(await gradientPng(500, 500))
    const id = await client().submit({ imageUrl: image.url, prompt: 'pull out', durationSeconds: 5 })
    expect(images.hits.filter((h) => h.path === image.path)).toEqual([{ path: image.path, status: 200 }])
    expect((await client().waitForResult(id, { pollIntervalMs: 20 })).state).toBe('succeeded')
  })

  it.each([
    [
      'expired',
      (p: string) =>
        signImageUrl({ baseUrl: images.baseUrl, path: p, secret: IMAGE_URL_SECRET, expiresAt: Date.now() - 1 }),
      410,
    ],
    [
      'tampered',
      (_p: string, url: string) => url.replace(/sig=(.)/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`),
      403,
    ],
    ['for another file', (_p: string, url: string) => url.replace(/images\/[^?]+/, 'images/another.png'), 403],
  ])('an %s URL is refused by the image route, so LibTV reports 100030', async (_n, mutate, status) => {
    const image = images.add(await gradientPng(500, 500))
    const url = mutate(image.path, image.url)
    const hitsBefore = images.hits.length
    const e = await client()
      .submit({ imageUrl: url, prompt: 'push in', durationSeconds: 5 })
      .catch((x: unknown) => x)
    expect(e).toMatchObject({
      kind: 'image',
      code: 100030,
      retryable: false,
      reason: expect.stringMatching(/could not fetch the product image/),
    })
    expect(images.hits.slice(hitsBefore).map((h) => h.status)).toEqual([status])
  })
})

describe('limits in the simulator itself (what the client must avoid)', () => {
  it('answers 429 to a second submit within the interval, and 100054 past the task limit', async () => {
    const strict = await startLibtvSimulator({
      submitIntervalMs: 300,
      maxConcurrentTasks: 2,
      faults: { latency: { queued: 60_000 } },
      render: { cacheDir: path.join(tmp.dir, 'renders') },
    })
    try {
      const body = { templateUuid: IMG2VIDEO_TEMPLATE_UUID, generateParams: params() }
      const keys = { accessKey: strict.accessKey, secretKey: strict.secretKey }
      const send = async () => {
        const res = await fetch(signedUrl(strict.baseUrl, SUBMIT, keys), { method: 'POST', body: JSON.stringify(body) })
        return {
          status: res.status,
          code: ((await res.json()) as { code: number }).code,
          retryAfter: res.headers.get('retry-after'),
        }
      }
      expect(await send()).toMatchObject({ status: 200, code: 0 })
      expect(await send()).toEqual({ status: 429, code: 429, retryAfter: '1' })
      await new Promise((r) => setTimeout(r, 320))
      expect(await send()).toMatchObject({ code: 0 })
      await new Promise((r) => setTimeout(r, 320))
      expect(await send()).toMatchObject({ status: 200, code: 100054 })
      expect(strict.metrics()).toMatchObject({
        rateLimited: 1,
        concurrencyRejected: 1,
        maxTasksInFlight: 2,
        tasksCreated: 2,
      })
    } finally {
      await strict.close()
    }
  })
})

describe('camera moves follow the prompt', () => {
  it.each([
    ['Slow push in on the bottle', 'push_in'],
    ['Zoom in to the logo', 'push_in'],
    ['Close-up of the cap', 'push_in'],
    ['Pull back to reveal the kitchen', 'pull_out'],
    ['zoom out slowly', 'pull_out'],
    ['Camera pans left across the shelf', 'pan_left'],
    ['pan to the right', 'pan_right'],
    ['Orbit around the sneaker', 'orbit'],
    ['镜头推近产品', 'push_in'],
    ['Pan right, then push in', 'pan_right'],
    ['The product on a marble table', 'drift'],
  ])('%s → %s', (prompt, move) => {
    expect(cameraMoveFor(prompt)).toBe(move)
  })
})
