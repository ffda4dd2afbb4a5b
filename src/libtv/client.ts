import { z } from 'zod'
import { IMG2VIDEO_PATH, IMG2VIDEO_TEMPLATE_UUID, MAX_PROMPT_CHARS, STATUS_PATH } from './api.js'
import { LIBTV_ERROR_CODES } from './codes.js'
import type { LibtvMode, LibtvModel, LibtvSettings } from './config.js'
import { imageFieldOf, modelMakesSound } from './config.js'
import { downloadOnce } from './download.js'
import { LibtvError } from './errors.js'
import { defaultFetchPolicy, type FetchPolicy } from './fetch-policy.js'
import { SubmitSpacer, TaskSlots } from './limiter.js'
import {
  cancelled,
  DEFAULT_RETRY,
  type RetryInfo,
  type RetryPolicy,
  realSleep,
  type Sleep,
  withRetry,
} from './retry.js'
import { isTerminal, parseStatus, type ShotStatus, type TerminalShotStatus } from './status.js'
import { createTransport, expectAnswer, type FetchLike } from './transport.js'
import { checkImage, postToBucket, requestUploadSignature } from './upload.js'

/**
 * What LibTV gets per shot, and nothing else (privacy policy: the image and the prompt), plus
 * the mode when the shot needs one other than the client's setting: `pro` gives 1080p clips.
 */
export type Shot = {
  imageUrl: string
  prompt: string
  durationSeconds: 5 | 10
  mode?: LibtvMode
  /** Ask the model for the clip's own sound (`sound: "on"`); sent only to a model that can make it. */
  sound?: boolean
}

export type LibtvClientSettings = Pick<LibtvSettings, 'accessKey' | 'secretKey' | 'baseUrl'> & {
  model: LibtvModel
  mode: LibtvMode
}

export type LibtvClientOptions = {
  /** LibTV's limit (docs/libtv.md#limits): minimum gap between submits, from the previous answer. Default 1000. */
  submitIntervalMs?: number
  /** LibTV's limit of tasks in flight per account. Default 5. */
  maxInFlight?: number
  requestTimeoutMs?: number
  uploadTimeoutMs?: number
  downloadTimeoutMs?: number
  /** Where result and upload URLs LibTV returns may point. Default: the documented hosts and the API's own origin. */
  fetchPolicy?: FetchPolicy
  retry?: Partial<RetryPolicy>
  /** Called before each retry: op name, attempt, wait and error kind/code only (safe to log). */
  onRetry?: (info: { op: string; attempt: number; delayMs: number; kind: string; code: number | null }) => void
  now?: () => number
  sleep?: Sleep
  random?: () => number
  fetch?: FetchLike
}

export type CallOptions = { signal?: AbortSignal }
export type SubmitOptions = CallOptions & {
  /**
   * Submits of one group (e.g. one video) share LibTV's tasks in flight fairly with other groups:
   * a freed slot goes to the waiting group holding the fewest.
   */
  fairnessGroup?: string
  /**
   * Called just before each attempt is sent (after the slot and the spacing); false withdraws the
   * submit, unsent, and it rejects as cancelled. Lets the caller record "sent" before LibTV can
   * accept (and charge for) the task.
   */
  beforeSend?: () => boolean
}

export type LibtvClient = {
  /** Waits for a free slot (≤ maxInFlight) and the submit spacing, then submits; resolves the task id. */
  submit(shot: Shot, opts?: SubmitOptions): Promise<string>
  /** One status poll. A terminal answer frees the task's slot. */
  status(taskId: string, opts?: CallOptions): Promise<ShotStatus>
  /**
   * Polls every pollIntervalMs (public clients use 3–5 s) until terminal; transient errors keep
   * polling until timeoutMs.
   */
  waitForResult(
    taskId: string,
    opts?: CallOptions & { pollIntervalMs?: number; timeoutMs?: number; onStatus?: (s: ShotStatus) => void },
  ): Promise<TerminalShotStatus>
  /** Frees a task's slot without waiting for it (cancelled render, abandoned task). */
  release(taskId: string): void
  /** Counts a task submitted before a restart against the in-flight limit until it ends or is released. */
  adopt(taskId: string, fairnessGroup?: string): void
  inFlight(): string[]
  /** Uploads an image through LibTV's upload route and resolves its URL, for when the app has no public BASE_URL. */
  uploadImage(bytes: Uint8Array, ext: 'jpg' | 'jpeg' | 'png', opts?: CallOptions): Promise<string>
  /** Streams a result MP4 to destPath (atomic rename), capped at maxBytes. */
  downloadVideo(url: string, destPath: string, opts?: CallOptions & { maxBytes?: number }): Promise<{ bytes: number }>
}

