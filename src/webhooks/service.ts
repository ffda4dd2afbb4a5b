import { type KeyObject, randomBytes, randomUUID } from 'node:crypto'
import { and, desc, eq } from 'drizzle-orm'
import { type WebhookDelivery, type WebhookEndpoint, webhookDeliveries, webhookEndpoints } from '../../db/schema.js'
import type { WebhookEventType } from '../../db/states.js'
import type { Db } from '../db.js'
import { sealWebhookSecret } from './secret-box.js'

type Tx = Pick<Db, 'insert' | 'select'>

/**
 * Sets (or replaces) the account's endpoint with a new signing secret. The row keeps the secret
 * sealed with the server key; the answer carries it in clear, to be shown to its owner once.
 */
export function setWebhookEndpoint(
  db: Pick<Db, 'insert'>,
  key: KeyObject,
  userId: string,
  url: string,
  now = Date.now(),
): WebhookEndpoint {
  const secret = `whsec_${randomBytes(24).toString('base64url')}`
  const sealed = sealWebhookSecret(key, userId, secret)
  db.insert(webhookEndpoints)
    .values({ userId, url, secret: sealed, createdAt: now })
    .onConflictDoUpdate({ target: webhookEndpoints.userId, set: { url, secret: sealed, createdAt: now } })
    .run()
  return { userId, url, secret, createdAt: now }
}

/** The endpoint as stored: its `secret` is sealed (src/webhooks/secret-box.ts). */
export function findWebhookEndpoint(db: Pick<Db, 'select'>, userId: string): WebhookEndpoint | undefined {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.userId, userId)).get()
}

/** Removes the endpoint; deliveries still waiting are dropped with it (nobody to send them to). */
export function deleteWebhookEndpoint(db: Db, userId: string): boolean {
  return db.transaction((tx) => dropWebhookEndpoint(tx, userId))
}

/** deleteWebhookEndpoint inside the caller's transaction. */
export function dropWebhookEndpoint(tx: Pick<Db, 'delete'>, userId: string): boolean {
  const removed = tx.delete(webhookEndpoints).where(eq(webhookEndpoints.userId, userId)).run().changes > 0
  tx.delete(webhookDeliveries)
    .where(and(eq(webhookDeliveries.userId, userId), eq(webhookDeliveries.status, 'pending')))
    .run()
  return removed
}

/**
 * Queues a video event for the owner's endpoint, if they have one. Called inside the transaction
 * that writes the video's final state, so an event is recorded exactly when the state is.
 */
export function queueVideoEvent(tx: Tx, userId: string, videoId: string, type: WebhookEventType, now = Date.now()) {
  if (!findWebhookEndpoint(tx, userId)) return
  tx.insert(webhookDeliveries)
    .values({ id: `evt_${randomUUID()}`, userId, type, videoId, status: 'pending', nextAttemptAt: now, createdAt: now })
    .run()
}

export function recentDeliveries(db: Db, userId: string, limit = 20): WebhookDelivery[] {
  return db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.userId, userId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit)
    .all()
}
