// The render stack for tests and benchmarks: the LibTV simulator on loopback, the real app
// (in-process, real HTTP) and the real render worker thread on the app's temp database.

import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { Worker } from 'node:worker_threads'
import { and, asc, eq } from 'drizzle-orm'
import { renderJobs, usageRecords, users, videoShots, videos } from '../../db/schema.js'
import { type AspectRatio, isVideoFinished, type JobState, type ShotStatus, type VideoStatus } from '../../db/states.js'
import { saveProductImage } from '../../src/briefs/images.js'
import { saveScreenplayVersion } from '../../src/briefs/screenplays.js'
import { createBrief } from '../../src/briefs/service.js'
import { IMG2VIDEO_PATH, STATUS_PATH } from '../../src/libtv/api.js'
import { LIBTV_DEV_ACCESS_KEY, LIBTV_DEV_SECRET_KEY } from '../../src/libtv/config.js'
import {
  type FaultsPatch,
  type LibtvSimulator,
  type SimulatorMetrics,
  type SimulatorOptions,
  startLibtvSimulator,
} from '../../src/libtv/simulator/index.js'
import { type RenderWorker, startRenderWorker } from '../../src/render/worker-host.js'
import type { RenderWorkerData } from '../../src/render/worker-thread.js'
import { type BriefInput, briefSchema } from '../../src/screenplay/brief.js'
import { writeScreenplay } from '../../src/screenplay/engine.js'
import type { SavedScreenplay } from '../../src/screenplay/saved.js'
import { videoPaths as videoPathsFor } from '../../src/storage.js'
import { decodeHtml } from '../briefs/helpers.js'
import { signUpUser } from './accounts.js'
import { startTestApp, type TestApp } from './app.js'
import * as img from './images.js'

export const FFMPEG = '/usr/bin/ffmpeg'
export const FFPROBE = '/usr/bin/ffprobe'

/** Small output sizes so a stitch takes a second or two. */
export const STITCH_SIZE: Record<AspectRatio, { width: number; height: number }> = {
  '9:16': { width: 360, height: 640 },
  '16:9': { width: 640, height: 360 },
  '1:1': { width: 480, height: 480 },
  '3:4': { width: 360, height: 480 },
  '4:5': { width: 360, height: 450 },
}

/** Shared by every test file and run: the simulator renders a given (image, move, duration) once. */
export const SIM_CACHE_DIR = path.join(os.tmpdir(), 'lumina-render-test-sim-cache')

/** Short LibTV state latencies: a shot takes about a second at the simulator. */
export const FAST_LATENCY = { queued: 150, running: 500, generated: 100, moderating: 100 }

export type WorkerLog = { event: string; fields: Record<string, unknown> }

export type RenderStack = {
  app: TestApp
  sim: LibtvSimulator
  worker: () => RenderWorker
  workerRunning: () => boolean
  /** Every log line the render worker sent to the main thread. */
  workerLogs: WorkerLog[]
  workerErrors: unknown[]
  workerData: RenderWorkerData
  /** Stops the worker (graceful: it releases its leases) and starts a fresh one on the same database. */
  restartWorker(patch?: Partial<RenderWorkerData>): Promise<void>
  /** Stops the worker gracefully and leaves it stopped. */
  stopWorker(): Promise<void>
  close(): Promise<void>
}

export type RenderStackOptions = {
  sim?: SimulatorOptions
  /** Use a simulator started elsewhere (e.g. startThreadSimulator) instead of one in this thread. */
  simBaseUrl?: string
  worker?: Partial<RenderWorkerData>
  env?: Record<string, string>
  /** Start without a worker (submit-only tests). */
  noWorker?: boolean
  /** Run the outbox loop, so mail reaches /dev/mail (browser sign-ups confirm through it). */
  deliverMail?: boolean
}

export function simulatorOptions(options: SimulatorOptions = {}): SimulatorOptions {
  return {
    submitIntervalMs: 0,
    ...options,
    faults: { ...options.faults, latency: { ...FAST_LATENCY, ...options.faults?.latency } },
    render: { ffmpegPath: FFMPEG, shortSide: 240, fps: 24, cacheDir: SIM_CACHE_DIR, concurrency: 2, ...options.render },
  }
}