const generateAnswer = z.object({ generateUuid: z.string().min(1).max(200) })

export const DEFAULT_MAX_VIDEO_BYTES = 200 * 1024 * 1024

export function createLibtvClient(settings: LibtvClientSettings, options: LibtvClientOptions = {}): LibtvClient {
  const now = options.now ?? Date.now
  const sleep = options.sleep ?? realSleep
  const random = options.random ?? Math.random
  const fetchFn = options.fetch ?? fetch
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry }
  const keys = { accessKey: settings.accessKey, secretKey: settings.secretKey }
  const transport = createTransport({
    baseUrl: settings.baseUrl,
    keys,
    fetch: fetchFn,
    now,
    timeoutMs: options.requestTimeoutMs ?? 30_000,
  })
  const fetchPolicy = options.fetchPolicy ?? defaultFetchPolicy(settings.baseUrl)
  const slots = new TaskSlots(options.maxInFlight ?? 5)
  const spacer = new SubmitSpacer(options.submitIntervalMs ?? 1000, now, sleep)

  const retrying = <T>(op: string, fn: () => Promise<T>, signal?: AbortSignal) =>
    withRetry(fn, {
      policy,
      sleep,
      random,
      now,
      signal,
      onRetry: (i: RetryInfo) =>
        options.onRetry?.({ op, attempt: i.attempt, delayMs: i.delayMs, kind: i.error.kind, code: i.error.code }),
    }).catch((e: unknown) => Promise.reject(asLibtvError(op, e)))

  const client: LibtvClient = {
    async submit(shot, opts = {}) {
      checkShot(shot)
      // The body carries the template, the model settings, the prompt and the image URL. Nothing else.
      const body = {
        templateUuid: IMG2VIDEO_TEMPLATE_UUID,
        generateParams: {
          model: settings.model,
          prompt: shot.prompt,
          duration: String(shot.durationSeconds),
          mode: shot.mode ?? settings.mode,
          // kling-v2-6 takes the photo as `image` (docs/libtv.md, unverified), the others as `startFrame`.
          [imageFieldOf(settings.model)]: shot.imageUrl,
          ...(shot.sound && modelMakesSound(settings.model) ? { sound: 'on' } : {}),
        },
      }
      const slot = await slots.acquire(opts.signal, opts.fairnessGroup)
      try {
        // Every attempt, retries included, passes the spacer: a retry is a submit to LibTV too.
        // An attempt whose answer is lost or mangled is sent again (LibTV has no idempotency key;
        // docs/libtv.md#submitting-a-shot).
        const { generateUuid } = await retrying(
          'submit',
          () =>
            spacer.run(async () => {
              if (opts.beforeSend && !opts.beforeSend()) throw cancelled()
              const data = await transport.post('submit', IMG2VIDEO_PATH, body, opts.signal)
              return expectAnswer('submit', generateAnswer, data, 'generateUuid')
            }, opts.signal),
          opts.signal,
        )
        slot.bind(generateUuid)
        return generateUuid
      } catch (e) {
        slot.cancel()
        throw asLibtvError('submit', e)
      }
    },

    async status(taskId, opts = {}) {
      try {
        const s = await retrying(
          'status',
          async () => parseStatus(await transport.post('status', STATUS_PATH, { generateUuid: taskId }, opts.signal)),
          opts.signal,
        )
        if (isTerminal(s)) slots.release(taskId)
        return s
      } catch (e) {
        // 100051: LibTV does not know the task, so it is over as far as the limit goes, and
        // LibTV's own answer is that the shot has to be rendered again.
        if (e instanceof LibtvError && e.code === 100051) {
          slots.release(taskId)
          return {
            state: 'failed',
            code: 100051,
            reason: LIBTV_ERROR_CODES[100051]!.reason,
            pointsCost: null,
            retryAsNewTask: true,
          }
        }
        throw asLibtvError('status', e)
      }
    },

    async waitForResult(taskId, opts = {}) {
      const pollMs = opts.pollIntervalMs ?? 4000
      // A public client gives up after 900 s; LibTV itself reports 7 (timeout) for stuck tasks.
      const deadline = now() + (opts.timeoutMs ?? 900_000)
      for (;;) {
        try {
          const s = await client.status(taskId, opts)
          opts.onStatus?.(s)
          if (isTerminal(s)) return s
        } catch (e) {
          if (!(e instanceof LibtvError) || !e.retryable) throw e
        }
        if (now() + pollMs > deadline) {
          slots.release(taskId)
          // Our own deadline, not LibTV's answer: the task may still be running there, so it is not
          // replaced by a new one.
          return {
            state: 'timed_out',
            reason: 'The video service did not finish this shot in time.',
            pointsCost: null,
            retryAsNewTask: false,
          }
        }
        await sleep(pollMs, opts.signal).catch((e: unknown) => Promise.reject(asLibtvError('status', e, true)))
      }
    },

    release: (taskId) => slots.release(taskId),
    adopt: (taskId, fairnessGroup) => slots.adopt(taskId, fairnessGroup),
    inFlight: () => slots.inFlight(),

    async uploadImage(bytes, ext, opts = {}) {
      checkImage(bytes, ext)
      const sig = await retrying(
        'upload signature',
        () => requestUploadSignature(transport, ext, opts.signal),
        opts.signal,
      )
      const timeoutMs = options.uploadTimeoutMs ?? 60_000
      return retrying(
        'upload',
        () => postToBucket({ sig, bytes, ext, fetch: fetchFn, policy: fetchPolicy, timeoutMs, signal: opts.signal }),
        opts.signal,
      )
    },

    async downloadVideo(url, destPath, opts = {}) {
      const maxBytes = opts.maxBytes ?? DEFAULT_MAX_VIDEO_BYTES
      const timeoutMs = options.downloadTimeoutMs ?? 300_000
      return retrying(
        'download',
        () =>
          downloadOnce({
            url,
            destPath,
            maxBytes,
            fetch: fetchFn,
            policy: fetchPolicy,
            timeoutMs,
            signal: opts.signal,
          }),
        opts.signal,
      )
    },
  }
  return client
}

