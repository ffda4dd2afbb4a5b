import { eq } from 'drizzle-orm'
import { type RenderJob, videos } from '../../db/schema.js'
import type { Db } from '../db.js'
import { removeLeftovers } from './leftovers.js'
import { MAX_ATTEMPTS, RETRY_BACKOFF_MS, retryOrGiveUp } from './outcomes.js'
import { claimJob, LeaseLost, releaseLease } from './queue.js'
import { type RenderDeps, renderJob } from './renderer.js'

export type RenderLoop = {
  /** A job was queued: look now instead of at the next poll. */
  nudge(): void
  /** Stops claiming, interrupts running renders, gives their leases back, and resolves when idle. */
  stop(): Promise<void>
  active(): number
}

export type RenderLoopDeps = RenderDeps & {
  concurrency: number
  idlePollMs: number
  /** The wait after a job's first failed attempt; it doubles after each one. */
  retryBackoffMs?: number
}

/**
 * The worker's loop: claims up to `concurrency` jobs, renders them, and looks for more when
 * nudged, when a job ends, or every `idlePollMs` (so a lost nudge loses nothing).
 */
export function startRenderLoop(deps: RenderLoopDeps): RenderLoop {
  const shutdown = new AbortController()
  const running = new Map<string, Promise<void>>()
  let wake: (() => void) | undefined
  let stopped = false

  const run = async (job: RenderJob) => {
    try {
      // More claims than allowed means earlier attempts died with their process: do not try again.
      if (job.attempts > MAX_ATTEMPTS) await giveUpOrRetry(job, 'too many attempts')
      else await renderJob(deps, job, shutdown.signal)
    } catch (err) {
      // Only the error's name: a message can quote what failed to parse, e.g. a person's brief.
      const error = err instanceof Error ? err.name : typeof err
      deps.log('render crashed', { jobId: job.id, videoId: job.videoId, attempt: job.attempts, error })
      if (!shutdown.signal.aborted) await giveUpOrRetry(job, error)
    } finally {
      // On shutdown the job is handed back at once; otherwise this is a no-op (the job ended or was handed back).
      releaseLease(deps.db, job.id, deps.owner)
      running.delete(job.id)
      // Look again on the next turn of the event loop, never in the same one: a job that ends at
      // once must not keep the thread from its timers and messages (lease renewals, stop).
      setImmediate(() => wake?.())
    }
  }

  const giveUpOrRetry = async (job: RenderJob, error: string) => {
    try {
      const backoff = deps.retryBackoffMs ?? RETRY_BACKOFF_MS
      const outcome = retryOrGiveUp(deps.db, job, deps.owner, backoff, Date.now(), deps.mail)
      if ('gaveUp' in outcome) {
        deps.log('video failed', { videoId: job.videoId, attempts: job.attempts, error })
        const video = deps.db.select({ userId: videos.userId }).from(videos).where(eq(videos.id, job.videoId)).get()
        if (video) await removeLeftovers(deps, video.userId, job.videoId)
      } else {
        deps.log('render will retry', {
          jobId: job.id,
          videoId: job.videoId,
          attempt: job.attempts,
          inMs: outcome.retryInMs,
        })
      }
    } catch (err) {
      // Canceled or deleted meanwhile: nothing left to retry.
      if (!(err instanceof LeaseLost)) throw err
    }
  }

  const claimWhatFits = () => {
    while (!stopped && running.size < deps.concurrency) {
      const job = claimJob(deps.db as Db, deps.owner, Date.now(), deps.leaseMs)
      if (!job) return
      deps.log('job claimed', { jobId: job.id, videoId: job.videoId, attempt: job.attempts })
      running.set(
        job.id,
        run(job).catch((err: unknown) =>
          deps.log('render loop error', { jobId: job.id, error: err instanceof Error ? err.name : typeof err }),
        ),
      )
    }
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        claimWhatFits()
      } catch (err) {
        deps.log('claim failed', { error: err instanceof Error ? err.message : String(err) })
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deps.idlePollMs)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
    }
  })()

  return {
    nudge: () => wake?.(),
    active: () => running.size,
    async stop() {
      stopped = true
      wake?.()
      shutdown.abort(new Error('shutting down'))
      await loop
      await Promise.allSettled(running.values())
    },
  }
}
