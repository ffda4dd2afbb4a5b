import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LibtvClientOptions } from '../../src/libtv/client.js'
import { type LibtvSimulator, type SimulatorOptions, startLibtvSimulator } from '../../src/libtv/simulator/index.js'
import { gradientPng, simClient, startImageServer, tempDir, watchUnhandledRejections } from './helpers.js'

// LibTV's limits: ≤ 1 submit per interval and ≤ 5 tasks in flight, enforced by the client so that many
// renders queue politely. The simulator enforces the same limits and counts every breach, so
// "no 429/100054" is measured where LibTV would measure it, not taken on the client's word.
let images: Awaited<ReturnType<typeof startImageServer>>
let tmp: Awaited<ReturnType<typeof tempDir>>
let imageUrl: string
const rejections = watchUnhandledRejections()
const sims: LibtvSimulator[] = []

beforeAll(async () => {
  rejections.start()
  tmp = await tempDir()
  images = await startImageServer()
  imageUrl = images.add(await gradientPng(640, 360)).url
})

afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()))
  await images?.close()
  await tmp?.remove()
  rejections.stop()
  expect(rejections.seen).toEqual([])
})

async function simulator(options: SimulatorOptions): Promise<LibtvSimulator> {
  const sim = await startLibtvSimulator({ render: { cacheDir: path.join(tmp.dir, 'renders') }, ...options })
  sims.push(sim)
  return sim
}

function gaps(times: number[]): number[] {
  const sorted = [...times].sort((a, b) => a - b)
  return sorted.slice(1).map((t, i) => t - sorted[i]!)
}

async function renderAll(sim: LibtvSimulator, shots: number, options: LibtvClientOptions) {
  const retries: string[] = []
  const client = simClient(sim, { onRetry: (r) => retries.push(`${r.op}:${r.code}`), ...options })
  let maxClientInFlight = 0
  const results = await Promise.all(
    Array.from({ length: shots }, async () => {
      const id = await client.submit({ imageUrl, prompt: 'Slow push in on the mug', durationSeconds: 5 })
      maxClientInFlight = Math.max(maxClientInFlight, client.inFlight().length)
      return client.waitForResult(id, { pollIntervalMs: 50 })
    }),
  )
  return { results, retries, maxClientInFlight, client }
}

