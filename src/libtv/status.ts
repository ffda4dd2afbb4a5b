import { z } from 'zod'
import { BUSY_REASON, LIBTV_ERROR_CODES } from './codes.js'
import { LibtvError } from './errors.js'

/**
 * A task's state. The final ones carry `pointsCost`, what LibTV reports it charged for the task
 * (null when it says nothing); a failure also says whether LibTV's own answer allows trying the
 * shot again as a new task (docs/libtv.md#a-new-task-for-a-failed-one).
 */
export type ShotStatus =
  | { state: 'queued'; progress: number }
  | { state: 'running'; progress: number }
  | { state: 'moderating'; progress: number }
  | { state: 'succeeded'; videoUrl: string; coverUrl: string | null; pointsCost: number | null }
  | { state: 'failed'; reason: string; code: number | null; pointsCost: number | null; retryAsNewTask: boolean }
  | { state: 'timed_out'; reason: string; pointsCost: number | null; retryAsNewTask: boolean }

export type TerminalShotStatus = Extract<ShotStatus, { state: 'succeeded' | 'failed' | 'timed_out' }>

export function isTerminal(s: ShotStatus): s is TerminalShotStatus {
  return s.state === 'succeeded' || s.state === 'failed' || s.state === 'timed_out'
}

// Every field may be absent or null depending on the model; only generateStatus is required
// (docs/libtv.md#polling-a-task).
const video = z.object({
  videoUrl: z.string().nullish(),
  coverPath: z.string().nullish(),
  auditStatus: z.number().nullish(),
})
const statusData = z.object({
  generateStatus: z.number().int(),
  percentCompleted: z.number().nullish(),
  generateMsg: z.string().nullish(),
  pointsCost: z.number().nullish(),
  videos: z.array(video).nullish(),
})

/** LibTV's auditStatus: 3 passed, 4 blocked, 5 review failed (1 and 2 are still pending). */
const AUDIT_PASSED = 3

const blocked = (pointsCost: number | null): ShotStatus => ({
  state: 'failed',
  code: 100055,
  reason: LIBTV_ERROR_CODES[100055]!.reason,
  pointsCost,
  retryAsNewTask: false,
})

export const LIBTV_GAVE_UP_REASON = 'The video service took too long to render this shot and gave up.'

/**
 * Maps a status answer (`data`) to a typed ShotStatus (docs/libtv.md#task-states). An answer
 * without the documented fields (a proxy's mangled body) is a retryable protocol error: asking
 * again is safe. A well-formed answer we cannot use (an undocumented state, a result URL that is
 * not http(s)) is a final one.
 */
export function parseStatus(data: unknown): ShotStatus {
  const parsed = statusData.safeParse(data)
  if (!parsed.success) throw protocolError('the status answer has no generateStatus', true)
  const d = parsed.data
  const pointsCost = d.pointsCost ?? null
  const progress = Math.min(1, Math.max(0, d.percentCompleted ?? 0))
  switch (d.generateStatus) {
    case 1:
      return { state: 'queued', progress }
    case 2:
    case 3: // 3 "generated" is not final; a public client that treats it as success contradicts the doc
      return { state: 'running', progress }
    case 4:
      return { state: 'moderating', progress }
    case 5: {
      // LibTV returns only media that passed moderation; a success without a playable
      // video means the clip was withheld.
      const videos = d.videos ?? []
      if (videos.some((v) => v.auditStatus === 4 || v.auditStatus === 5)) return blocked(pointsCost)
      const ok = videos.find((v) => v.videoUrl && (v.auditStatus == null || v.auditStatus === AUDIT_PASSED))
      if (!ok?.videoUrl) {
        if (videos.some((v) => v.videoUrl)) return { state: 'moderating', progress: 1 } // audit 1/2: not yet
        return blocked(pointsCost)
      }
      if (!/^https?:\/\//i.test(ok.videoUrl)) throw protocolError('the result URL is not http(s)')
      return {
        state: 'succeeded',
        videoUrl: ok.videoUrl,
        coverUrl: ok.coverPath || null,
        pointsCost,
      }
    }
    case 6:
      return failedTask(d.generateMsg ?? '', pointsCost)
    case 7:
      // LibTV gave up on the task itself: nothing was wrong with the shot, so a new task may finish.
      return { state: 'timed_out', reason: LIBTV_GAVE_UP_REASON, pointsCost, retryAsNewTask: true }
    default:
      throw protocolError(`undocumented generateStatus ${d.generateStatus}`)
  }
}

/**
 * Status 6. The answer has no code field, but LibTV's message may name one of its documented codes
 * (docs/libtv.md#a-new-task-for-a-failed-one): a transient one (100054, 200000, 210000) lets
 * the shot be tried again as a new task; a content one (100031, 100052, 100055) is moderation.
 * Anything else is a definite failure.
 */
function failedTask(message: string, pointsCost: number | null): ShotStatus {
  const code =
    [...message.matchAll(/(?<!\d)(\d{6})(?!\d)/g)]
      .map((m) => Number(m[1]))
      .find((n) => LIBTV_ERROR_CODES[n] !== undefined) ?? null
  const info = code === null ? undefined : LIBTV_ERROR_CODES[code]
  if (info?.kind === 'content') return { state: 'failed', code, reason: info.reason, pointsCost, retryAsNewTask: false }
  return {
    state: 'failed',
    code,
    // generateMsg is LibTV's own words (often Chinese); keep it, bounded, after a plain sentence.
    reason: `The video service could not render this shot${message ? `: ${message.slice(0, 300)}` : '.'}`,
    pointsCost,
    retryAsNewTask: info?.retryable ?? false,
  }
}

function protocolError(what: string, retryable = false): LibtvError {
  return new LibtvError({
    kind: 'protocol',
    retryable,
    reason: retryable ? BUSY_REASON : 'The video service answered in an unexpected way.',
    message: `LibTV status: ${what}`,
  })
}
