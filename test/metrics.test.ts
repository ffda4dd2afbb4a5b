import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailOutbox, renderJobs, videos } from '../db/schema.js'
import { ensureSigningKey } from '../src/ops/manifest-signing.js'
import { createMetrics } from '../src/ops/metrics.js'
import { takeSnapshot } from '../src/ops/snapshots.js'
import { submitRender } from '../src/render/submit.js'
import { startTestApp, type TestApp } from './support/app.js'
import { makeBrief, newRenderUser } from './support/render.js'

// GET /metrics: hidden without METRICS_TOKEN, 401 without the right bearer token, and with it the
// Prometheus text of every family, with values that follow what happens in the app.

const TOKEN = 'metrics-token-for-the-test-0123456789'
const FAMILIES = [
  'lumina_http_requests_total',
  'lumina_http_request_duration_seconds',
  'lumina_render_queue_jobs',
  'lumina_render_queue_oldest_age_seconds',
  'lumina_render_duration_seconds',
  'lumina_shot_duration_seconds',
  'lumina_libtv_errors_total',
  'lumina_libtv_retries_total',
  'lumina_mail_outbox_messages',
  'lumina_backup_newest_age_seconds',
  'lumina_disk_free_bytes',
  'lumina_unconfirmed_accounts_deleted_total',
  'lumina_music_fallbacks_total',
]