describe('LibTV limits held by the client', () => {
  it('20 shots submitted at once: ≤ 1 submit per 200 ms and never more than 5 in flight, no 429/100054', async () => {
    // The interval is shortened to 200 ms on both sides to keep the test short; the spacing
    // logic is the same as at 1000 ms, which the next test checks against the default policy.
    // Each task lives ≥ 1.6 s, longer than 5 submits take (1 s), so the 5-in-flight cap is always
    // reached whatever the render cache does (with 0.5 s it was reached only when ffmpeg was slow).
    const sim = await simulator({
      submitIntervalMs: 200,
      maxConcurrentTasks: 5,
      faults: { latency: { queued: 100, running: 1400, generated: 0, moderating: 100 } },
    })
    const { results, retries, maxClientInFlight } = await renderAll(sim, 20, { submitIntervalMs: 200, maxInFlight: 5 })

    expect(results.map((r) => r.state)).toEqual(Array(20).fill('succeeded'))
    const m = sim.metrics()
    expect(m.tasksCreated).toBe(20)
    expect(m.submitArrivals).toHaveLength(20) // no submit was ever repeated
    expect(Math.min(...gaps(m.submitArrivals))).toBeGreaterThanOrEqual(200)
    expect(m.rateLimited).toBe(0)
    expect(m.concurrencyRejected).toBe(0)
    expect(m.maxTasksInFlight).toBe(5) // the cap was reached (the test exercised it) and held
    expect(maxClientInFlight).toBeLessThanOrEqual(5)
    expect(retries).toEqual([]) // no 429 or 100054 even reached the retry loop
  })

  it('the default policy (1000 ms) against the default simulator: 4 shots spaced ≥ 1 s apart', async () => {
    const sim = await simulator({ faults: { latency: { queued: 50, running: 50, generated: 0, moderating: 50 } } })
    const started = Date.now()
    // submitIntervalMs undefined: the client's own default (1000 ms), not the helper's 0.
    const { results, retries } = await renderAll(sim, 4, { submitIntervalMs: undefined })
    expect(results.map((r) => r.state)).toEqual(Array(4).fill('succeeded'))
    const m = sim.metrics()
    expect(Math.min(...gaps(m.submitArrivals))).toBeGreaterThanOrEqual(1000)
    expect(m.submitArrivals[0]! - started).toBeLessThan(900) // the first one does not wait for the interval
    expect([m.rateLimited, m.concurrencyRejected, retries.length]).toEqual([0, 0, 0])
  })

  it('control: a client without the limits does get 429 and 100054 from the same simulator', async () => {
    // The two limits apart, so each shows whatever the timing: 8 submits at once against 5
    // task slots (no QPS limit), and 3 at once against a 2 s submit interval (no task limit).
    const slotsOnly = await simulator({
      submitIntervalMs: 0,
      maxConcurrentTasks: 5,
      faults: { latency: { queued: 60_000 } },
    })
    const qpsOnly = await simulator({
      submitIntervalMs: 2000,
      maxConcurrentTasks: 1000,
      faults: { latency: { queued: 60_000 } },
    })
    const codes = async (sim: LibtvSimulator, n: number) => {
      const client = simClient(sim, { submitIntervalMs: 0, maxInFlight: 50, retry: { retries: 0, rateLimitWaitMs: 0 } })
      const all = await Promise.allSettled(
        Array.from({ length: n }, () => client.submit({ imageUrl, prompt: 'push in', durationSeconds: 5 })),
      )
      return all.map((o) => (o.status === 'fulfilled' ? 0 : (o.reason as { code: number }).code)).sort((a, b) => a - b)
    }
    expect(await codes(slotsOnly, 8)).toEqual([0, 0, 0, 0, 0, 100054, 100054, 100054])
    expect(await codes(qpsOnly, 3)).toEqual([0, 429, 429])
    expect([slotsOnly.metrics().concurrencyRejected, qpsOnly.metrics().rateLimited]).toEqual([3, 2])
  })
})

describe('tasks in flight across a restart', () => {
  it('adopted tasks hold their slots until they end, so new submits wait instead of hitting 100054', async () => {
    const sim = await simulator({
      submitIntervalMs: 0,
      maxConcurrentTasks: 3,
      faults: { latency: { queued: 600, running: 100, generated: 0, moderating: 0 } },
    })
    const before = simClient(sim, { maxInFlight: 3 })
    const old = await Promise.all(
      [1, 2, 3].map(() => before.submit({ imageUrl, prompt: 'push in', durationSeconds: 5 })),
    )

    // "Restart": a new client that knows the three tasks from the database.
    const after = simClient(sim, { maxInFlight: 3 })
    for (const id of old) after.adopt(id)
    expect(after.inFlight().sort()).toEqual([...old].sort())
    let submittedAt = 0
    const next = after
      .submit({ imageUrl, prompt: 'push in', durationSeconds: 5 })
      .then((id) => ((submittedAt = Date.now()), id))
    await new Promise((r) => setTimeout(r, 200))
    expect(submittedAt).toBe(0) // still waiting for a slot

    const first = await after.waitForResult(old[0]!, { pollIntervalMs: 30 })
    const endedAt = Date.now()
    expect(first.state).toBe('succeeded')
    const id = await next
    expect(submittedAt).toBeGreaterThanOrEqual(endedAt - 5)
    for (const o of old.slice(1)) after.release(o) // e.g. the renders were cancelled
    expect(after.inFlight()).toEqual([id])
    expect(sim.metrics().concurrencyRejected).toBe(0)
  })
})
