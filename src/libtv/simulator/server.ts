import { randomUUID, timingSafeEqual } from 'node:crypto'
import { createReadStream, readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { IMG2VIDEO_PATH, MAX_IMAGE_BYTES, STATUS_PATH, UPLOAD_SIGNATURE_PATH } from '../api.js'
import { LIBTV_DEV_ACCESS_KEY, LIBTV_DEV_SECRET_KEY } from '../config.js'
import { signature } from '../signing.js'
import { type Endpoint, FaultPlan, type FaultsPatch, type SimulatorFaults } from './faults.js'
import {
  BodyTooLarge,
  describeBody,
  type RecordedRequest,
  readBody,
  sendEnvelope,
  sendError,
  sendFault,
  sendText,
} from './http-util.js'
import { SimBucket } from './oss.js'
import { ClipRenderer, DEFAULT_RENDER, type RenderSettings } from './render.js'
import { imageHashOf, type RetentionOptions, startRetention } from './retention.js'
import { fetchStartFrame } from './start-frame.js'
import { checkSubmit } from './submit-params.js'
import { isTerminalView, pointsFor, type SimTask, taskView } from './tasks.js'

export type SimulatorOptions = {
  /** 0 (default) picks a free port. */
  port?: number
  host?: string
  accessKey?: string
  secretKey?: string
  /** LibTV's limit of running tasks per account before 100054. Default 5. */
  maxConcurrentTasks?: number
  /** LibTV's minimum gap between submits before 429. Default 1000. */
  submitIntervalMs?: number
  /** How far a signed Timestamp may be from now (LibTV: 5 minutes). Default 5 minutes. */
  signatureWindowMs?: number
  faults?: FaultsPatch
  /** Seed of the PRNG behind fault `rates`. */
  seed?: number
  render?: Partial<RenderSettings>
  imageFetchTimeoutMs?: number
  initialBalance?: number
  now?: () => number
  /** What is kept, and for how long (retention.ts): LibTV's 7 days, and the operator's hook. */
  retention?: RetentionOptions
}

export type SimulatorMetrics = {
  /** Arrival time of every correctly signed submit (faulted and refused ones included). */
  submitArrivals: number[]
  rateLimited: number
  concurrencyRejected: number
  /** The most tasks in flight at once, as the simulator counted them at each accepted submit. */
  maxTasksInFlight: number
  tasksCreated: number
}

export type LibtvSimulator = {
  baseUrl: string
  accessKey: string
  secretKey: string
  /** Every request received, in order (live array). */
  requests: RecordedRequest[]
  metrics(): SimulatorMetrics
  setFaults(patch: FaultsPatch): void
  faults(): Readonly<SimulatorFaults>
  /** One retention sweep now (it also runs on a timer): how many files and tasks it removed. */
  sweep(): Promise<number>
  close(): Promise<void>
}

const JSON_LIMIT = 1024 * 1024

export async function startLibtvSimulator(options: SimulatorOptions = {}): Promise<LibtvSimulator> {
  const now = options.now ?? Date.now
  const accessKey = options.accessKey ?? LIBTV_DEV_ACCESS_KEY
  const secretKey = options.secretKey ?? LIBTV_DEV_SECRET_KEY
  const maxTasks = options.maxConcurrentTasks ?? 5
  const submitIntervalMs = options.submitIntervalMs ?? 1000
  const windowMs = options.signatureWindowMs ?? 5 * 60_000
  const faults = new FaultPlan(options.faults, options.seed ?? 1)
  const renderer = new ClipRenderer(options.render)
  const requests: RecordedRequest[] = []
  const tasks = new Map<string, SimTask>()
  const renders = new Set<Promise<unknown>>()
  const metrics: SimulatorMetrics = {
    submitArrivals: [],
    rateLimited: 0,
    concurrencyRejected: 0,
    maxTasksInFlight: 0,
    tasksCreated: 0,
  }
  let lastSubmitAt = Number.NEGATIVE_INFINITY
  let submitsInProgress = 0 // accepted by the limit checks, still fetching their image
  let baseUrl = ''
  let bucket: SimBucket

  const inFlight = (at: number) =>
    [...tasks.values()].filter((t) => !isTerminalView(taskView(t, at))).length + submitsInProgress

  // LibTV's signature check (docs/libtv.md#signing): AccessKey, Timestamp within the window,
  // Signature over path & timestamp & nonce.
  function signedCorrectly(path: string, q: URLSearchParams): boolean {
    const [ak, sig, ts, nonce] = ['AccessKey', 'Signature', 'Timestamp', 'SignatureNonce'].map((k) => q.get(k) ?? '')
    if (!ak || !sig || !/^\d{1,15}$/.test(ts!) || !nonce || !sameText(ak, accessKey)) return false
    if (Math.abs(now() - Number(ts)) > windowMs) return false
    return sameText(sig!, signature(path, ts!, nonce, secretKey))
  }

  /** `dropAnswer`: accept the task, then cut the connection instead of answering (fault 'lost-answer'). */
  async function submit(res: ServerResponse, record: RecordedRequest, dropAnswer?: () => void): Promise<void> {
    const body = record.body
    const at = now()
    if (at - lastSubmitAt < submitIntervalMs) {
      lastSubmitAt = at
      metrics.rateLimited++
      return sendError(res, 429, { retryAfterSeconds: Math.ceil(submitIntervalMs / 1000) })
    }
    lastSubmitAt = at
    const checked = checkSubmit(body)
    if (!checked.ok) return sendError(res, checked.code, { msg: checked.msg })
    if (inFlight(at) >= maxTasks) {
      metrics.concurrencyRejected++
      return sendError(res, 100054)
    }
    submitsInProgress++
    metrics.maxTasksInFlight = Math.max(metrics.maxTasksInFlight, inFlight(at))
    try {
      const frame = await fetchStartFrame(checked.params.startFrame, options.imageFetchTimeoutMs ?? 10_000)
      if (!frame.ok) return sendError(res, frame.code, { msg: frame.why })
      const { prompt, durationSeconds, mode, sound } = checked.params
      const task: SimTask = {
        id: randomUUID().replaceAll('-', ''),
        createdAt: now(),
        durationSeconds,
        mode,
        outcome: faults.takeTaskOutcome(prompt),
        latency: { ...faults.current.latency },
        render: { clip: null, error: null },
        pointsCost: pointsFor(durationSeconds, mode),
        source: imageHashOf(frame.bytes),
      }
      tasks.set(task.id, task)
      record.createdTask = task.id
      record.taskOutcome = task.outcome.type
      metrics.tasksCreated++
      const job = renderer.render(frame.bytes, prompt, durationSeconds, sound).then(
        (clip) => Object.assign(task.render, { clip }),
        (e: unknown) => Object.assign(task.render, { error: e instanceof Error ? e.message : String(e) }),
      )
      renders.add(job)
      void job.finally(() => renders.delete(job))
      if (dropAnswer) {
        record.answerLost = true
        return dropAnswer()
      }
      sendEnvelope(res, { generateUuid: task.id })
    } finally {
      submitsInProgress--
    }
  }

  function status(res: ServerResponse, body: unknown): void {
    const id = (body as { generateUuid?: unknown } | null)?.generateUuid
    const task = typeof id === 'string' ? tasks.get(id) : undefined
    if (!task) return sendError(res, 100051)
    const at = now()
    const view = taskView(task, at)
    const charged = [...tasks.values()].filter((t) => t.outcome.type !== 'fail' && taskView(t, at).generateStatus === 5)
    const done = view.generateStatus === 5
    const results = faults.current.results
    const expiry = results.mode === 'expire' ? `?Expires=${at + results.afterMs}` : ''
    const videos =
      done && task.outcome.type !== 'blocked' // LibTV returns only media that passed moderation
        ? [
            {
              videoUrl: `${baseUrl}/sim/results/${task.id}/video.mp4${expiry}`,
              coverPath: `${baseUrl}/sim/results/${task.id}/cover.jpg${expiry}`,
              auditStatus: 3,
            },
          ]
        : []
    sendEnvelope(res, {
      generateUuid: task.id,
      generateStatus: view.generateStatus,
      percentCompleted: view.percentCompleted,
      generateMsg: view.generateMsg,
      pointsCost: done ? task.pointsCost : 0,
      accountBalance: Math.max(0, (options.initialBalance ?? 500) - charged.reduce((sum, t) => sum + t.pointsCost, 0)),
      videos,
    })
  }

  /** A result file; `fault` 'truncated' serves its first half as if whole, 'incomplete' nothing. */
  function result(url: URL, res: ServerResponse, fault?: 'truncated' | 'incomplete'): void {
    const m = /^\/sim\/results\/([0-9a-f]{32})\/(video\.mp4|cover\.jpg)$/.exec(url.pathname)
    const clip = m ? tasks.get(m[1]!)?.render.clip : null
    const expires = url.searchParams.get('Expires')
    if (!clip || faults.current.results.mode === 'missing')
      return sendText(res, 404, '<Error><Code>NoSuchKey</Code></Error>', 'application/xml')
    if (expires !== null && Number(expires) < now()) {
      return sendText(
        res,
        403,
        '<Error><Code>AccessDenied</Code><Message>Request has expired.</Message></Error>',
        'application/xml',
      )
    }
    const video = m![2] === 'video.mp4'
    const file = video ? clip.videoPath : clip.coverPath
    const type = video ? 'video/mp4' : 'image/jpeg'
    if (fault) {
      const bytes = fault === 'incomplete' ? Buffer.alloc(0) : readFileSync(file)
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': Math.floor(bytes.length / 2) })
      return void res.end(bytes.subarray(0, Math.floor(bytes.length / 2)))
    }
    res.writeHead(200, { 'Content-Type': type })
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator')
    const isUpload = req.method === 'POST' && url.pathname === '/sim/oss'
    const raw = await readBody(req, isUpload ? MAX_IMAGE_BYTES + JSON_LIMIT : JSON_LIMIT)
    const record: RecordedRequest = {
      at: now(),
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: describeBody(raw, req.headers['content-type']),
    }
    requests.push(record)
    const api: Record<string, Endpoint> = {
      [IMG2VIDEO_PATH]: 'submit',
      [STATUS_PATH]: 'status',
      [UPLOAD_SIGNATURE_PATH]: 'uploadSignature',
    }
    const endpoint = req.method === 'POST' ? api[url.pathname] : undefined
    if (endpoint) {
      if (!signedCorrectly(url.pathname, url.searchParams))
        return sendError(res, 401, { msg: 'signature verification failed' })
      if (endpoint === 'submit') metrics.submitArrivals.push(record.at)
      const fault = faults.take(endpoint)
      if (fault) record.fault = fault.type
      if (fault?.type === 'lost-answer' && endpoint === 'submit') return submit(res, record, () => req.socket.destroy())
      if (fault) {
        if (endpoint === 'submit') lastSubmitAt = record.at // it reached LibTV, so it counts against the QPS
        return sendFault(req, res, fault)
      }
      if (endpoint === 'submit') return submit(res, record)
      if (endpoint === 'status') return status(res, record.body)
      const b = (record.body ?? {}) as { name?: unknown; extension?: unknown }
      if (
        typeof b.name !== 'string' ||
        b.name.length === 0 ||
        b.name.length > 100 ||
        !['jpg', 'jpeg', 'png'].includes(String(b.extension))
      ) {
        return sendError(res, 100000, { msg: 'name (≤100 chars) and extension jpg|jpeg|png are required' })
      }
      return sendEnvelope(res, bucket.issue(String(b.extension)))
    }
    if (isUpload) {
      const fault = faults.take('upload')
      if (fault) record.fault = fault.type
      if (fault?.type === 'lost-answer') {
        // The bucket stores the object, then the answer never arrives.
        record.body = await bucket.receive(req, raw, res, () => req.socket.destroy())
        record.answerLost = true
        return
      }
      // The bucket's success is a 204 with an ETag; these look like success and are not.
      if (fault?.type === 'truncated') return sendText(res, 200, '<?xml version="1.0" encoding="UTF-8"?><PostRe')
      if (fault?.type === 'incomplete') return void res.writeHead(204).end()
      if (fault) return sendFault(req, res, fault)
      record.body = await bucket.receive(req, raw, res)
      return
    }
    if (req.method === 'GET' && url.pathname.startsWith('/sim/oss/'))
      return bucket.serve(decodeURIComponent(url.pathname.slice('/sim/oss/'.length)), res)
    if (req.method === 'GET' && url.pathname.startsWith('/sim/results/')) {
      const fault = faults.take('result')
      if (fault) record.fault = fault.type
      if (fault?.type === 'truncated' || fault?.type === 'incomplete') return result(url, res, fault.type)
      if (fault) return sendFault(req, res, fault)
      return result(url, res)
    }
    sendText(res, 404, 'not found')
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy()
      if (e instanceof BodyTooLarge) return sendText(res, 413, 'too large')
      sendError(res, 200000, { httpStatus: 500, msg: 'simulator internal error' })
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  // Nothing made from a photo outlives LibTV's retention, nor the operator's copy of the photo.
  const retention = startRetention(
    { tasks, bucket: () => bucket, cacheDir: options.render?.cacheDir ?? DEFAULT_RENDER.cacheDir },
    { ...options.retention, now },
  )

  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  baseUrl = `http://${host}:${address.port}`
  bucket = new SimBucket(`${baseUrl}/sim/oss`, now)

  return {
    baseUrl,
    accessKey,
    secretKey,
    requests,
    metrics: () => ({ ...metrics, submitArrivals: [...metrics.submitArrivals] }),
    setFaults: (patch) => faults.set(patch),
    faults: () => faults.current,
    sweep: retention.sweep,
    async close() {
      retention.stop()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections() // hung (fault) and keep-alive connections too
      await closed
      await Promise.allSettled([...renders])
    },
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
