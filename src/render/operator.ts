import { randomUUID } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import { type RenderJob, renderJobs, usageRecords, videos } from '../../db/schema.js'
import { claimableJobStates } from '../../db/states.js'
import type { Db } from '../db.js'
import { removeLeftovers } from './leftovers.js'
import { finishJob } from './outcomes.js'

// What the operator does to a render that is stuck (the admin CLI, src/cli/admin.ts). Both take the
// job away from whichever worker holds it: that worker's next lease check fails and it stops.

export type OperatorOutcome =
  /** `counted`, for a failed render: its usage record still counts (LibTV charged for its work). */
  | { done: true; job: RenderJob; counted?: boolean }
  | { done: false; why: 'no-such-video' | 'finished'; state?: RenderJob['state'] }

function unfinishedJob(db: Db, videoId: string): OperatorOutcome {
  const job = db.select().from(renderJobs).where(eq(renderJobs.videoId, videoId)).get()
  if (!job) return { done: false, why: 'no-such-video' }
  if (!(claimableJobStates as readonly string[]).includes(job.state))
    return { done: false, why: 'finished', state: job.state }
  return { done: true, job }
}

/**
 * Puts the render back in the queue now: no lease, no backoff. The next worker to claim it resumes
 * it as after a restart (shots already sent to LibTV are polled, never sent again).
 */
export function requeueRender(db: Db, videoId: string, now = Date.now()): OperatorOutcome {
  const found = unfinishedJob(db, videoId)
  if (!found.done) return found
  const changed = db
    .update(renderJobs)
    .set({ state: 'queued', leaseOwner: null, leaseExpiresAt: null, nextAttemptAt: null, updatedAt: now })
    .where(and(eq(renderJobs.id, found.job.id), inArray(renderJobs.state, claimableJobStates)))
    .run().changes
  return changed === 1 ? found : unfinishedJob(db, videoId)
}

/**
 * Fails the render with `reason` (shown to its owner) the way a worker fails one: it takes the
 * lease, then finishJob() fails the video and its unfinished shots, voids the usage record unless
 * LibTV charged for the video's work, and queues the webhook, in one transaction. Then the video's
 * files go.
 */
export async function failRender(
  db: Db,
  dataDir: string,
  videoId: string,
  reason: string,
  now = Date.now(),
): Promise<OperatorOutcome> {
  const found = unfinishedJob(db, videoId)
  if (!found.done) return found
  const owner = `operator-${randomUUID()}`
  const taken = db
    .update(renderJobs)
    .set({ state: 'running', leaseOwner: owner, leaseExpiresAt: now + 60_000, updatedAt: now })
    .where(and(eq(renderJobs.id, found.job.id), inArray(renderJobs.state, claimableJobStates)))
    .run().changes
  if (taken !== 1) return unfinishedJob(db, videoId)
  finishJob(db, found.job, owner, { state: 'failed', reason }, now)
  const video = db.select({ userId: videos.userId }).from(videos).where(eq(videos.id, videoId)).get()
  if (video) await removeLeftovers({ db, dataDir }, video.userId, videoId)
  const record = db
    .select({ voidedAt: usageRecords.voidedAt })
    .from(usageRecords)
    .where(eq(usageRecords.videoId, videoId))
    .get()
  return { ...found, counted: record !== undefined && record.voidedAt === null }
}
