import { and, asc, eq, lte } from 'drizzle-orm'
import { type WebhookDelivery, webhookDeliveries } from '../../db/schema.js'
import type { Db } from '../db.js'
import { postWebhook, type SendPolicy } from './send.js'
import { findWebhookEndpoint } from './service.js'
import { signatureHeader } from './signature.js'

const DAY_MS = 24 * 60 * 60 * 1000

export type DeliveryOptions = {
  db: Db
  policy: SendPolicy
  /** The video as GET /videos/{id} shows it (undefined once deleted). */
  videoJson: (userId: string, videoId: string) => object | undefined
  log: (event: string, fields: Record<string, unknown>) => void
  intervalMs?: number
  /** Wait before the next try after `attempts` failed ones: 30 s doubling, at most an hour. */
  retryDelayMs?: (attempts: number) => number
}

const defaultDelay = (attempts: number) => Math.min(30_000 * 2 ** (attempts - 1), 60 * 60 * 1000)

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
    statusCode = await postWebhook(
      endpoint.url,
      payload,
      {
        'content-type': 'application/json',
        'user-agent': 'Lumina.AI-Webhooks/1',
        'lumina-signature': signatureHeader(endpoint.secret, payload, now),
      },
      options.policy,
    )
  } catch (err) {
    error = err instanceof Error ? err.message.slice(0, 300) : 'failed'
  }
  const delivered = statusCode !== null && statusCode >= 200 && statusCode < 300
  const gaveUp = !delivered && now + (options.retryDelayMs ?? defaultDelay)(attempts) > delivery.createdAt + DAY_MS
  db.update(webhookDeliveries)
    .set({
      attempts,
      lastStatusCode: statusCode,
      lastError: delivered ? null : (error ?? `answered ${statusCode}`),
      status: delivered ? 'delivered' : gaveUp ? 'failed' : 'pending',
      deliveredAt: delivered ? Date.now() : null,
      nextAttemptAt: now + (options.retryDelayMs ?? defaultDelay)(attempts),
    })
    .where(eq(webhookDeliveries.id, delivery.id))
    .run()
  // Ids only: the URL may name a customer and the payload holds their product.
  options.log(delivered ? 'webhook delivered' : 'webhook failed', { deliveryId: delivery.id, attempts, statusCode })
}

/** The background loop: every `intervalMs`, sends what is due, a few at a time. */
export function startWebhookDelivery(options: DeliveryOptions) {
  let running = false
  let stopped = false
  const tick = async () => {
    if (running || stopped) return
    running = true
    try {
      const due = options.db
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, Date.now())))
        .orderBy(asc(webhookDeliveries.nextAttemptAt))
        .limit(10)
        .all()
      await Promise.all(due.map((delivery) => attemptDelivery(options, delivery)))
    } catch (err) {
      options.log('webhook loop failed', { error: err instanceof Error ? err.message : String(err) })
    } finally {
      running = false
    }
  }
  const timer = setInterval(() => void tick(), options.intervalMs ?? 1000)
  timer.unref()
  return {
    tick,
    stop: () => {
      stopped = true
      clearInterval(timer)
    },
  }
}
