import { z } from 'zod'
import { LibtvError } from './errors.js'

export type ShotStatus =
  | { state: 'queued'; progress: number }
  | { state: 'running'; progress: number }
  | { state: 'moderating'; progress: number }
  | { state: 'succeeded'; videoUrl: string; coverUrl: string | null; pointsCost: number | null }
  | { state: 'failed'; reason: string; code: number | null }
  | { state: 'timed_out'; reason: string }

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

const BLOCKED: ShotStatus = {
  state: 'failed',
  code: 100055,
  reason: 'The video service’s moderation blocked the rendered clip. Rephrase the shot or use another image.',
}

/**
 * Maps a status answer (`data`) to a typed ShotStatus (docs/libtv.md#task-states); an undocumented
 * shape is a protocol error.
 */
export function parseStatus(data: unknown): ShotStatus {
  const parsed = statusData.safeParse(data)
  if (!parsed.success) throw protocolError('the status answer has no generateStatus')
  const d = parsed.data
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
      if (videos.some((v) => v.auditStatus === 4 || v.auditStatus === 5)) return BLOCKED
      const ok = videos.find((v) => v.videoUrl && (v.auditStatus == null || v.auditStatus === AUDIT_PASSED))
      if (!ok?.videoUrl) {
        if (videos.some((v) => v.videoUrl)) return { state: 'moderating', progress: 1 } // audit 1/2: not yet
        return BLOCKED
      }
      if (!/^https?:\/\//i.test(ok.videoUrl)) throw protocolError('the result URL is not http(s)')
      return {
        state: 'succeeded',
        videoUrl: ok.videoUrl,
        coverUrl: ok.coverPath || null,
        pointsCost: d.pointsCost ?? null,
      }
    }
    case 6:
      return {
        state: 'failed',
        code: null,
        // generateMsg is LibTV's own words (often Chinese); keep it, bounded, after a plain sentence.
        reason: `The video service could not render this shot${d.generateMsg ? `: ${d.generateMsg.slice(0, 300)}` : '.'}`,
      }
    case 7:
      return { state: 'timed_out', reason: 'The video service took too long to render this shot and gave up.' }
    default:
      throw protocolError(`undocumented generateStatus ${d.generateStatus}`)
  }
}

function protocolError(what: string): LibtvError {
  return new LibtvError({
    kind: 'protocol',
    retryable: false,
    reason: 'The video service answered in an unexpected way.',
    message: `LibTV status: ${what}`,
  })
}
