import { and, eq, inArray, isNull } from 'drizzle-orm'
import { renderJobs, usageRecords, videoShots, videos } from '../../db/schema.js'
import { activeShotStatuses, activeVideoStatuses } from '../../db/states.js'
import type { Db } from '../db.js'
import { type Tx, underLease } from './queue.js'

// How a job ends: done, failed, handed back to be tried again later, or canceled by its owner.

/** Claims of one job that may end in an error before the video fails for good. */
export const MAX_ATTEMPTS = 5
/** The wait after the first failed attempt; it doubles after each one. */
export const RETRY_BACKOFF_MS = 10_000
const MAX_BACKOFF_MS = 10 * 60_000

export const GAVE_UP_REASON = `Something went wrong on our side and this video could not be rendered after ${MAX_ATTEMPTS} tries, so we stopped trying. Please render it again later.`

export function backoffMs(attempt: number, baseMs = RETRY_BACKOFF_MS): number {
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempt - 1))
}

export function finishJob(
  db: Db,
  job: { id: string; videoId: string },
  owner: string,
  outcome: { state: 'done'; outputBytes: number } | { state: 'failed'; reason: string },
  now = Date.now(),
): void {
  underLease(db, job.id, owner, (tx) => {
    tx.update(renderJobs)
      .set({ state: outcome.state, leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: null, updatedAt: now })
      .where(eq(renderJobs.id, job.id))
      .run()
    if (outcome.state === 'done') {
      tx.update(videos)
        .set({ status: 'done', outputBytes: outcome.outputBytes, stitchProgress: 100, finishedAt: now, updatedAt: now })
        .where(eq(videos.id, job.videoId))
        .run()
    } else {
      tx.update(videos)
        .set({ status: 'failed', failureReason: outcome.reason, finishedAt: now, updatedAt: now })
        .where(eq(videos.id, job.videoId))
        .run()
      // A failure retries could not fix is not the user's to pay for.
      voidUsage(tx, job.videoId, now)
      cancelUnfinishedShots(tx, job.videoId, now)
    }
  })
}

/**
 * A claim ended in an error the renderer did not turn into a failure (e.g. the brief no longer
 * parses). Hand the job back to be tried again after an exponential backoff, so a job that
 * always throws cannot monopolise the worker; after MAX_ATTEMPTS claims the video fails for good
 * (and does not count).
 */
export function retryOrGiveUp(
  db: Db,
  job: { id: string; videoId: string; attempts: number },
  owner: string,
  baseMs = RETRY_BACKOFF_MS,
  now = Date.now(),
): { retryInMs: number } | { gaveUp: true } {
  if (job.attempts >= MAX_ATTEMPTS) {
    finishJob(db, job, owner, { state: 'failed', reason: GAVE_UP_REASON }, now)
    return { gaveUp: true }
  }
  const retryInMs = backoffMs(job.attempts, baseMs)
  underLease(db, job.id, owner, (tx) =>
    tx
      .update(renderJobs)
      .set({ state: 'queued', leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: now + retryInMs, updatedAt: now })
      .where(eq(renderJobs.id, job.id))
      .run(),
  )
  return { retryInMs }
}

/**
 * The user cancels a queued or rendering video: it stops counting against the quota at once.
 * The worker notices on its next look and releases the LibTV tasks. Returns false when the
 * video had already finished.
 */
export function cancelVideo(db: Db, userId: string, videoId: string, now = Date.now()): boolean {
  return db.transaction(
    (tx) => {
      const changed = tx
        .update(videos)
        .set({ status: 'canceled', finishedAt: now, updatedAt: now, failureReason: null })
        .where(and(eq(videos.id, videoId), eq(videos.userId, userId), inArray(videos.status, activeVideoStatuses)))
        .run()
      if (changed.changes === 0) return false
      tx.update(renderJobs)
        .set({ state: 'canceled', leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: null, updatedAt: now })
        .where(eq(renderJobs.videoId, videoId))
        .run()
      voidUsage(tx, videoId, now)
      cancelUnfinishedShots(tx, videoId, now)
      return true
    },
    { behavior: 'immediate' },
  )
}

function voidUsage(tx: Tx, videoId: string, now: number): void {
  tx.update(usageRecords)
    .set({ voidedAt: now })
    .where(and(eq(usageRecords.videoId, videoId), isNull(usageRecords.voidedAt)))
    .run()
}

function cancelUnfinishedShots(tx: Tx, videoId: string, now: number): void {
  tx.update(videoShots)
    .set({ status: 'canceled', updatedAt: now })
    .where(and(eq(videoShots.videoId, videoId), inArray(videoShots.status, activeShotStatuses)))
    .run()
}
