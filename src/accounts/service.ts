import { and, count, desc, eq, gte, isNull, type SQLWrapper, sql } from 'drizzle-orm'
import {
  apiKeys,
  briefs,
  images,
  sessions,
  tracks,
  type User,
  usageRecords,
  users,
  videos,
  webhookEndpoints,
} from '../../db/schema.js'
import type { AccountView } from '../../views/accounts/account.js'
import { type Db, preparedPerDb } from '../db.js'
import type { Locale } from '../i18n/locales.js'
import type { MailContext } from '../mail/compose.js'
import { dropMailFor, queueMail } from '../mail/outbox.js'
import { removeUserFiles } from '../storage.js'
import { findWebhookEndpoint, recentDeliveries } from '../webhooks/service.js'
import { notices } from './notices.js'
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords.js'
import { type Allowance, allowanceOf, chargedSince, quotaMonth, type StorageCaps } from './plans.js'
import { type MonthlyStatement, monthlyStatements } from './statements.js'
import { keptVideosOf, type StorageUsage, storageCaps } from './storage-caps.js'
import { recordTombstone } from './tombstones.js'

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

/**
 * Checks an email and password. Unknown emails take as long as wrong passwords, and both
 * give the same null, so the answer never tells whether an account exists.
 * Re-hashes the password when the stored scrypt parameters are out of date.
 */
export async function authenticate(db: Db, email: string, password: string): Promise<User | null> {
  const user = db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get()
  const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()))
  // A disabled account (admin CLI) cannot sign in; it is told no more than a wrong password is.
  if (!user || !ok || user.disabledAt !== null) return null
  if (needsRehash(user.passwordHash)) {
    const passwordHash = await hashPassword(password)
    db.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run()
    return { ...user, passwordHash }
  }
  return user
}

export function findUser(db: Db, userId: string): User | undefined {
  return db.select().from(users).where(eq(users.id, userId)).get()
}

/** The language a person chose with the switch on every page: their pages and their mail follow it. */
export function saveLocale(db: Db, userId: string, locale: Locale): void {
  db.update(users).set({ locale }).where(eq(users.id, userId)).run()
}

export type AccountSummary = {
  email: string
  createdAt: number
  allowance: Allowance
  /** What this person stores against their plan's caps. */
  storage: { usage: StorageUsage; caps: StorageCaps }
  apiKeyPrefix: string | null
  webhook: AccountView['webhook']
  activeSessions: number
  statements: MonthlyStatement[]
  /** The latest usage records, newest first, with the video's title while the video exists. */
  recentUsage: AccountView['recentUsage']
}

function webhookSummary(db: Db, userId: string): AccountSummary['webhook'] {
  const endpoint = findWebhookEndpoint(db, userId)
  if (!endpoint) return null
  const deliveries = recentDeliveries(db, userId, 10).map(
    ({ id, type, status, attempts, lastStatusCode, createdAt }) => ({
      id,
      type,
      status,
      attempts,
      lastStatusCode,
      createdAt,
    }),
  )
  return { url: endpoint.url, deliveries }
}

export function accountSummary(db: Db, user: User, now = Date.now()): AccountSummary {
  const { counts, recentUsage } = summaryQueries(db)
  const found = counts.get({ userId: user.id, now, monthStart: quotaMonth(now).start })
  return {
    email: user.email,
    createdAt: user.createdAt,
    allowance: allowanceOf(user.plan, found?.used ?? 0, now),
    storage: {
      usage: {
        images: found?.images ?? 0,
        imageBytes: found?.imageBytes ?? 0,
        briefs: found?.briefs ?? 0,
        videosKept: found?.videosKept ?? 0,
        tracks: found?.tracks ?? 0,
        trackBytes: found?.trackBytes ?? 0,
      },
      caps: storageCaps(user.plan),
    },
    apiKeyPrefix: found?.apiKeyPrefix ?? null,
    webhook: found?.webhookUrl ? webhookSummary(db, user.id) : null,
    activeSessions: found?.activeSessions ?? 0,
    statements: monthlyStatements(db, user),
    recentUsage: recentUsage
      .all({ userId: user.id })
      .map(({ voidedAt, ...r }) => ({ ...r, voided: voidedAt !== null })),
  }
}

