// The render worker's events reach /metrics: real renders through the worker thread and the LibTV
// simulator, with the metrics fed as src/main.ts feeds them (startRenderWorker's onEvent).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_FAULTS } from '../src/libtv/simulator/faults.js'
import { type AppMetrics, createMetrics } from '../src/ops/metrics.js'
import { type RenderWorker, startRenderWorker } from '../src/render/worker-host.js'
import {
  FAST_LATENCY,
  makeBrief,
  newRenderUser,
  type RenderStack,
  type RenderUser,
  shotRows,
  startRenderStack,
  submitOverHttp,
  videoRow,
  waitForFinish,
} from './support/render.js'

let stack: RenderStack
let worker: RenderWorker
let metrics: AppMetrics
let alice: RenderUser
const events: { event: string; fields: Record<string, unknown> }[] = []

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? 0 : Number(line.slice(series.length + 1))
}

async function render(productName: string) {
  const brief = await makeBrief(stack.app, alice.id, { lengthSeconds: 15, productName })
  const videoId = await submitOverHttp(alice.client, brief.screenplayId)
  await waitForFinish(stack.app, videoId, 60_000)
  return videoId
}

beforeAll(async () => {
  stack = await startRenderStack({ noWorker: true })
  metrics = createMetrics({ db: stack.app.db, dataDir: stack.app.dataDir })
  const logger = {
    info: (fields: Record<string, unknown>, event: string) => void events.push({ event, fields }),
    error: () => {},
  }
  worker = await startRenderWorker(stack.workerData, logger as never, metrics.renderEvent)
  alice = await newRenderUser(stack.app, 'creator')
}, 60_000)
afterAll(async () => {
  await worker?.stop()
  await stack?.close()
})

describe('render metrics from the worker', () => {
  it('time every shot and the whole render of a video that succeeds', async () => {
    const videoId = await render('Aura Lamp')
    expect(videoRow(stack.app, videoId)!.status).toBe('done')
    const shots = shotRows(stack.app, videoId).length
    const text = await metrics.registry.metrics()
    expect(sample(text, 'lumina_shot_duration_seconds_count')).toBe(shots)
    expect(sample(text, 'lumina_shot_duration_seconds_sum')).toBeGreaterThan(0)
    expect(sample(text, 'lumina_render_duration_seconds_count{outcome="done"}')).toBe(1)
    // The log lines behind them carry ids and numbers only.
    const shotDone = events.filter((e) => e.event === 'shot done')
    expect(shotDone).toHaveLength(shots)
    for (const e of shotDone) expect(Object.keys(e.fields).sort()).toEqual(['ms', 'position', 'videoId', 'worker'])
  }, 90_000)

  it('count LibTV errors by code: a clip moderation blocked, a prompt refused at submit', async () => {
    stack.sim.setFaults({ ...DEFAULT_FAULTS, latency: FAST_LATENCY, nextTaskOutcomes: [{ type: 'blocked' }] })
    const blocked = await render('Blocked Lamp')
    stack.sim.setFaults({
      ...DEFAULT_FAULTS,
      latency: FAST_LATENCY,
      next: { submit: [{ type: 'code', code: 100052 }] },
    })
    const refused = await render('Refused Lamp')
    for (const id of [blocked, refused]) expect(videoRow(stack.app, id)!.status).toBe('failed')

    const text = await metrics.registry.metrics()
    expect(sample(text, 'lumina_libtv_errors_total{code="100055",kind="failed"}')).toBe(1)
    expect(sample(text, 'lumina_libtv_errors_total{code="100052",kind="content"}')).toBe(1)
    expect(sample(text, 'lumina_render_duration_seconds_count{outcome="failed"}')).toBe(2)
    expect(text).not.toContain(blocked)
    expect(text).not.toContain('Lamp')
  }, 120_000)
})
