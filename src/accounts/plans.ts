import { and, count, eq, gte, isNull } from 'drizzle-orm'
import { usageRecords } from '../../db/schema.js'
import type { PlanId, ShotStatus } from '../../db/states.js'
import type { Db } from '../db.js'

// The one place plans, their monthly video quotas and how many of a person's videos may render
// at once (so one person's queue cannot take every render slot) are defined.
export const plans = {
  free: { name: 'Free', monthlyVideos: 3, concurrentRenders: 1 },
  creator: { name: 'Creator', monthlyVideos: 30, concurrentRenders: 2 },
  studio: { name: 'Studio', monthlyVideos: 150, concurrentRenders: 3 },
} as const satisfies Record<PlanId, { name: string; monthlyVideos: number; concurrentRenders: number }>

export type { PlanId }
export const defaultPlan: PlanId = 'free'

export type Plan = { id: PlanId; name: string; monthlyVideos: number; concurrentRenders: number }

export function planFor(id: PlanId): Plan {
  return { id, ...plans[id] }
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
  const { start } = quotaMonth(now)
  return (
    db
      .select({ n: count() })
      .from(usageRecords)
      .where(and(eq(usageRecords.userId, userId), gte(usageRecords.createdAt, start), isNull(usageRecords.voidedAt)))
      .get()?.n ?? 0
  )
}

export type Allowance = { plan: Plan; used: number; quota: number; left: number; resetsAt: number }

/** Where this person stands against their plan's monthly quota: the one answer pages, API and render share. */
export function allowance(db: Pick<Db, 'select'>, user: { id: string; plan: PlanId }, now = Date.now()): Allowance {
  const plan = planFor(user.plan)
  const used = videosUsedThisMonth(db, user.id, now)
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
