import { desc, eq, sql } from 'drizzle-orm'
import { type User, usageRecords, videos } from '../../db/schema.js'
import type { PlanId } from '../../db/states.js'
import { type Db, preparedPerDb } from '../db.js'
import { translatorFor } from '../i18n/translate.js'
import { planFor } from './plans.js'
import { monthRange, usageOfMonth } from './usage.js'

/** One month of billing, as the account page lists it: what counted, what was voided, on which plan. */
export type MonthlyStatement = {
  month: string
  plan: string
  quota: number
  videos: number
  seconds: number
  voided: number
}

/**
 * Every month the person rendered in, newest first. A month's plan is the one its videos were
 * charged to (the newest record's); records from before plans were recorded show today's plan.
 */
export function monthlyStatements(db: Db, user: User): MonthlyStatement[] {
  const rows = statementQuery(db).all({ userId: user.id })
  return rows.map((r) => {
    const plan = planFor(r.plan ?? user.plan)
    return {
      month: r.month,
      plan: plan.name,
      quota: plan.monthlyVideos,
      videos: r.videos,
      seconds: r.seconds,
      voided: r.voided,
    }
  })
}

// Prepared once per database: building this query each time cost more than running it.
const statementQuery = preparedPerDb((db) =>
  db
    .select({
      month: sql<string>`strftime('%Y-%m', ${usageRecords.createdAt} / 1000, 'unixepoch')`,
      videos: sql<number>`sum(${usageRecords.voidedAt} IS NULL)`,
      voided: sql<number>`sum(${usageRecords.voidedAt} IS NOT NULL)`,
      seconds: sql<number>`coalesce(sum(CASE WHEN ${usageRecords.voidedAt} IS NULL THEN ${usageRecords.seconds} END), 0)`,
      plan: sql<PlanId | null>`(SELECT u2.plan FROM usage_records u2 WHERE u2.user_id = ${usageRecords.userId}
        AND strftime('%Y-%m', u2.created_at / 1000, 'unixepoch') = strftime('%Y-%m', ${usageRecords.createdAt} / 1000, 'unixepoch')
        AND u2.plan IS NOT NULL ORDER BY u2.created_at DESC LIMIT 1)`,
    })
    .from(usageRecords)
    .where(eq(usageRecords.userId, sql.placeholder('userId')))
    .groupBy(sql`1`)
    .orderBy(desc(sql`1`))
    .prepare(),
)

const csvCell = (value: string | number) => {
  const text = String(value)
  // Quote what needs it, and keep a spreadsheet from reading a title as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/**
 * One month's records as CSV, one line per video, voided ones marked; undefined for a bad month.
 * Its headers and words are in the account's language (English when it has none); the times stay
 * ISO 8601, which every spreadsheet reads.
 */
export function statementCsv(db: Db, user: User, month: string): string | undefined {
  if (!monthRange(month)) return undefined
  const titles = new Map(
    db
      .select({ id: videos.id, title: videos.title })
      .from(videos)
      .where(eq(videos.userId, user.id))
      .all()
      .map((v) => [v.id, v.title]),
  )
  const { t } = translatorFor(user.locale)
  const header = [
    t('account.csv.date'),
    t('account.csv.videoId'),
    t('account.csv.title'),
    t('account.csv.shots'),
    t('account.csv.seconds'),
    t('account.csv.plan'),
    t('account.csv.counted'),
    t('account.csv.voidedAt'),
  ]
  const lines = usageOfMonth(db, user.id, month).map((r) => [
    new Date(r.createdAt).toISOString(),
    r.videoId,
    titles.get(r.videoId) ?? t('account.csv.deleted'),
    r.shots,
    r.seconds,
    t('account.planName', { plan: planFor(r.plan ?? user.plan).name }),
    r.voidedAt === null ? t('account.csv.yes') : t('account.csv.no'),
    r.voidedAt === null ? '' : new Date(r.voidedAt).toISOString(),
  ])
  return `${[header, ...lines].map((l) => l.map(csvCell).join(',')).join('\r\n')}\r\n`
}
