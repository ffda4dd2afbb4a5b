import path from 'node:path'
import { count, eq, inArray, min } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import { mailOutbox, renderJobs, videos } from '../../db/schema.js'
import type { Db } from '../db.js'
import type { AppEnv } from '../http/env.js'
import { freeDiskBytes } from '../storage.js'
import { listSnapshots } from './snapshots.js'

/**
 * What GET /metrics exposes (Prometheus text format). Request counts and timings are counted as
 * requests end; the render worker's events arrive by message (src/render/worker-host.ts); the
 * queue, the outbox, the backups and the disk are read when Prometheus scrapes. Labels are route
 * patterns, states and LibTV codes, never a URL, an id or anything a person typed.
 */
export type AppMetrics = {
  registry: Registry
  /** Middleware counting and timing every request by method, route pattern and status. */
  countRequests: MiddlewareHandler<AppEnv>
  /** Counts a request answered before the app (a signed-out page served by the front door). */
  recordRequest: (method: string, route: string, status: number, seconds: number) => void
  /** An event the render worker logged ('shot done', 'shot failed', 'shot rendered again', 'libtv retry', 'video done', 'video failed', 'music fallback'). */
  renderEvent: (event: string, fields: Record<string, unknown>) => void
  /** Accounts the daily job deleted because their email was never confirmed (src/ops/unconfirmed-accounts.ts). */
  unconfirmedAccountsDeleted: (count: number) => void
}

export type MetricsOptions = {
  db: Db
  dataDir: string
  /** Where snapshots are (BACKUP_DIR); DATA_DIR/backups when unset. */
  backupDir?: string
  freeDiskBytes?: ((dir: string) => Promise<number>) | undefined
  now?: () => number
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
// Requests are mostly a few ms; uploads and stitch-heavy pages take longer.
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
// A shot takes LibTV one to several minutes; a render (queued to done) up to an hour when busy.
const SHOT_BUCKETS = [15, 30, 60, 120, 180, 300, 600, 900]
const RENDER_BUCKETS = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200]