export async function startRenderStack(options: RenderStackOptions = {}): Promise<RenderStack> {
  const local = options.simBaseUrl ? undefined : await startLibtvSimulator(simulatorOptions(options.sim))
  const simBaseUrl = options.simBaseUrl ?? local!.baseUrl
  let worker: RenderWorker | undefined
  const app = await startTestApp(
    options.env ?? {},
    undefined,
    {
      libtvBaseUrl: simBaseUrl,
      simulatedRenders: true,
      nudgeRenderer: () => worker?.nudge(),
    },
    { deliverMail: options.deliverMail ?? false },
  )
  const workerLogs: WorkerLog[] = []
  const workerErrors: unknown[] = []
  const logger = {
    info: (fields: Record<string, unknown>, event: string) => void workerLogs.push({ event, fields }),
    error: (fields: Record<string, unknown>, event: string) => void workerErrors.push({ event, fields }),
  }
  const workerData: RenderWorkerData = {
    databasePath: app.deps.config.databasePath,
    dataDir: app.dataDir,
    libtv: {
      accessKey: LIBTV_DEV_ACCESS_KEY,
      secretKey: LIBTV_DEV_SECRET_KEY,
      baseUrl: simBaseUrl,
      model: 'kling-v2-1',
      mode: 'std',
      // 0 would be ignored by the worker (it falls back to 1000 ms); 20 ms keeps submits quick.
      submitIntervalMs: 20,
    },
    imageDelivery: { kind: 'signed', origin: app.url, secret: app.deps.runtime.urlSigningSecret },
    ffmpegPath: FFMPEG,
    ffprobePath: FFPROBE,
    concurrency: 4,
    pollIntervalMs: 200,
    idlePollMs: 300,
    stitchSize: STITCH_SIZE,
    // "Email me when it's ready" mails link to this app.
    mail: { productName: 'Lumina.AI', contactEmail: 'help@example.com', baseUrl: app.url },
    ...options.worker,
  }
  const start = async (data: RenderWorkerData) => {
    worker = await startRenderWorker(data, logger as never)
  }
  if (!options.noWorker) await start(workerData)
  let closed = false
  return {
    app,
    get sim(): LibtvSimulator {
      if (!local) throw new Error('this stack uses an external simulator')
      return local
    },
    worker: () => {
      if (!worker) throw new Error('no render worker')
      return worker
    },
    workerRunning: () => worker !== undefined,
    workerLogs,
    workerErrors,
    workerData,
    async restartWorker(patch = {}) {
      await worker?.stop()
      worker = undefined
      await start({ ...workerData, ...patch })
    },
    async stopWorker() {
      const w = worker
      worker = undefined
      await w?.stop()
    },
    async close() {
      if (closed) return
      closed = true
      await worker?.stop()
      worker = undefined
      await local?.close()
      await app.close()
    },
  }
}

export type SimRequestRow = {
  at: number
  method: string
  path: string
  prompt?: string
  task?: string
  createdTask?: string
}
export type ThreadSimulator = {
  baseUrl: string
  setFaults(patch: FaultsPatch): void
  requests(): Promise<{ rows: SimRequestRow[]; metrics: SimulatorMetrics }>
  close(): Promise<void>
}

/** The simulator in a worker thread of its own (test/render/sim-thread.mjs), off the main event loop. */
export async function startThreadSimulator(options: SimulatorOptions = {}): Promise<ThreadSimulator> {
  const { now: _now, ...cloneable } = simulatorOptions(options)
  const thread = new Worker(new URL('../render/sim-thread.mjs', import.meta.url), { workerData: cloneable })
  const baseUrl = await new Promise<string>((resolve, reject) => {
    thread.once('error', reject)
    thread.once('message', (m: { baseUrl: string }) => resolve(m.baseUrl))
  })
  let next = 0
  return {
    baseUrl,
    setFaults: (patch) => thread.postMessage({ type: 'setFaults', patch }),
    requests: () =>
      new Promise((resolve) => {
        const id = ++next
        const listener = (m: { type: string; id: number; rows: SimRequestRow[]; metrics: SimulatorMetrics }) => {
          if (m.type !== 'requests' || m.id !== id) return
          thread.off('message', listener)
          resolve({ rows: m.rows, metrics: m.metrics })
        }
        thread.on('message', listener)
        thread.postMessage({ type: 'requests', id })
      }),
    async close() {
      const closed = new Promise<void>((resolve) =>
        thread.on('message', (m: { type: string }) => m.type === 'closed' && resolve()),
      )
      thread.postMessage({ type: 'close' })
      await closed
      await thread.terminate()
    },
  }
}

