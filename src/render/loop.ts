import type { Db } from '../db.js'
import { claimJob, releaseLease } from './queue.js'
import { type RenderDeps, renderJob } from './renderer.js'

export type RenderLoop = {
  /** A job was queued: look now instead of at the next poll. */
  nudge(): void
  /** Stops claiming, interrupts running renders, gives their leases back, and resolves when idle. */
  stop(): Promise<void>
  active(): number
}

/**
 * The worker's loop: claims up to `concurrency` jobs, renders them, and looks for more when
 * nudged, when a job ends, or every `idlePollMs` (so a lost nudge loses nothing).
 */
export function startRenderLoop(deps: RenderDeps & { concurrency: number; idlePollMs: number }): RenderLoop {
  const shutdown = new AbortController()
  const running = new Map<string, Promise<void>>()
  let wake: (() => void) | undefined
  let stopped = false

  const claimWhatFits = () => {
    while (!stopped && running.size < deps.concurrency) {
      const job = claimJob(deps.db as Db, deps.owner, Date.now(), deps.leaseMs)
      if (!job) return
      deps.log('job claimed', { jobId: job.id, videoId: job.videoId, attempt: job.attempts })
      const work = renderJob(deps, job, shutdown.signal)
        .catch((err: unknown) =>
          deps.log('render crashed', { jobId: job.id, error: err instanceof Error ? err.message : String(err) }),
        )
        .finally(() => {
          // On shutdown the job is handed back at once; otherwise this is a no-op (the job finished).
          releaseLease(deps.db, job.id, deps.owner)
          running.delete(job.id)
          wake?.()
        })
      running.set(job.id, work)
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
