// While several renders run in the worker thread, the main thread (the app's HTTP server, in this
// process) stays responsive: event-loop lag under 50 ms, pages answered promptly.
//
// On a shared 2-core VM (ffmpeg, the other test files, other processes) a thread is often left
// waiting for a core, which shows up as event-loop lag the app did not cause: monitorEventLoopDelay
// then reports spikes of 100-500 ms with the main thread idle. So besides that histogram (logged,
// and its mean checked), a 5 ms ticker reads the main thread's schedstat. The lag left after
// taking out the time the thread spent waiting for a CPU must stay under 50 ms (99th percentile).
// The CPU the thread used between two ticks is the longest synchronous stretch: a page costs
// 6-17 ms of CPU here (server and this in-process client), stretched up to ~3x when ffmpeg shares
// the core, so the bound is 100 ms; a synchronous ffmpeg call or stitch on the main thread would
// be far above it (the probe's own test below shows it catches a 150 ms stretch).
import fs from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  makeBrief,
  newRenderUser,
  type RenderStack,
  type RenderUser,
  startRenderStack,
  startThreadSimulator,
  submitOverHttp,
  type ThreadSimulator,
  videoRow,
} from '../support/render.js'

const RENDERS = 4
const LIMIT_MS = 50
const TICK_MS = 5

/** The main thread's (its tid is the pid) time on a CPU and waiting on a run queue, in ms. */
function schedstat(): { cpu: number; wait: number } {
  const [cpu, wait] = fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')
  return { cpu: Number(cpu) / 1e6, wait: Number(wait) / 1e6 }
}

type Tick = { lagMs: number; waitMs: number; cpuMs: number; ownMs: number }

/** Ticks every 5 ms; each tick's lag, the CPU wait inside it, and what is left (the app's own). */
function lagProbe() {
  const ticks: Tick[] = []
  let last = performance.now()
  let lastStat = schedstat()
  const timer = setInterval(() => {
    const now = performance.now()
    const stat = schedstat()
    const lagMs = Math.max(0, now - last - TICK_MS)
    const waitMs = stat.wait - lastStat.wait
    ticks.push({ lagMs, waitMs, cpuMs: stat.cpu - lastStat.cpu, ownMs: Math.max(0, lagMs - waitMs) })
    last = now
    lastStat = stat
  }, TICK_MS)
  const percentile = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b)
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0
  }
  return {
    ticks,
    stop: () => clearInterval(timer),
    own: () => ({
      max: Math.max(0, ...ticks.map((t) => t.ownMs)),
      p99: percentile(
        ticks.map((t) => t.ownMs),
        0.99,
      ),
      maxCpu: Math.max(0, ...ticks.map((t) => t.cpuMs)),
    }),
    worst: (n: number) =>
      [...ticks]
        .sort((a, b) => b.ownMs - a.ownMs)
        .slice(0, n)
        .map((t) => ({
          lag: Math.round(t.lagMs),
          wait: Math.round(t.waitMs),
          cpu: Math.round(t.cpuMs),
          own: Math.round(t.ownMs),
        })),
  }
}

let sim: ThreadSimulator
let stack: RenderStack
let alice: RenderUser
let lag: { max: number; p99: number; mean: number }
let own: { max: number; p99: number; maxCpu: number }
let probeTicks = 0
const latencies: number[] = []
let videoIds: string[] = []
const statusesSeen = new Set<string>()