// ---- accounts, projects and screenplays, set up through the services (fast) -------------

export async function newRenderUser(app: TestApp, plan?: 'free' | 'creator' | 'studio') {
  const user = await signUpUser(app)
  const row = app.db.select().from(users).where(eq(users.email, user.email)).get()!
  if (plan) app.db.update(users).set({ plan }).where(eq(users.id, row.id)).run()
  return { ...user, id: row.id }
}
export type RenderUser = Awaited<ReturnType<typeof newRenderUser>>

export function briefInput(overrides: Partial<BriefInput> = {}): BriefInput {
  return {
    productName: 'Aura X2 Headphones',
    description: 'Wireless over-ear headphones with adaptive noise cancelling and a brushed aluminium frame.',
    sellingPoints: ['40-hour battery life', 'Adaptive noise cancelling', 'Folds flat'],
    audience: 'Commuters and frequent flyers',
    tone: 'premium',
    template: 'hero-reveal',
    aspectRatio: '9:16',
    lengthSeconds: 15,
    language: 'en',
    callToAction: 'Shop now',
    brandColor: '#6A4CFF',
    ...overrides,
  } as BriefInput
}

let photo: Promise<Buffer> | undefined
/** One product photo for every project (the simulator's cache is keyed by the image). */
export function productPhoto(): Promise<Buffer> {
  photo ??= img.jpeg(640, 480)
  return photo
}

/** A brief with a photo and a saved screenplay; `shape` may rewrite the screenplay before saving. */
export async function makeBrief(
  app: TestApp,
  userId: string,
  overrides: Partial<BriefInput> = {},
  shape?: (s: SavedScreenplay) => SavedScreenplay,
) {
  const image = await saveProductImage(app.db, app.dataDir, userId, await productPhoto())
  const brief = briefSchema.parse(briefInput(overrides))
  const project = createBrief(app.db, userId, brief, image.id)
  let screenplay: SavedScreenplay = writeScreenplay(brief, 0)
  if (shape) screenplay = shape(screenplay)
  const saved = saveScreenplayVersion(app.db, userId, project.id, screenplay)
  return { briefId: project.id, imageId: image.id, screenplayId: saved.id, screenplay: saved.screenplay }
}

/** Rewrites a screenplay to `count` shots of 5 s each, every prompt distinct (for counting submits). */
export function fiveSecondShots(count: number) {
  return (s: SavedScreenplay): SavedScreenplay => {
    const shots = Array.from({ length: count }, (_, i) => {
      const base = s.shots[i % s.shots.length]!
      return { ...base, index: i + 1, durationSeconds: 5 as const, prompt: `${base.prompt} Take ${i + 1}.` }
    })
    return { ...s, shots, lengthSeconds: count * 5 }
  }
}

// ---- driving and watching renders --------------------------------------------------------

type Client = {
  send(path: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Response>
  origin: string
}

/** What the Render button does: a form POST with the page's Origin. */
export function postRender(client: Client, screenplayId: string): Promise<Response> {
  return client.send('/videos', {
    method: 'POST',
    body: new URLSearchParams({ screenplayId }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: client.origin },
  })
}

/** Submits and returns the new video's id from the 303. */
export async function submitOverHttp(client: Client, screenplayId: string): Promise<string> {
  const res = await postRender(client, screenplayId)
  const id = /^\/videos\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1]
  if (res.status !== 303 || !id)
    throw new Error(`render submit answered ${res.status} ${res.headers.get('location')}: ${await res.text()}`)
  return id
}

export type CancelForm = { action: string; text: string; confirm: string; fields: Record<string, string> }

