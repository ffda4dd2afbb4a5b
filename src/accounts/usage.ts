import { and, asc, eq, gte, lt } from 'drizzle-orm'
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
