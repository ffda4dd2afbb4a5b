import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm'
import { type UsageRecord, usageRecords } from '../../db/schema.js'
import type { Db } from '../db.js'

/** A calendar month in UTC, as YYYY-MM, to [start, end) in milliseconds. */
export function monthRange(month: string): { start: number; end: number } | undefined {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month)
  if (!match) return undefined
  const year = Number(match[1])
  const index = Number(match[2]) - 1
  return { start: Date.UTC(year, index, 1), end: Date.UTC(year, index + 1, 1) }
}

export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7)
}

/** The person's usage records of one month, oldest first, voided ones included (they say so). */
export function usageOfMonth(db: Db, userId: string, month: string): UsageRecord[] {
  const range = monthRange(month)
  if (!range) return []
  return db
    .select()
    .from(usageRecords)
    .where(
      and(
        eq(usageRecords.userId, userId),
        gte(usageRecords.createdAt, range.start),
        lt(usageRecords.createdAt, range.end),
      ),
    )
    .orderBy(asc(usageRecords.createdAt))
    .all()
}

/** What LibTV charged in one month (UTC, by when each video was started), for the operator. */
export type MonthlyPoints = { month: string; videos: number; points: number }

/**
 * Points LibTV reported charging, per month, newest first: one person's (`userId`) or everyone's.
 * From the usage records, so a deleted video's points still count; voided videos included (a
 * failed one LibTV charged nothing for adds 0).
 */
export function pointsByMonth(db: Db, userId?: string): MonthlyPoints[] {
  const month = sql<string>`strftime('%Y-%m', ${usageRecords.createdAt} / 1000, 'unixepoch')`
  return db
    .select({
      month,
      videos: sql<number>`count(*)`,
      points: sql<number>`coalesce(sum(${usageRecords.pointsCost}), 0)`,
    })
    .from(usageRecords)
    .where(userId === undefined ? undefined : eq(usageRecords.userId, userId))
    .groupBy(month)
    .orderBy(desc(month))
    .all()
}