/** The video page's Cancel form as a person sees it: the sentence with the button, the confirm question, its fields. */
export async function readCancelForm(client: Client & { get(path: string): Promise<Response> }, videoId: string) {
  const html = await (await client.get(`/videos/${videoId}`)).text()
  const form = new RegExp(`<form[^>]*action="/videos/${videoId}/cancel"[^>]*>[\\s\\S]*?</form>`).exec(html)?.[0]
  if (!form) return undefined
  const fields: Record<string, string> = {}
  for (const m of form.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1]
    if (name) fields[name] = decodeHtml(/value="([^"]*)"/.exec(m[0])?.[1] ?? '')
  }
  return {
    action: `/videos/${videoId}/cancel`,
    text: decodeHtml(form.replace(/<[^>]+>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim(),
    confirm: decodeHtml(/hx-confirm="([^"]*)"/.exec(form)?.[1] ?? ''),
    fields,
  } satisfies CancelForm
}

/** Presses the Cancel button the page shows (and confirms); throws if the page has none. */
export async function cancelOverHttp(
  client: Client & {
    get(path: string): Promise<Response>
    postForm(path: string, f: Record<string, string>): Promise<Response>
  },
  videoId: string,
): Promise<Response> {
  const form = await readCancelForm(client, videoId)
  if (!form) throw new Error(`the page of video ${videoId} has no Cancel form`)
  return client.postForm(form.action, form.fields)
}

export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 60_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await probe()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}

type DbOwner = { db: TestApp['db'] }

export function videoRow(app: DbOwner, videoId: string) {
  return app.db.select().from(videos).where(eq(videos.id, videoId)).get()
}
export function shotRows(app: DbOwner, videoId: string) {
  return app.db.select().from(videoShots).where(eq(videoShots.videoId, videoId)).orderBy(asc(videoShots.position)).all()
}
export function jobRow(app: DbOwner, videoId: string) {
  return app.db.select().from(renderJobs).where(eq(renderJobs.videoId, videoId)).get()
}
export function usageRows(app: DbOwner, userId: string, videoId?: string) {
  return app.db
    .select()
    .from(usageRecords)
    .where(
      videoId
        ? and(eq(usageRecords.userId, userId), eq(usageRecords.videoId, videoId))
        : eq(usageRecords.userId, userId),
    )
    .all()
}

const FINISHED = new Set(['done', 'failed', 'canceled'])

/** Waits until the video is done, failed or canceled, and returns its row. */
export function waitForFinish(app: DbOwner, videoId: string, timeoutMs = 60_000) {
  return waitFor(
    `video ${videoId} to finish`,
    () => {
      const v = videoRow(app, videoId)
      return v && FINISHED.has(v.status) ? v : undefined
    },
    timeoutMs,
    100,
  )
}

/** The status polls the simulator received for these task ids. */
export function statusCallsFor(sim: LibtvSimulator, taskIds: readonly string[]) {
  const wanted = new Set(taskIds)
  return sim.requests.filter(
    (r) => r.path === STATUS_PATH && wanted.has(String((r.body as { generateUuid?: unknown } | null)?.generateUuid)),
  )
}

/** How many submit requests reached the simulator per prompt. */
export function submitsByPrompt(sim: LibtvSimulator): Map<string, number> {
  const counts = new Map<string, number>()
  for (const r of sim.requests) {
    const prompt = (r.body as { generateParams?: { prompt?: unknown } } | null)?.generateParams?.prompt
    if (r.path !== IMG2VIDEO_PATH || typeof prompt !== 'string') continue
    counts.set(prompt, (counts.get(prompt) ?? 0) + 1)
  }
  return counts
}

export type MediaProbe = {
  codec: string
  width: number
  height: number
  duration: number
  formatName: string
  audioCodec: string | null
}

export async function probeMedia(file: string): Promise<MediaProbe> {
  const { stdout } = await promisify(execFile)(FFPROBE, [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name,width,height:format=duration,format_name',
    '-of',
    'json',
    file,
  ])
  const j = JSON.parse(stdout) as {
    streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number }>
    format: { duration: string; format_name: string }
  }
  const v = j.streams.find((s) => s.codec_type === 'video')
  if (!v) throw new Error(`${file} has no video stream`)
  return {
    codec: v.codec_name,
    width: Number(v.width),
    height: Number(v.height),
    duration: Number(j.format.duration),
    formatName: j.format.format_name,
    audioCodec: j.streams.find((s) => s.codec_type === 'audio')?.codec_name ?? null,
  }
}