beforeAll(async () => {
  // The simulator runs in a thread of its own: what is measured here is the app alone.
  sim = await startThreadSimulator({
    faults: { latency: { queued: 300, running: 1500, generated: 200, moderating: 200 } },
  })
  stack = await startRenderStack({ simBaseUrl: sim.baseUrl, worker: { concurrency: RENDERS } })
  alice = await newRenderUser(stack.app, 'creator')
  // Two people, as the Creator plan renders 2 of a person's videos at once: all 4 render together.
  const bob = await newRenderUser(stack.app, 'creator')
  const owners = Array.from({ length: RENDERS }, (_, i) => (i % 2 === 0 ? alice : bob))
  const projects = []
  for (let i = 0; i < RENDERS; i++)
    projects.push(
      await makeBrief(stack.app, owners[i]!.id, {
        productName: `Lag Probe ${i}`,
        aspectRatio: (['9:16', '16:9', '1:1'] as const)[i % 3],
      }),
    )

  videoIds = await Promise.all(projects.map((p, i) => submitOverHttp(owners[i]!.client, p.screenplayId)))
  // Pages a person would load meanwhile, one after another, until every video is finished.
  const pages = [
    '/videos',
    `/videos/${videoIds[0]}`,
    `/videos/${videoIds[2]}/status`,
    '/account',
    `/briefs/${projects[0]!.briefId}/screenplay`,
  ]
  // Each page once before measuring: a page's first load compiles its view and its messages (a
  // start-up cost, measured at 100 ms for the whole set), not work done while renders run.
  for (const page of pages) await (await alice.client.get(page)).text()
  const histogram = monitorEventLoopDelay({ resolution: 5 })
  histogram.enable()
  const probe = lagProbe()
  const deadline = Date.now() + 120_000
  for (let i = 0; Date.now() < deadline; i++) {
    const rows = videoIds.map((id) => videoRow(stack.app, id)!)
    for (const r of rows) statusesSeen.add(r.status)
    if (rows.every((r) => r.status === 'done' || r.status === 'failed')) break
    const started = performance.now()
    const res = await alice.client.get(pages[i % pages.length]!)
    await res.text()
    latencies.push(performance.now() - started)
    await new Promise((r) => setTimeout(r, 100))
  }
  probe.stop()
  histogram.disable()
  own = probe.own()
  probeTicks = probe.ticks.length
  lag = { max: histogram.max / 1e6, p99: histogram.percentile(99) / 1e6, mean: histogram.mean / 1e6 }
  console.log(
    `event-loop lag while ${RENDERS} renders ran (monitorEventLoopDelay): max ${lag.max.toFixed(1)} ms, p99 ${lag.p99.toFixed(1)} ms, mean ${lag.mean.toFixed(1)} ms; ` +
      `longest synchronous stretch ${own.maxCpu.toFixed(1)} ms of CPU; without the time spent waiting for a CPU: max ${own.max.toFixed(1)} ms, p99 ${own.p99.toFixed(1)} ms (worst ticks ${JSON.stringify(probe.worst(3))}); ` +
      `${latencies.length} page loads, slowest ${Math.max(...latencies).toFixed(1)} ms`,
  )
}, 180_000)

afterAll(async () => {
  await stack?.close()
  await sim?.close()
})

describe(`${RENDERS} renders in the worker thread`, () => {
  it('all finished, and the measurement covered shots rendering and stitching', () => {
    for (const id of videoIds) expect(videoRow(stack.app, id)?.status).toBe('done')
    expect(statusesSeen).toContain('rendering')
    expect(statusesSeen).toContain('stitching')
    expect(latencies.length).toBeGreaterThanOrEqual(10)
  })

  it('the main thread never computed through a long stretch', () => {
    expect(probeTicks).toBeGreaterThan(500)
    expect(own.maxCpu).toBeLessThan(2 * LIMIT_MS)
  })

  it(`the event-loop lag stayed under ${LIMIT_MS} ms`, () => {
    expect(own.p99).toBeLessThan(LIMIT_MS)
    expect(lag.mean).toBeLessThan(LIMIT_MS / 2)
  })

  it('pages answered promptly meanwhile', () => {
    const sorted = [...latencies].sort((a, b) => a - b)
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(100)
    expect(sorted[sorted.length - 1]).toBeLessThan(1000)
  })
})

describe('the lag probe itself', () => {
  it('sees a main thread that computes for 150 ms, however busy the machine is', async () => {
    const probe = lagProbe()
    await new Promise((r) => setTimeout(r, 30))
    const until = process.cpuUsage().user + 150_000
    while (process.cpuUsage().user < until) {
      // busy, as a synchronous ffmpeg call or a big JSON.parse would be
    }
    await new Promise((r) => setTimeout(r, 30))
    probe.stop()
    expect(probe.own().maxCpu).toBeGreaterThanOrEqual(120)
  })

  it('sees a main thread blocked 150 ms in a synchronous wait (as a busy SQLite lock would)', async () => {
    const probe = lagProbe()
    await new Promise((r) => setTimeout(r, 30))
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150)
    await new Promise((r) => setTimeout(r, 30))
    probe.stop()
    expect(probe.own().max).toBeGreaterThanOrEqual(130)
  })
})