export function createMetrics(options: MetricsOptions): AppMetrics {
  const { db, dataDir, now = Date.now } = options
  const backupDir = options.backupDir ?? path.join(dataDir, 'backups')
  const diskFree = options.freeDiskBytes ?? freeDiskBytes
  const registry = new Registry()
  const registers = [registry]

  const requests = new Counter({
    name: 'lumina_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  })
  const requestSeconds = new Histogram({
    name: 'lumina_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: REQUEST_BUCKETS,
    registers,
  })
  // One bound pair per (method, route, status): a Map lookup per request instead of prom-client
  // hashing a label object twice. Bounded: methods and statuses are few, patterns are the app's.
  const bound = new Map<string, { count: { inc(): void }; time: { observe(v: number): void } }>()

  const recordRequest = (method: string, route: string, status: number, seconds: number) => {
    const key = `${method} ${status} ${route}`
    let pair = bound.get(key)
    if (!pair) {
      const labels = { method, route, status: String(status) }
      pair = { count: requests.labels(labels), time: requestSeconds.labels(labels) }
      bound.set(key, pair)
    }
    pair.count.inc()
    pair.time.observe(seconds)
  }

  const countRequests: MiddlewareHandler<AppEnv> = async (c, next) => {
    const started = performance.now()
    await next()
    const method = METHODS.has(c.req.method) ? c.req.method : 'OTHER'
    const status = c.res.status
    let route = routePath(c)
    // Nothing handled it: the last middleware's pattern ('*') would say nothing useful.
    if (status === 404 && route.endsWith('*')) route = 'unmatched'
    recordRequest(method, route, status, (performance.now() - started) / 1000)
  }

  new Gauge({
    name: 'lumina_render_queue_jobs',
    help: 'Render jobs waiting (queued) or being rendered (running).',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const rows = db
        .select({ state: renderJobs.state, n: count() })
        .from(renderJobs)
        .where(inArray(renderJobs.state, ['queued', 'running']))
        .groupBy(renderJobs.state)
        .all()
      for (const state of ['queued', 'running'] as const)
        this.set({ state }, rows.find((r) => r.state === state)?.n ?? 0)
    },
  })
  new Gauge({
    name: 'lumina_render_queue_oldest_age_seconds',
    help: 'Age of the oldest queued render job (0 when none waits).',
    registers,
    collect() {
      const oldest = db
        .select({ at: min(renderJobs.createdAt) })
        .from(renderJobs)
        .where(eq(renderJobs.state, 'queued'))
        .get()?.at
      this.set(oldest == null ? 0 : Math.max(0, (now() - oldest) / 1000))
    },
  })
  const renderSeconds = new Histogram({
    name: 'lumina_render_duration_seconds',
    help: 'From submit to the video done or failed, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: RENDER_BUCKETS,
    registers,
  })
  const shotSeconds = new Histogram({
    name: 'lumina_shot_duration_seconds',
    help: 'From sending a shot to LibTV (or adopting it after a restart) to its clip on disk.',
    buckets: SHOT_BUCKETS,
    registers,
  })
  const libtvErrors = new Counter({
    name: 'lumina_libtv_errors_total',
    help: 'Shots LibTV failed, by LibTV error code ("none" when it gave none) and kind.',
    labelNames: ['code', 'kind'] as const,
    registers,
  })
  const libtvRetries = new Counter({
    name: 'lumina_libtv_retries_total',
    help: 'LibTV calls asked again after a transient fault, by call and error kind; "new task": a shot LibTV failed, submitted once more.',
    labelNames: ['op', 'kind'] as const,
    registers,
  })
  new Gauge({
    name: 'lumina_mail_outbox_messages',
    help: 'Mails waiting in the outbox (sent ones leave it).',
    registers,
    collect() {
      this.set(db.select({ n: count() }).from(mailOutbox).get()?.n ?? 0)
    },
  })
  new Gauge({
    name: 'lumina_backup_newest_age_seconds',
    help: 'Age of the newest snapshot in DATA_DIR/backups (+Inf when there is none).',
    registers,
    collect() {
      const newest = listSnapshots(backupDir)[0]
      this.set(newest ? Math.max(0, (now() - newest.time) / 1000) : Number.POSITIVE_INFINITY)
    },
  })
  new Gauge({
    name: 'lumina_disk_free_bytes',
    help: 'Bytes the app may still write on the data disk.',
    registers,
    async collect() {
      this.set(await diskFree(dataDir))
    },
  })

  const unconfirmedDeleted = new Counter({
    name: 'lumina_unconfirmed_accounts_deleted_total',
    help: 'Accounts deleted because their email was not confirmed within 7 days of sign-up.',
    registers,
  })
  // Created at zero, so the series exists (and rate() works) before the first deletion.
  unconfirmedDeleted.inc(0)

  const musicFallbacks = new Counter({
    name: 'lumina_music_fallbacks_total',
    help: 'Videos finished with the silent track because their music could not be made (fluidsynth or ffmpeg failed).',
    registers,
  })
  musicFallbacks.inc(0)

  const renderEvent = (event: string, fields: Record<string, unknown>) => {
    if (event === 'music fallback') musicFallbacks.inc()
    else if (event === 'shot done' && typeof fields.ms === 'number') shotSeconds.observe(fields.ms / 1000)
    else if (event === 'shot failed')
      libtvErrors.inc({ code: String(fields.libtvCode ?? 'none'), kind: String(fields.kind ?? 'unknown') })
    else if (event === 'libtv retry') libtvRetries.inc({ op: String(fields.op), kind: String(fields.kind) })
    else if (event === 'shot rendered again') libtvRetries.inc({ op: 'new task', kind: String(fields.kind) })
    else if ((event === 'video done' || event === 'video failed') && typeof fields.videoId === 'string') {
      const video = db
        .select({ createdAt: videos.createdAt, finishedAt: videos.finishedAt })
        .from(videos)
        .where(eq(videos.id, fields.videoId))
        .get()
      if (video?.finishedAt != null)
        renderSeconds.observe(
          { outcome: event === 'video done' ? 'done' : 'failed' },
          (video.finishedAt - video.createdAt) / 1000,
        )
    }
  }

  const unconfirmedAccountsDeleted = (count: number) => unconfirmedDeleted.inc(count)

  return { registry, countRequests, recordRequest, renderEvent, unconfirmedAccountsDeleted }
}
