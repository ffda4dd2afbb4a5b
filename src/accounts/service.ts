import { and, count, desc, eq, gte, isNull } from 'drizzle-orm'
import { apiKeys, sessions, type User, usageRecords, users, videos } from '../../db/schema.js'
import type { AccountView } from '../../views/accounts/account.js'
import type { Db } from '../db.js'
import type { MailContext } from '../mail/compose.js'
import { dropMailFor, queueMail } from '../mail/outbox.js'
import { removeUserFiles } from '../storage.js'
import { findWebhookEndpoint, recentDeliveries } from '../webhooks/service.js'
import { notices } from './notices.js'
import { decoyPasswordHash, hashPassword, needsRehash, verifyPassword } from './passwords.js'
import { type Allowance, allowance, type StorageCaps } from './plans.js'
import { type MonthlyStatement, monthlyStatements } from './statements.js'
import { type StorageUsage, storageCaps, storageUsage } from './storage-caps.js'
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

export type AccountSummary = {
  email: string
  createdAt: number
  allowance: Allowance
  /** What this person stores against their plan's caps. */
  storage: { usage: StorageUsage; caps: StorageCaps }
  apiKeyPrefix: string | null
  webhook: AccountView['webhook']
  activeSessions: number
  emailConfirmed: boolean
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
  const key = db
    .select({ prefix: apiKeys.prefix })
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, user.id), isNull(apiKeys.revokedAt)))
    .get()
  const sessionCount = db
    .select({ n: count() })
    .from(sessions)
    .where(and(eq(sessions.userId, user.id), gte(sessions.expiresAt, now)))
    .get()
  return {
    email: user.email,
    createdAt: user.createdAt,
    allowance: allowance(db, user, now),
    storage: { usage: storageUsage(db, user.id), caps: storageCaps(user.plan) },
    apiKeyPrefix: key?.prefix ?? null,
    webhook: webhookSummary(db, user.id),
    activeSessions: sessionCount?.n ?? 0,
    emailConfirmed: user.emailConfirmedAt !== null,
    statements: monthlyStatements(db, user),
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
      .where(eq(usageRecords.userId, user.id))
      .orderBy(desc(usageRecords.createdAt))
      .limit(12)
      .all()
      .map(({ voidedAt, ...r }) => ({ ...r, voided: voidedAt !== null })),
  }
}

/**
 * Deletes the person and, through ON DELETE CASCADE, their sessions, API keys, usage records,
 * briefs, images, screenplays, videos and render jobs; then every file under their folder.
 * A render in progress loses its job row, so the worker's next guarded write stops it.
 */
export async function deleteAccount(
  db: Db,
  dataDir: string,
  userId: string,
  options: { mail?: MailContext; now?: number } = {},
): Promise<void> {
  const now = options.now ?? Date.now()
  db.transaction((tx) => {
    const user = tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).get()
    if (!user) return
    // Mail still waiting for them goes; the last notice is kept apart from the account (no user id)
    // and leaves the outbox as soon as it is sent.
    dropMailFor(tx, userId)
    if (options.mail) queueMail(tx, notices.accountDeleted(options.mail, user.email), { userId: null, now })
    tx.delete(users).where(eq(users.id, userId)).run()
    recordTombstone(tx, userId, now)
  })
  await removeUserFiles(dataDir, userId)
}
