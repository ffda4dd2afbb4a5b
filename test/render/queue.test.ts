import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { briefs, images, renderJobs, screenplays, usageRecords, users, videos } from '../../db/schema.js'
import type { PlanId } from '../../db/states.js'
import { plans } from '../../src/accounts/plans.js'
import { type Db, migrateDatabase, openDatabase } from '../../src/db.js'
import { finishJob, MAX_ATTEMPTS, retryOrGiveUp } from '../../src/render/outcomes.js'
import {
  claimJob,
  LeaseLost,
  reclaimStaleLeases,
  releaseLease,
  renewLease,
  underLease,
} from '../../src/render/queue.js'

let db: Db
let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-queue-'))
  db = openDatabase(path.join(dir, 'test.db'))
  migrateDatabase(db)
})
afterEach(() => {
  db.$client.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

/**
 * A video and its queued job, inserted directly: these tests are about the queue alone. Each job
 * belongs to a new person unless `owner` names one (created on first use, on `plan`).
 */
function queueJob(createdAt: number, owner?: string, plan: PlanId = 'free'): { jobId: string; videoId: string } {
  const userId = owner ?? randomUUID()
  const briefId = randomUUID()
  const imageId = randomUUID()
  const screenplayId = randomUUID()
  const videoId = randomUUID()
  const jobId = randomUUID()
  db.insert(users)
    .values({ id: userId, email: `${userId}@example.com`, passwordHash: 'x', plan, createdAt })
    .onConflictDoNothing()
    .run()
  db.insert(images).values({ id: imageId, userId, sha256: imageId, width: 640, height: 480, bytes: 1, createdAt }).run()
  db.insert(briefs)
    .values({ id: briefId, userId, imageId, productName: 'P', data: {}, createdAt, updatedAt: createdAt })
    .run()
  db.insert(screenplays).values({ id: screenplayId, briefId, userId, version: 1, body: {}, createdAt }).run()
  db.insert(videos)
    .values({
      id: videoId,
      userId,
      briefId,
      screenplayId,
      imageId,
      title: 'P',
      aspectRatio: '9:16',
      lengthSeconds: 15,
      status: 'queued',
      createdAt,
      updatedAt: createdAt,
    })
    .run()
  db.insert(renderJobs).values({ id: jobId, videoId, state: 'queued', createdAt, updatedAt: createdAt }).run()
  return { jobId, videoId }
}

describe('render queue', () => {
  it('claims the oldest job once; a second worker gets the next one, then nothing', () => {
    const first = queueJob(1000)
    const second = queueJob(2000)
    const a = claimJob(db, 'worker-a', 10_000, 30_000)
    const b = claimJob(db, 'worker-b', 10_000, 30_000)
    expect(a?.id).toBe(first.jobId)
    expect(b?.id).toBe(second.jobId)
    expect(a?.leaseOwner).toBe('worker-a')
    expect(a?.leaseExpiresAt).toBe(40_000)
    expect(a?.attempts).toBe(1)
    expect(claimJob(db, 'worker-c', 10_000, 30_000)).toBeUndefined()
  })

  it('makes a job claimable again when its lease expires, and the old owner can no longer write', () => {
    const { jobId } = queueJob(1000)
    claimJob(db, 'dead-worker', 10_000, 30_000)
    expect(claimJob(db, 'new-worker', 39_999, 30_000)).toBeUndefined()
    const taken = claimJob(db, 'new-worker', 40_001, 30_000)
    expect(taken?.id).toBe(jobId)
    expect(taken?.attempts).toBe(2)
    expect(renewLease(db, jobId, 'dead-worker', 40_002, 30_000)).toBe(false)
    expect(() => underLease(db, jobId, 'dead-worker', () => 'write')).toThrow(LeaseLost)
    expect(underLease(db, jobId, 'new-worker', () => 'write')).toBe('write')
    expect(renewLease(db, jobId, 'new-worker', 50_000, 30_000)).toBe(true)
  })

  it('hands a job back on release and at start-up, so it resumes without waiting for the lease', () => {
    const { jobId } = queueJob(1000)
    claimJob(db, 'worker-a', 10_000, 30_000)
    releaseLease(db, jobId, 'worker-a', 11_000)
    expect(claimJob(db, 'worker-b', 11_000, 30_000)?.id).toBe(jobId)
    expect(reclaimStaleLeases(db, 12_000)).toBe(1)
    expect(claimJob(db, 'worker-c', 12_000, 30_000)?.id).toBe(jobId)
  })

  it('does not reclaim or claim finished jobs', () => {
    const { jobId, videoId } = queueJob(1000)
    claimJob(db, 'worker-a', 10_000, 30_000)
    finishJob(db, { id: jobId, videoId }, 'worker-a', { state: 'done', outputBytes: 10 }, 20_000)
    expect(reclaimStaleLeases(db)).toBe(0)
    expect(claimJob(db, 'worker-b', 100_000, 30_000)).toBeUndefined()
  })

  it('a graceful hand-back gives the claim back; a crash (lease reclaimed) keeps it counted', () => {
    const { jobId } = queueJob(1000)
    expect(claimJob(db, 'worker-a', 10_000, 30_000)?.attempts).toBe(1)
    releaseLease(db, jobId, 'worker-a', 11_000)
    expect(claimJob(db, 'worker-b', 11_000, 30_000)?.attempts).toBe(1)
    reclaimStaleLeases(db, 12_000)
    expect(claimJob(db, 'worker-c', 12_000, 30_000)?.attempts).toBe(2)
  })
})

describe('serving people in turn', () => {
  const [A, B, C] = [randomUUID(), randomUUID(), randomUUID()]
  const claim = (owner = 'worker-a', now = 10_000) => claimJob(db, owner, now, 30_000)?.id

  it('takes the job of whoever has the fewest videos rendering, then the oldest, up to each plan’s limit', () => {
    expect(plans.free.concurrentRenders).toBe(1)
    expect(plans.creator.concurrentRenders).toBe(2)
    const a = [queueJob(1000, A, 'creator'), queueJob(1001, A, 'creator'), queueJob(1002, A, 'creator')]
    const b = queueJob(2000, B, 'creator')
    const c = [queueJob(3000, C, 'free'), queueJob(3001, C, 'free')]
    // Two workers taking turns, as two processes would: the limits hold across them.
    expect([claim('worker-a'), claim('worker-b'), claim('worker-a'), claim('worker-b')]).toEqual([
      a[0]!.jobId,
      b.jobId,
      c[0]!.jobId,
      a[1]!.jobId,
    ])
    // A has 2 rendering (Creator's limit), C has 1 (Free's): nothing else may start.
    expect(claim('worker-b')).toBeUndefined()
    finishJob(db, { id: a[0]!.jobId, videoId: a[0]!.videoId }, 'worker-a', { state: 'done', outputBytes: 1 }, 11_000)
    expect(claim('worker-a', 11_000)).toBe(a[2]!.jobId)
    finishJob(db, { id: c[0]!.jobId, videoId: c[0]!.videoId }, 'worker-a', { state: 'done', outputBytes: 1 }, 12_000)
    expect(claim('worker-a', 12_000)).toBe(c[1]!.jobId)
  })

  it('a newcomer goes before the tenth video of someone who already has one rendering', () => {
    const many = Array.from({ length: 10 }, (_, i) => queueJob(1000 + i, A, 'studio'))
    expect(claim()).toBe(many[0]!.jobId)
    const late = queueJob(5000, B, 'free')
    expect(claim()).toBe(late.jobId)
    expect(claim()).toBe(many[1]!.jobId)
  })

  it('a job whose lease ran out is not counted as rendering: it is the one taken back', () => {
    const first = queueJob(1000, A, 'free')
    const second = queueJob(2000, A, 'free')
    expect(claim('dead-worker', 10_000)).toBe(first.jobId)
    expect(claim('worker-a', 20_000)).toBeUndefined() // Free: one at a time, and the first is still leased
    expect(claim('worker-a', 40_001)).toBe(first.jobId)
    expect(claim('worker-a', 40_002)).toBeUndefined()
    expect(second.jobId).toBeDefined()
  })
})

describe('a job whose attempts end in errors', () => {
  const job = (jobId: string) => db.select().from(renderJobs).where(eq(renderJobs.id, jobId)).get()!

  it('waits 1, 2, 4, 8 × the backoff between claims, then fails for good and stops counting', () => {
    const { jobId, videoId } = queueJob(1000)
    db.insert(usageRecords)
      .values({
        id: randomUUID(),
        userId: videoUser(videoId),
        videoId,
        shots: 3,
        seconds: 15,
        model: 'm',
        createdAt: 1000,
      })
      .run()
    let now = 10_000
    const waits: number[] = []
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const claimed = claimJob(db, 'worker-a', now, 30_000)
      expect(claimed?.attempts).toBe(attempt)
      const outcome = retryOrGiveUp(db, claimed!, 'worker-a', 1000, now)
      if (attempt < MAX_ATTEMPTS) {
        expect(outcome).toEqual({ retryInMs: 1000 * 2 ** (attempt - 1) })
        const wait = (outcome as { retryInMs: number }).retryInMs
        expect(job(jobId)).toMatchObject({ state: 'queued', leaseOwner: null, nextAttemptAt: now + wait })
        // Not a millisecond early, even for another worker.
        expect(claimJob(db, 'worker-b', now + wait - 1, 30_000)).toBeUndefined()
        waits.push(wait)
        now += wait
      } else {
        expect(outcome).toEqual({ gaveUp: true })
      }
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000])
    expect(job(jobId)).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, leaseOwner: null })
    const video = db.select().from(videos).where(eq(videos.id, videoId)).get()!
    expect(video.status).toBe('failed')
    expect(video.failureReason).toMatch(/went wrong on our side/)
    expect(db.select().from(usageRecords).where(eq(usageRecords.videoId, videoId)).get()?.voidedAt).toBe(now)
    expect(claimJob(db, 'worker-a', now + 1e9, 30_000)).toBeUndefined()
  })

  it('does not hold up the jobs behind it while it waits', () => {
    const poison = queueJob(1000)
    const other = queueJob(2000)
    const claimed = claimJob(db, 'worker-a', 10_000, 30_000)
    expect(claimed?.id).toBe(poison.jobId)
    retryOrGiveUp(db, claimed!, 'worker-a', 60_000, 10_000)
    expect(claimJob(db, 'worker-a', 10_001, 30_000)?.id).toBe(other.jobId)
  })
})

function videoUser(videoId: string): string {
  return db.select({ userId: videos.userId }).from(videos).where(eq(videos.id, videoId)).get()!.userId
}