/**
 * The account page's numbers in one statement (a scalar subquery each), and its latest usage
 * records in a second; prepared once. The quota and kept-videos counts use the same conditions
 * as plans.ts and storage-caps.ts.
 */
const summaryQueries = preparedPerDb((db) => {
  const userId = sql.placeholder('userId')
  const scalar = <T>(query: SQLWrapper) => sql<T>`(${query})`
  return {
    counts: db
      .select({
        apiKeyPrefix: scalar<string | null>(
          db
            .select({ prefix: apiKeys.prefix })
            .from(apiKeys)
            .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
            .limit(1),
        ),
        activeSessions: scalar<number>(
          db
            .select({ n: count() })
            .from(sessions)
            .where(and(eq(sessions.userId, userId), gte(sessions.expiresAt, sql.placeholder('now')))),
        ),
        used: scalar<number>(
          db
            .select({ n: count() })
            .from(usageRecords)
            .where(chargedSince(userId, sql.placeholder('monthStart'))),
        ),
        images: scalar<number>(db.select({ n: count() }).from(images).where(eq(images.userId, userId))),
        imageBytes: scalar<number>(
          db
            .select({ bytes: sql`coalesce(sum(${images.bytes}), 0)` })
            .from(images)
            .where(eq(images.userId, userId)),
        ),
        briefs: scalar<number>(db.select({ n: count() }).from(briefs).where(eq(briefs.userId, userId))),
        videosKept: scalar<number>(db.select({ n: count() }).from(videos).where(keptVideosOf(userId))),
        tracks: scalar<number>(db.select({ n: count() }).from(tracks).where(eq(tracks.userId, userId))),
        trackBytes: scalar<number>(
          db
            .select({ bytes: sql`coalesce(sum(${tracks.bytes}), 0)` })
            .from(tracks)
            .where(eq(tracks.userId, userId)),
        ),
        webhookUrl: scalar<string | null>(
          db.select({ url: webhookEndpoints.url }).from(webhookEndpoints).where(eq(webhookEndpoints.userId, userId)),
        ),
      })
      .from(users)
      .where(eq(users.id, userId))
      .prepare(),
    recentUsage: db
      .select({
        createdAt: usageRecords.createdAt,
        title: videos.title,
        videoId: usageRecords.videoId,
        shots: usageRecords.shots,
        seconds: usageRecords.seconds,
        voidedAt: usageRecords.voidedAt,
      })
      .from(usageRecords)
      .leftJoin(videos, eq(videos.id, usageRecords.videoId))
      .where(eq(usageRecords.userId, userId))
      .orderBy(desc(usageRecords.createdAt))
      .limit(12)
      .prepare(),
  }
})

/**
 * Deletes the person and, through ON DELETE CASCADE, their sessions, API keys, usage records,
 * briefs, images, screenplays, videos and render jobs; then every file under their folder.
 * A render in progress loses its job row, so the worker's next guarded write stops it.
 * `onlyIf` is checked on the account as it is inside the deleting transaction (say, still
 * unconfirmed): when it says no, nothing is deleted and the answer is false.
 */
export async function deleteAccount(
  db: Db,
  dataDir: string,
  userId: string,
  options: { mail?: MailContext; now?: number; onlyIf?: (user: User) => boolean } = {},
): Promise<boolean> {
  const now = options.now ?? Date.now()
  const deleted = db.transaction(
    (tx) => {
      const user = tx.select().from(users).where(eq(users.id, userId)).get()
      if (!user) return true // the rows are gone already; files a crash left behind go below
      if (options.onlyIf && !options.onlyIf(user)) return false
      // Mail still waiting for them goes; the last notice is kept apart from the account (no user id)
      // and leaves the outbox as soon as it is sent.
      dropMailFor(tx, userId)
      if (options.mail) queueMail(tx, notices.accountDeleted(options.mail, user), { userId: null, now })
      tx.delete(users).where(eq(users.id, userId)).run()
      recordTombstone(tx, userId, now)
      return true
    },
    { behavior: 'immediate' },
  )
  if (deleted) await removeUserFiles(dataDir, userId)
  return deleted
}