function checkShot(shot: Shot): void {
  const problem = !/^https?:\/\//i.test(shot.imageUrl)
    ? 'the image URL must be http(s)'
    : shot.prompt.trim().length === 0 || shot.prompt.length > MAX_PROMPT_CHARS
      ? `the prompt must have 1–${MAX_PROMPT_CHARS} characters`
      : shot.durationSeconds !== 5 && shot.durationSeconds !== 10
        ? 'the duration must be 5 or 10 seconds'
        : null
  if (problem) {
    throw new LibtvError({
      kind: 'invalid_request',
      reason: `This shot cannot be rendered: ${problem}.`,
      message: `LibTV submit: refused locally (${problem})`,
    })
  }
}

/** Whatever escapes is a LibtvError, so callers handle one error type at this boundary. */
function asLibtvError(op: string, e: unknown, cancelledIfAbort = false): LibtvError {
  if (e instanceof LibtvError) return e
  const name = e instanceof Error ? e.name : typeof e
  if (cancelledIfAbort || name === 'AbortError') {
    return new LibtvError({
      kind: 'cancelled',
      reason: 'The request to the video service was cancelled.',
      message: `LibTV ${op} cancelled`,
      cause: e,
    })
  }
  return new LibtvError({
    kind: 'protocol',
    reason: 'The video service answered in an unexpected way.',
    message: `LibTV ${op}: unexpected ${name}`,
    cause: e,
  })
}
