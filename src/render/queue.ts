import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import { type RenderJob, renderJobs, usageRecords, videoShots, videos } from '../../db/schema.js'
import type { Db } from '../db.js'
import { queueVideoEvent } from '../webhooks/service.js'

export const LEASE_MS = 30_000

/**
 * Claims the oldest job that is queued, or running under a lease that has expired (its worker
 * died). One UPDATE … RETURNING, so two workers can never claim the same job.
 */
export function claimJob(db: Db, owner: string, now = Date.now(), leaseMs = LEASE_MS): RenderJob | undefined {
  const candidate = db
    .select({ id: renderJobs.id })
    .from(renderJobs)
    .where(
      and(
        inArray(renderJobs.state, ['queued', 'running']),
        or(isNull(renderJobs.leaseExpiresAt), lt(renderJobs.leaseExpiresAt, now)),
      ),
    )
    .orderBy(renderJobs.createdAt)
    .limit(1)
  return db
    .update(renderJobs)
    .set({
      state: 'running',
      leaseOwner: owner,
      leaseExpiresAt: now + leaseMs,
      attempts: sql`${renderJobs.attempts} + 1`,
      updatedAt: now,
    })
    .where(
      and(
        eq(renderJobs.id, sql`(${candidate})`),
        or(isNull(renderJobs.leaseExpiresAt), lt(renderJobs.leaseExpiresAt, now)),
      ),
    )
    .returning()
    .get()
}

/** Extends the lease; false means another worker owns the job now and this one must stop. */
export function renewLease(db: Db, jobId: string, owner: string, now = Date.now(), leaseMs = LEASE_MS): boolean {
  const result = db
    .update(renderJobs)
    .set({ leaseExpiresAt: now + leaseMs, updatedAt: now })
    .where(and(eq(renderJobs.id, jobId), eq(renderJobs.leaseOwner, owner), eq(renderJobs.state, 'running')))
    .run()
  return result.changes === 1
}

export function holdsLease(db: Pick<Db, 'select'>, jobId: string, owner: string): boolean {
  return (
    db
      .select({ id: renderJobs.id })
      .from(renderJobs)
      .where(and(eq(renderJobs.id, jobId), eq(renderJobs.leaseOwner, owner), eq(renderJobs.state, 'running')))
      .get() !== undefined
  )
}

/** On shutdown: give the job back at once instead of waiting for the lease to expire. */
export function releaseLease(db: Db, jobId: string, owner: string, now = Date.now()): void {
  db.update(renderJobs)
    .set({ leaseOwner: null, leaseExpiresAt: null, updatedAt: now })
    .where(and(eq(renderJobs.id, jobId), eq(renderJobs.leaseOwner, owner), eq(renderJobs.state, 'running')))
    .run()
}

/**
 * At start-up, before our worker runs: one process serves this database (one VM, one SQLite
 * file), so any lease still held belongs to a process that died. Hand those jobs back at once
 * instead of waiting for their leases to run out.
 */
export function reclaimStaleLeases(db: Db, now = Date.now()): number {
  return db
    .update(renderJobs)
    .set({ leaseOwner: null, leaseExpiresAt: null, updatedAt: now })
    .where(and(eq(renderJobs.state, 'running'), sql`${renderJobs.leaseOwner} IS NOT NULL`))
    .run().changes
}

export class LeaseLost extends Error {
  constructor() {
    super('render lease lost')
  }
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/**
 * Runs a write only while this worker still holds the job's lease, in one transaction,
 * so a worker that lost its lease can never overwrite the one that took over.
 */
export function underLease<T>(db: Db, jobId: string, owner: string, write: (tx: Tx) => T): T {
  return db.transaction(
    (tx) => {
      if (!holdsLease(tx, jobId, owner)) throw new LeaseLost()
      return write(tx)
    },
    { behavior: 'immediate' },
  )
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
      .set({ state: outcome.state, leaseOwner: null, leaseExpiresAt: null, updatedAt: now })
      .where(eq(renderJobs.id, job.id))
      .run()
    const video = tx.select({ userId: videos.userId }).from(videos).where(eq(videos.id, job.videoId)).get()
    if (video) {
      queueVideoEvent(tx, video.userId, job.videoId, outcome.state === 'done' ? 'video.succeeded' : 'video.failed', now)
    }
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
      tx.update(usageRecords)
        .set({ voidedAt: now })
        .where(and(eq(usageRecords.videoId, job.videoId), isNull(usageRecords.voidedAt)))
        .run()
      tx.update(videoShots)
        .set({ status: 'canceled', updatedAt: now })
        .where(
          and(
            eq(videoShots.videoId, job.videoId),
            inArray(videoShots.status, ['queued', 'submitted', 'running', 'moderating', 'downloading']),
          ),
        )
        .run()
    }
  })
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
        .where(
          and(
            eq(videos.id, videoId),
            eq(videos.userId, userId),
            inArray(videos.status, ['queued', 'rendering', 'stitching']),
          ),
        )
        .run()
      if (changed.changes === 0) return false
      queueVideoEvent(tx, userId, videoId, 'video.canceled', now)
      tx.update(renderJobs)
        .set({ state: 'canceled', leaseOwner: null, leaseExpiresAt: null, updatedAt: now })
        .where(eq(renderJobs.videoId, videoId))
        .run()
      tx.update(usageRecords)
        .set({ voidedAt: now })
        .where(and(eq(usageRecords.videoId, videoId), isNull(usageRecords.voidedAt)))
        .run()
      tx.update(videoShots)
        .set({ status: 'canceled', updatedAt: now })
        .where(
          and(
            eq(videoShots.videoId, videoId),
            inArray(videoShots.status, ['queued', 'submitted', 'running', 'moderating', 'downloading']),
          ),
        )
        .run()
      return true
    },
    { behavior: 'immediate' },
  )
}
