import { eq } from 'drizzle-orm'
import { apiKeys, usageRecords, type User } from '../../db/schema.js'
import type { Db } from '../db.js'
import { planFor } from './plans.js'

/**
 * Everything we hold about a person, as the privacy policy's "Export" right promises.
 * Secrets are represented by what we actually keep: never a hash, only the key's prefix.
 */
export function exportAccount(db: Db, user: User, now = Date.now()) {
  const keys = db.select().from(apiKeys).where(eq(apiKeys.userId, user.id)).all()
  const usage = db.select().from(usageRecords).where(eq(usageRecords.userId, user.id)).all()
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
  return {
    exportedAt: iso(now),
    profile: { id: user.id, email: user.email, plan: planFor(user.plan).id, createdAt: iso(user.createdAt) },
    password: 'Stored only as a scrypt hash, which is not included.',
    apiKeys: keys.map((k) => ({ prefix: k.prefix, createdAt: iso(k.createdAt), revokedAt: iso(k.revokedAt) })),
    usageRecords: usage.map((u) => ({
      videoId: u.videoId,
      shots: u.shots,
      seconds: u.seconds,
      model: u.model,
      createdAt: iso(u.createdAt),
      voidedAt: iso(u.voidedAt),
    })),
  }
}
