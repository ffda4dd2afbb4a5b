import { and, count, eq, gte, isNull, type SQL, type SQLWrapper } from 'drizzle-orm'
import { usageRecords } from '../../db/schema.js'
import type { PlanId, ShotStatus } from '../../db/states.js'
import type { Db } from '../db.js'

/**
 * What a person may keep on our disk (src/accounts/storage-caps.ts asks the questions). Photos
 * count the stored JPEG; "videos kept" counts finished videos and those still rendering, since
 * each of those becomes a kept video.
 */
export type StorageCaps = {
  images: number
  imageMegabytes: number
  briefs: number
  versionsPerBrief: number
  videosKept: number
  /** A person's own music (src/tracks): how many, and their re-encoded files' megabytes. */
  tracks: number
  trackMegabytes: number
}

// The one place plans are defined: monthly video quotas, how many of a person's videos may render
// at once (so one person's queue cannot take every render slot), and storage caps. Storage
// keeps about three months of the plan's videos; a brief needs one photo, so twice as many photos
// as briefs leaves room for previews that were never saved (removed after a day).
export const plans = {
  free: {
    name: 'Free',
    monthlyVideos: 3,
    concurrentRenders: 1,
    storage: {
      images: 20,
      imageMegabytes: 200,
      briefs: 10,
      versionsPerBrief: 20,
      videosKept: 10,
      tracks: 10,
      trackMegabytes: 100,
    },
  },
  creator: {
    name: 'Creator',
    monthlyVideos: 30,
    concurrentRenders: 2,
    storage: {
      images: 200,
      imageMegabytes: 2_000,
      briefs: 100,
      versionsPerBrief: 50,
      videosKept: 100,
      tracks: 50,
      trackMegabytes: 500,
    },
  },
  studio: {
    name: 'Studio',
    monthlyVideos: 150,
    concurrentRenders: 3,
    storage: {
      images: 1_000,
      imageMegabytes: 10_000,
      briefs: 500,
      versionsPerBrief: 100,
      videosKept: 500,
      tracks: 200,
      trackMegabytes: 2_000,
    },
  },
} as const satisfies Record<
  PlanId,
  { name: string; monthlyVideos: number; concurrentRenders: number; storage: StorageCaps }
>

export type { PlanId }
export const defaultPlan: PlanId = 'free'

export type Plan = { id: PlanId; name: string; monthlyVideos: number; concurrentRenders: number }

/** The plan as pages and the API show it; its storage caps are asked for with storageCaps(). */
export function planFor(id: PlanId): Plan {
  const { storage: _caps, ...plan } = plans[id]
  return { id, ...plan }
}

/** Quotas follow the calendar month in UTC: [start of this month, start of next month). */
export function quotaMonth(now: number): { start: number; resetsAt: number } {
  const d = new Date(now)
  return {
    start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
    resetsAt: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
  }
}

/** Videos charged to this person this month: usage records not voided (a failed or canceled render is). */
export function videosUsedThisMonth(db: Pick<Db, 'select'>, userId: string, now = Date.now()): number {
  return (
    db
      .select({ n: count() })
      .from(usageRecords)
      .where(chargedSince(userId, quotaMonth(now).start))
      .get()?.n ?? 0
  )
}

/** The usage records charged since `monthStart` (values or placeholders): the one definition every count uses. */
export function chargedSince(userId: string | SQLWrapper, monthStart: number | SQLWrapper): SQL | undefined {
  return and(eq(usageRecords.userId, userId), gte(usageRecords.createdAt, monthStart), isNull(usageRecords.voidedAt))
}

export type Allowance = { plan: Plan; used: number; quota: number; left: number; resetsAt: number }

/** Where this person stands against their plan's monthly quota: the one answer pages, API and render share. */
export function allowance(db: Pick<Db, 'select'>, user: { id: string; plan: PlanId }, now = Date.now()): Allowance {
  return allowanceOf(user.plan, videosUsedThisMonth(db, user.id, now), now)
}

/** The same answer from a count already made (the account page counts everything in one query). */
export function allowanceOf(planId: PlanId, used: number, now = Date.now()): Allowance {
  const plan = planFor(planId)
  return {
    plan,
    used,
    quota: plan.monthlyVideos,
    left: Math.max(0, plan.monthlyVideos - used),
    resetsAt: quotaMonth(now).resetsAt,
  }
}

/**
 * Whether a video canceled now still counts against the quota. LibTV has no cancel call and
 * charges for every task it accepts, so canceling is free only while none of the video's shots
 * has been sent: no task id, still `queued` (the worker marks a shot before sending it).
 */
export function cancelStillCounts(shots: readonly { status: ShotStatus; taskId: string | null }[]): boolean {
  return shots.some((shot) => shot.taskId !== null || shot.status !== 'queued')
}

/** Shots LibTV has taken on (or that were being sent), as a failed video leaves them. */
const AT_LIBTV: readonly ShotStatus[] = ['submitted', 'running', 'moderating', 'downloading', 'done']

/**
 * Whether a failed video still counts: only when LibTV charged for it. It did when a task of the
 * video reported points (a clip its moderation withheld is charged), when a shot finished there
 * (downloading or done, even if the model reports no points), or when a shot was still at LibTV as
 * the video failed: LibTV has no cancel call and charges for the tasks it runs, as with a cancel.
 * So a failed video counts nothing only when every task LibTV accepted ended uncharged (or none
 * was accepted).
 */
export function failureStillCounts(shots: readonly { status: ShotStatus; pointsCost: number | null }[]): boolean {
  return shots.some((shot) => (shot.pointsCost ?? 0) > 0 || AT_LIBTV.includes(shot.status))
}
