import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { renderJobs, usageRecords, videoShots, videos } from '../../db/schema.js'
import { activeShotStatuses, activeVideoStatuses } from '../../db/states.js'
import { cancelStillCounts, failureStillCounts } from '../accounts/plans.js'
import type { Db } from '../db.js'
import type { MailContext } from '../mail/compose.js'
import { queueVideoEvent } from '../webhooks/service.js'
import { type Tx, underLease } from './queue.js'
import { queueReadyMail } from './ready-mail.js'
import { failureColumns, NO_FAILURE } from './reasons.js'

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
  /** For "Email me when it's ready": without it no mail is queued. */
  mail?: MailContext,
): void {
  underLease(db, job.id, owner, (tx) => {
    tx.update(renderJobs)
      .set({ state: outcome.state, leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: null, updatedAt: now })
      .where(eq(renderJobs.id, job.id))
      .run()
    // The webhook event is recorded with the state it tells of, in the same transaction.
    const video = tx.select({ userId: videos.userId }).from(videos).where(eq(videos.id, job.videoId)).get()
    if (video) {
      queueVideoEvent(tx, video.userId, job.videoId, outcome.state === 'done' ? 'video.succeeded' : 'video.failed', now)
      queueReadyMail(tx, mail, job.videoId, outcome.state, now)
    }
    if (outcome.state === 'done') {
      tx.update(videos)
        .set({ status: 'done', outputBytes: outcome.outputBytes, stitchProgress: 100, finishedAt: now, updatedAt: now })
        .where(eq(videos.id, job.videoId))
        .run()
    } else {
      tx.update(videos)
        .set({ status: 'failed', ...failureColumns(outcome.reason), finishedAt: now, updatedAt: now })
        .where(eq(videos.id, job.videoId))
        .run()
      // A failure is not the person's to pay for, unless LibTV charged for the work: usage follows
      // the provider's bill (read before the unfinished shots are marked canceled).
      const shots = tx
        .select({ status: videoShots.status, pointsCost: videoShots.pointsCost })
        .from(videoShots)
        .where(eq(videoShots.videoId, job.videoId))
        .all()
      if (!failureStillCounts(shots)) voidUsage(tx, job.videoId, now)
      cancelUnfinishedShots(tx, job.videoId, now)
    }
  })
}

/**
 * A claim ended in an error the renderer did not turn into a failure (e.g. the brief no longer
 * parses). Hand the job back to be tried again after an exponential backoff, so a job that
 * always throws cannot monopolise the worker; after MAX_ATTEMPTS claims the video fails for good
 * (and does not count, unless LibTV charged for shots it had already rendered).
 */
export function retryOrGiveUp(
  db: Db,
  job: { id: string; videoId: string; attempts: number },
  owner: string,
  baseMs = RETRY_BACKOFF_MS,
  now = Date.now(),
  mail?: MailContext,
): { retryInMs: number } | { gaveUp: true } {
  if (job.attempts >= MAX_ATTEMPTS) {
    finishJob(db, job, owner, { state: 'failed', reason: GAVE_UP_REASON }, now, mail)
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

export type CancelOutcome = { canceled: true; counted: boolean } | { canceled: false; why: 'finished' | 'would-count' }

/**
 * The owner cancels a queued, rendering or stitching video: it stops at once (the worker notices
 * within a second and leaves its LibTV tasks alone). Free only while LibTV has accepted none of
 * its shots; after that the usage record stays counted, and only if the person was told so
 * (`acceptCounted`, from the page they confirmed on): a page that said "free" cancels nothing.
 */
export function cancelVideo(
  db: Db,
  userId: string,
  videoId: string,
  acceptCounted: boolean,
  now = Date.now(),
): CancelOutcome {
  return db.transaction(
    (tx) => {
      const video = tx
        .select({ id: videos.id })
        .from(videos)
        .where(and(eq(videos.id, videoId), eq(videos.userId, userId), inArray(videos.status, activeVideoStatuses)))
        .get()
      if (!video) return { canceled: false, why: 'finished' }
      const shots = tx
        .select({ status: videoShots.status, taskId: videoShots.taskId })
        .from(videoShots)
        .where(eq(videoShots.videoId, videoId))
        .all()
      const counted = cancelStillCounts(shots)
      if (counted && !acceptCounted) return { canceled: false, why: 'would-count' }
      tx.update(videos)
        .set({ status: 'canceled', finishedAt: now, updatedAt: now, ...NO_FAILURE })
        .where(eq(videos.id, videoId))
        .run()
      tx.update(renderJobs)
        .set({ state: 'canceled', leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: null, updatedAt: now })
        .where(eq(renderJobs.videoId, videoId))
        .run()
      if (!counted) voidUsage(tx, videoId, now)
      cancelUnfinishedShots(tx, videoId, now)
      queueVideoEvent(tx, userId, videoId, 'video.canceled', now)
      return { canceled: true, counted }
    },
    { behavior: 'immediate' },
  )
}

/**
 * Copies the points LibTV reported for the video's tasks (the sum over its shots) to its usage
 * record, in the transaction that wrote a shot's points, so the operator's monthly report
 * (src/accounts/usage.ts) keeps them after the video is deleted.
 */
export function recordLibtvPoints(tx: Tx, videoId: string): void {
  tx.update(usageRecords)
    .set({
      pointsCost: sql`(SELECT sum(${videoShots.pointsCost}) FROM ${videoShots} WHERE ${videoShots.videoId} = ${videoId})`,
    })
    .where(eq(usageRecords.videoId, videoId))
    .run()
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
