import type { KeyObject } from 'node:crypto'
import { and, asc, eq, lte, notInArray, sql } from 'drizzle-orm'
import { type WebhookDelivery, webhookDeliveries } from '../../db/schema.js'
import type { Db } from '../db.js'
import { isPlainWebhookSecret, openWebhookSecret, sealPlainSecretOf, WebhookSecretUnreadable } from './secret-box.js'
import { failureMessage, postWebhook, SEND_FAILURES, type SendPolicy } from './send.js'
import { findWebhookEndpoint } from './service.js'
import { signatureHeader } from './signature.js'

const DAY_MS = 24 * 60 * 60 * 1000
/** Attempts in flight at once, each to a different endpoint. */
export const WEBHOOK_CONCURRENCY = 8

/** Stored when the endpoint's sealed secret cannot be opened (the server key was lost or replaced). */
export const SECRET_UNREADABLE =
  'The signing secret cannot be read on this server: set the webhook again to get a new secret.'

export type DeliveryOptions = {
  db: Db
  policy: SendPolicy
  /** Opens the endpoints' sealed signing secrets (src/webhooks/secret-box.ts). */
  secretsKey: KeyObject
  /** The video as GET /videos/{id} shows it (undefined once deleted). */
  videoJson: (userId: string, videoId: string) => object | undefined
  log: (event: string, fields: Record<string, unknown>) => void
  intervalMs?: number
  /** Attempts in flight at once (WEBHOOK_CONCURRENCY); never two to the same endpoint. */
  concurrency?: number
  /** Wait before the next try after `attempts` failed ones: 30 s doubling, at most an hour. */
  retryDelayMs?: (attempts: number) => number
}

const defaultDelay = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 60 * 60 * 1000)

/** The signing secret in clear; a row still in clear (from before sealing) is sealed on the way. */
function signingSecret(options: DeliveryOptions, userId: string, stored: string): string {
  const secret = openWebhookSecret(options.secretsKey, userId, stored)
  if (isPlainWebhookSecret(stored)) sealPlainSecretOf(options.db, options.secretsKey, userId, stored)
  return secret
}

/** Sends one delivery once; records the outcome. The payload is fixed at the first try. */
export async function attemptDelivery(options: DeliveryOptions, delivery: WebhookDelivery, now = Date.now()) {
  const { db } = options
  const endpoint = findWebhookEndpoint(db, delivery.userId)
  if (!endpoint) {
    db.delete(webhookDeliveries).where(eq(webhookDeliveries.id, delivery.id)).run()
    return
  }
  let payload = delivery.payload
  if (payload === null) {
    const status = delivery.type.slice('video.'.length)
    const video = options.videoJson(delivery.userId, delivery.videoId) ?? { id: delivery.videoId, status }
    payload = JSON.stringify({
      id: delivery.id,
      type: delivery.type,
      createdAt: new Date(delivery.createdAt).toISOString(),
      data: { video },
    })
    db.update(webhookDeliveries).set({ payload }).where(eq(webhookDeliveries.id, delivery.id)).run()
  }
  const attempts = delivery.attempts + 1
  let statusCode: number | null = null
  let error: string | null = null
  try {
    const secret = signingSecret(options, delivery.userId, endpoint.secret)
    statusCode = await postWebhook(
      endpoint.url,
      payload,
      {
        'content-type': 'application/json',
        'user-agent': 'Lumina.AI-Webhooks/1',
        'lumina-signature': signatureHeader(secret, payload, now),
      },
      options.policy,
    )
  } catch (err) {
    error = err instanceof WebhookSecretUnreadable ? SECRET_UNREADABLE : failureMessage(err, options.policy)
  }
  const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300
  const nextAttemptAt = now + (options.retryDelayMs ?? defaultDelay)(attempts)
  const gaveUp = !delivered && nextAttemptAt > delivery.createdAt + DAY_MS
  db.update(webhookDeliveries)
    .set({
      attempts,
      lastStatusCode: statusCode,
      lastError: delivered ? null : (error ?? SEND_FAILURES.answered(statusCode ?? 0)),
      status: delivered ? 'delivered' : gaveUp ? 'failed' : 'pending',
      deliveredAt: delivered ? Date.now() : null,
      nextAttemptAt,
    })
    .where(eq(webhookDeliveries.id, delivery.id))
    .run()
  // Ids only: the URL may name a customer and the payload holds their product.
  options.log(delivered ? 'webhook delivered' : 'webhook failed', { deliveryId: delivery.id, attempts, statusCode })
}

/**
 * Due deliveries to start now: the earliest due one of each endpoint that has none in flight, so
 * one endpoint's backlog or slowness never takes another's turn.
 */
function dueDeliveries(db: Db, busy: string[], slots: number, now: number): WebhookDelivery[] {
  if (slots <= 0) return []
  const d = webhookDeliveries
  return db
    .select()
    .from(d)
    .where(
      and(
        eq(d.status, 'pending'),
        lte(d.nextAttemptAt, now),
        busy.length > 0 ? notInArray(d.userId, busy) : undefined,
        eq(
          d.id,
          sql`(select earliest.id from webhook_deliveries earliest
               where earliest.user_id = ${d.userId} and earliest.status = 'pending' and earliest.next_attempt_at <= ${now}
               order by earliest.next_attempt_at, earliest.id limit 1)`,
        ),
      ),
    )
    .orderBy(asc(d.nextAttemptAt))
    .limit(slots)
    .all()
}

/**
 * The background loop. Every `intervalMs`, and whenever an attempt ends, it fills the free slots
 * with due deliveries: at most `concurrency` attempts at once and one per endpoint, each with its
 * own deadline, so a slow endpoint holds one slot for at most the deadline and never delays
 * another endpoint's delivery. `tick()` answers once the attempts it started have ended.
 */
export function startWebhookDelivery(options: DeliveryOptions) {
  const inFlight = new Map<string, Promise<void>>() // by the endpoint's owner
  const concurrency = options.concurrency ?? WEBHOOK_CONCURRENCY
  let stopped = false
  const tick = async (): Promise<void> => {
    if (stopped) return
    const started: Promise<void>[] = []
    try {
      for (const delivery of dueDeliveries(options.db, [...inFlight.keys()], concurrency - inFlight.size, Date.now())) {
        const attempt = attemptDelivery(options, delivery).then(
          () => {
            inFlight.delete(delivery.userId)
            void tick() // the freed slot's next delivery need not wait for the timer
          },
          (err: unknown) => {
            // Not recorded (e.g. the database failed): the timer tries again, never at once.
            inFlight.delete(delivery.userId)
            options.log('webhook attempt failed', { deliveryId: delivery.id, error: (err as Error)?.name })
          },
        )
        inFlight.set(delivery.userId, attempt)
        started.push(attempt)
      }
    } catch (err) {
      options.log('webhook loop failed', { error: err instanceof Error ? err.message : String(err) })
    }
    await Promise.all(started)
  }
  const timer = setInterval(() => void tick(), options.intervalMs ?? 1000)
  timer.unref()
  return {
    tick,
    /** Starts nothing more; answers once the attempts in flight have ended (each within its deadline). */
    stop: async () => {
      stopped = true
      clearInterval(timer)
      await Promise.all(inFlight.values())
    },
  }
}
