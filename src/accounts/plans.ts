// The one place plans and their monthly video quotas are defined.
export const plans = {
  free: { name: 'Free', monthlyVideos: 3 },
  creator: { name: 'Creator', monthlyVideos: 30 },
  studio: { name: 'Studio', monthlyVideos: 150 },
} as const

export type PlanId = keyof typeof plans
export const defaultPlan: PlanId = 'free'

export function planFor(id: string): (typeof plans)[PlanId] & { id: PlanId } {
  const known = (Object.keys(plans) as PlanId[]).includes(id as PlanId) ? (id as PlanId) : defaultPlan
  return { id: known, ...plans[known] }
}

/** Quotas follow the calendar month in UTC: [start of this month, start of next month). */
export function quotaMonth(now: number): { start: number; resetsAt: number } {
  const d = new Date(now)
  return {
    start: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1),
    resetsAt: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1),
  }
}
