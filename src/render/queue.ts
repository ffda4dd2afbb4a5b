import { and, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { type RenderJob, renderJobs, users, videos } from '../../db/schema.js'
import { claimableJobStates, planIds } from '../../db/states.js'
import { plans } from '../accounts/plans.js'
import type { Db } from '../db.js'

export const LEASE_MS = 30_000

/**
 * Claims the next job, serving people in turn: among the jobs that are queued (and past their
 * backoff) or running under a lease that has expired (their worker died), of people below their
 * plan's limit of videos rendering at once, the job of the person with the fewest videos
 * rendering, then the oldest. One UPDATE … RETURNING, so two workers can never claim the same job
 * nor together go past a person's limit.
 */
export function claimJob(db: Db, owner: string, now = Date.now(), leaseMs = LEASE_MS): RenderJob | undefined {
  // The owner's videos rendering now: jobs held under a live lease (a job whose lease ran out is a candidate instead).
  const rendering = sql`(SELECT count(*) FROM ${renderJobs} AS r JOIN ${videos} AS rv ON rv.id = r.video_id
    WHERE rv.user_id = ${videos.userId} AND r.state = 'running' AND r.lease_expires_at >= ${now})`
  const limit = sql`(CASE ${users.plan} ${sql.join(
    planIds.map((id) => sql`WHEN ${id} THEN ${plans[id].concurrentRenders}`),
    sql` `,
  )} ELSE 1 END)`
  const candidate = db
    .select({ id: renderJobs.id })
    .from(renderJobs)
    .innerJoin(videos, eq(videos.id, renderJobs.videoId))
    .innerJoin(users, eq(users.id, videos.userId))
    .where(
      and(
        inArray(renderJobs.state, claimableJobStates),
        or(isNull(renderJobs.leaseExpiresAt), lt(renderJobs.leaseExpiresAt, now)),
        or(isNull(renderJobs.nextAttemptAt), lte(renderJobs.nextAttemptAt, now)),
        sql`${rendering} < ${limit}`,
      ),
    )
    .orderBy(rendering, renderJobs.createdAt)
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

/**
 * On shutdown: give the job back at once instead of waiting for the lease to expire. The claim
 * is given back too: an interrupted render is not a failed attempt (a crash, which never gets
 * here, keeps its claim counted).
 */
export function releaseLease(db: Db, jobId: string, owner: string, now = Date.now()): void {
  db.update(renderJobs)
    .set({
      leaseOwner: null,
      leaseExpiresAt: null,
      attempts: sql`max(${renderJobs.attempts} - 1, 0)`,
      updatedAt: now,
    })
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

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

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