export function isJpeg(bytes: Uint8Array): boolean {
  return (
    bytes.length > 4 &&
    bytes[0] === 0xff &&
    bytes[1] === 0xd8 &&
    bytes[2] === 0xff &&
    bytes[bytes.length - 2] === 0xff &&
    bytes[bytes.length - 1] === 0xd9
  )
}

export function fileExists(p: string): boolean {
  try {
    return fs.statSync(p).size > 0
  } catch {
    return false
  }
}

/** Records unhandled rejections for the duration of a test file. */
export function watchUnhandled() {
  const seen: unknown[] = []
  const listener = (reason: unknown) => void seen.push(reason)
  process.on('unhandledRejection', listener)
  return { seen, stop: () => void process.off('unhandledRejection', listener) }
}

// ---- videos made without rendering (library, ownership) ---------------------------------

export type FakeVideo = {
  status?: VideoStatus
  createdAt?: number
  title?: string
  lengthSeconds?: number
  aspectRatio?: AspectRatio
  shots?: number
  files?: boolean
  /** Also its clips, as a process that died before cleaning up would leave them (the worker removes them). */
  clips?: boolean
}

/**
 * Inserts a video with its shots, job and usage record straight into the database, and (for a
 * done one, unless files is false) small stand-in files where the worker would have put them: the
 * MP4 and the poster, and the clips only when asked.
 */
export function insertVideo(
  app: TestApp,
  userId: string,
  project: { briefId: string; screenplayId: string; imageId: string },
  spec: FakeVideo = {},
) {
  const id = crypto.randomUUID()
  const now = spec.createdAt ?? Date.now()
  const status = spec.status ?? 'done'
  const done = status === 'done'
  const shots = spec.shots ?? 3
  const paths = videoPathsFor(app.dataDir, userId, id)
  app.db.transaction((tx) => {
    tx.insert(videos)
      .values({
        id,
        userId,
        briefId: project.briefId,
        screenplayId: project.screenplayId,
        imageId: project.imageId,
        title: spec.title ?? 'Aura X2 Headphones',
        aspectRatio: spec.aspectRatio ?? '9:16',
        lengthSeconds: spec.lengthSeconds ?? shots * 5,
        status,
        failureReason: status === 'failed' ? 'Shot 2 could not be rendered: the video service refused it.' : null,
        stitchProgress: done ? 100 : 0,
        outputBytes: done ? 64 : null,
        createdAt: now,
        updatedAt: now,
        finishedAt: isVideoFinished(status) ? now + 1000 : null,
      })
      .run()
    tx.insert(videoShots)
      .values(
        Array.from({ length: shots }, (_, i) => ({
          id: crypto.randomUUID(),
          videoId: id,
          position: i + 1,
          prompt: `prompt ${i + 1}`,
          caption: `Caption ${i + 1}`,
          durationSeconds: 5,
          camera: 'push_in',
          transition: 'cut',
          status: (done
            ? 'done'
            : status === 'rendering'
              ? 'running'
              : status === 'queued'
                ? 'queued'
                : 'canceled') as ShotStatus,
          taskId: done ? crypto.randomUUID().replaceAll('-', '') : null,
          updatedAt: now,
        })),
      )
      .run()
    tx.insert(renderJobs)
      .values({
        id: crypto.randomUUID(),
        videoId: id,
        state: (done ? 'done' : status === 'rendering' || status === 'stitching' ? 'running' : status) as JobState,
        createdAt: now,
        updatedAt: now,
      })
      .run()
    tx.insert(usageRecords)
      .values({
        id: crypto.randomUUID(),
        userId,
        videoId: id,
        shots,
        seconds: shots * 5,
        model: 'kling-v2-1',
        createdAt: now,
        voidedAt: done || status === 'rendering' || status === 'queued' ? null : now,
      })
      .run()
  })
  if (done && spec.files !== false) {
    fs.mkdirSync(paths.dir, { recursive: true })
    fs.writeFileSync(paths.video, Buffer.alloc(64, 7))
    fs.writeFileSync(paths.poster, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0xff, 0xd9]))
  }
  if (spec.clips) {
    fs.mkdirSync(path.dirname(paths.clip(1)), { recursive: true })
    for (let i = 1; i <= shots; i++) fs.writeFileSync(paths.clip(i), Buffer.alloc(32, i))
  }
  return { id, paths }
}