/** The value of one sample line, e.g. `lumina_render_queue_jobs{state="queued"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  if (line === undefined) return undefined
  const value = line.slice(series.length + 1)
  return value === '+Inf' ? Number.POSITIVE_INFINITY : Number(value)
}

describe('/metrics without METRICS_TOKEN', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp()
  })
  afterAll(() => app.close())

  it('is a 404 like any unknown path, whatever is sent', async () => {
    const unknown = await fetch(`${app.url}/no-such-page-here`)
    const unknownBody = await unknown.text()
    for (const headers of [{}, { authorization: `Bearer ${TOKEN}` }] as Record<string, string>[]) {
      const res = await fetch(`${app.url}/metrics`, { headers })
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toBe(unknown.headers.get('content-type'))
      expect(await res.text()).toBe(unknownBody.replaceAll('/no-such-page-here', '/metrics'))
    }
  })
})

describe('/metrics with METRICS_TOKEN', () => {
  let app: TestApp
  let diskFree = 5_000_000_000
  const scrape = async () => {
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(res.status).toBe(200)
    return res.text()
  }

  beforeAll(async () => {
    app = await startTestApp({ METRICS_TOKEN: TOKEN }, undefined, { freeDiskBytes: async () => diskFree })
  })
  afterAll(() => app.close())

  it('asks for the token: none or a wrong one is 401, and shows nothing', async () => {
    for (const authorization of [
      undefined,
      'Bearer wrong',
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      TOKEN,
    ]) {
      const res = await fetch(`${app.url}/metrics`, { headers: authorization ? { authorization } : {} })
      expect(res.status).toBe(401)
      expect(res.headers.get('www-authenticate')).toContain('Bearer')
      expect(await res.text()).not.toContain('lumina_')
    }
  })

  it('gives every family in the Prometheus text format to the right token', async () => {
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8')
    expect(res.headers.get('cache-control')).toBe('no-store')
    const text = await res.text()
    for (const family of FAMILIES) expect(text).toContain(`# TYPE ${family} `)
  })

  it('counts requests by route pattern and status, never by the URL with its ids', async () => {
    const before = await scrape()
    const series = 'lumina_http_requests_total{method="GET",route="/healthz",status="200"}'
    for (let i = 0; i < 3; i++) expect((await fetch(`${app.url}/healthz`)).status).toBe(200)
    const { apiKey } = await newRenderUser(app)
    const videoId = randomUUID()
    const res = await fetch(`${app.url}/api/v1/videos/${videoId}`, { headers: { authorization: `Bearer ${apiKey}` } })
    expect(res.status).toBe(404)
    await fetch(`${app.url}/no-such-page-${videoId}`)

    // The landing page for a visitor without cookies is answered before the app: still counted.
    const landing = 'lumina_http_requests_total{method="GET",route="/",status="200"}'
    for (let i = 0; i < 2; i++) expect((await fetch(`${app.url}/`)).status).toBe(200)

    const after = await scrape()
    expect((sample(after, series) ?? 0) - (sample(before, series) ?? 0)).toBe(3)
    expect((sample(after, landing) ?? 0) - (sample(before, landing) ?? 0)).toBe(2)
    expect(sample(after, 'lumina_http_requests_total{method="GET",route="/api/v1/videos/:id",status="404"}')).toBe(1)
    expect(sample(after, 'lumina_http_requests_total{method="GET",route="unmatched",status="404"}')).toBeGreaterThan(0)
    expect(
      sample(after, 'lumina_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}'),
    ).toBe(sample(after, series))
    expect(after).not.toContain(videoId)
  })

  it('follows the render queue, the outbox, the backups and the disk', async () => {
    const before = await scrape()
    expect(sample(before, 'lumina_render_queue_jobs{state="queued"}')).toBe(0)
    expect(sample(before, 'lumina_render_queue_oldest_age_seconds')).toBe(0)
    // The earlier tests' sign-ups queued confirmation mails (no mail loop runs here): count from them.
    const waiting = app.db.select().from(mailOutbox).all().length
    expect(sample(before, 'lumina_mail_outbox_messages')).toBe(waiting)
    expect(sample(before, 'lumina_backup_newest_age_seconds')).toBe(Number.POSITIVE_INFINITY)
    expect(sample(before, 'lumina_disk_free_bytes')).toBe(5_000_000_000)

    const user = await newRenderUser(app, 'studio')
    const brief = await makeBrief(app, user.id)
    const video = submitRender(app.db, user.id, brief.screenplayId, 'kling-v2-1')
    // The job has waited two minutes.
    app.db
      .update(renderJobs)
      .set({ createdAt: Date.now() - 120_000 })
      .where(eq(renderJobs.videoId, video.id))
      .run()
    submitRender(app.db, user.id, brief.screenplayId, 'kling-v2-1')
    app.db
      .insert(mailOutbox)
      .values({
        id: randomUUID(),
        userId: user.id,
        kind: 'test',
        toAddress: user.email,
        subject: 's',
        text: 't',
        html: 'h',
        nextAttemptAt: Date.now(),
        createdAt: Date.now(),
      })
      .run()
    await takeSnapshot(app.db, {
      dataDir: app.dataDir,
      signingKey: ensureSigningKey(app.dataDir, undefined).key,
      backupDir: app.deps.config.backups.dir,
      now: Date.now() - 3_600_000,
    })
    diskFree = 1_234_567

    const after = await scrape()
    expect(sample(after, 'lumina_render_queue_jobs{state="queued"}')).toBe(2)
    expect(sample(after, 'lumina_render_queue_jobs{state="running"}')).toBe(0)
    const age = sample(after, 'lumina_render_queue_oldest_age_seconds')!
    expect(age).toBeGreaterThanOrEqual(120)
    expect(age).toBeLessThan(180)
    // One more: the confirmation mail of the user made above, and the one inserted.
    expect(sample(after, 'lumina_mail_outbox_messages')).toBe(waiting + 2)
    const backupAge = sample(after, 'lumina_backup_newest_age_seconds')!
    expect(backupAge).toBeGreaterThanOrEqual(3600)
    expect(backupAge).toBeLessThan(3700)
    expect(sample(after, 'lumina_disk_free_bytes')).toBe(1_234_567)
    // Nothing personal in any label.
    expect(after).not.toContain(user.email)
    expect(after).not.toContain(user.id)
  })
})

describe('render worker events', () => {
  let app: TestApp
  beforeAll(async () => {
    app = await startTestApp()
  })
  afterAll(() => app.close())

  it('time shots and renders and count LibTV errors by code', async () => {
    const metrics = createMetrics({ db: app.db, dataDir: app.dataDir, freeDiskBytes: async () => 1 })
    const user = await newRenderUser(app, 'studio')
    const brief = await makeBrief(app, user.id)
    const video = submitRender(app.db, user.id, brief.screenplayId, 'kling-v2-1')
    const createdAt = app.db.select().from(videos).where(eq(videos.id, video.id)).get()!.createdAt
    app.db
      .update(videos)
      .set({ status: 'done', finishedAt: createdAt + 200_000 })
      .where(eq(videos.id, video.id))
      .run()

    metrics.renderEvent('shot done', { videoId: video.id, position: 1, ms: 45_000 })
    metrics.renderEvent('shot done', { videoId: video.id, position: 2, ms: 75_000 })
    metrics.renderEvent('shot failed', { videoId: video.id, position: 3, libtvCode: 100055, kind: 'failed' })
    metrics.renderEvent('shot failed', { videoId: video.id, position: 3, libtvCode: null, kind: 'timed_out' })
    metrics.renderEvent('libtv retry', { op: 'status', attempt: 1, delayMs: 12, kind: 'unavailable', code: 503 })
    metrics.renderEvent('libtv retry', { op: 'status', attempt: 2, delayMs: 40, kind: 'unavailable', code: null })
    metrics.renderEvent('libtv retry', { op: 'upload', attempt: 1, delayMs: 9, kind: 'protocol', code: 200 })
    metrics.renderEvent('shot rendered again', { videoId: video.id, position: 2, libtvCode: null, kind: 'timed_out' })
    metrics.renderEvent('music fallback', { videoId: video.id, error: 'MusicToolError' })
    metrics.renderEvent('video done', { videoId: video.id })
    metrics.renderEvent('job claimed', { videoId: video.id })

    const text = await metrics.registry.metrics()
    expect(sample(text, 'lumina_shot_duration_seconds_count')).toBe(2)
    expect(sample(text, 'lumina_shot_duration_seconds_sum')).toBe(120)
    expect(sample(text, 'lumina_shot_duration_seconds_bucket{le="60"}')).toBe(1)
    expect(sample(text, 'lumina_libtv_errors_total{code="100055",kind="failed"}')).toBe(1)
    expect(sample(text, 'lumina_libtv_errors_total{code="none",kind="timed_out"}')).toBe(1)
    expect(sample(text, 'lumina_music_fallbacks_total')).toBe(1)
    expect(sample(text, 'lumina_libtv_retries_total{op="status",kind="unavailable"}')).toBe(2)
    expect(sample(text, 'lumina_libtv_retries_total{op="upload",kind="protocol"}')).toBe(1)
    expect(sample(text, 'lumina_libtv_retries_total{op="new task",kind="timed_out"}')).toBe(1)
    expect(sample(text, 'lumina_render_duration_seconds_count{outcome="done"}')).toBe(1)
    expect(sample(text, 'lumina_render_duration_seconds_sum{outcome="done"}')).toBe(200)
    expect(text).not.toContain(video.id)
  })
})

// Issue 19 (low): wrong tokens at /metrics were never limited, so an operator's token (16
// characters at least, chosen by hand) could be guessed at full speed.
describe('/metrics limits wrong tokens per client address', () => {
  let app: TestApp
  beforeAll(async () => {
    // Fly-Client-IP tells the addresses apart, as on Fly.
    app = await startTestApp({ METRICS_TOKEN: TOKEN, TRUST_PROXY: 'fly' })
  })
  afterAll(() => app.close())
  const scrape = (authorization: string | undefined, address: string) =>
    fetch(`${app.url}/metrics`, {
      headers: { 'fly-client-ip': address, ...(authorization ? { authorization } : {}) },
    })

  it('answers 429 with Retry-After after ten wrong tokens, then compares none from that address', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 12; i++)
      statuses.push((await scrape(`Bearer guess-${i}-0123456789abcdef`, '203.0.113.5')).status)
    expect(statuses).toEqual([...Array(10).fill(401), 429, 429])
    const refused = await scrape(undefined, '203.0.113.5')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(800)
    expect(await refused.text()).not.toContain('lumina_')
    // Past the limit even the right token is not compared: a guesser cannot tell it by a 200.
    expect((await scrape(`Bearer ${TOKEN}`, '203.0.113.5')).status).toBe(429)
    // Prometheus, from its own address, is not affected.
    expect((await scrape(`Bearer ${TOKEN}`, '198.51.100.20')).status).toBe(200)
  })
})
