import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { mailContext, notices } from '../accounts/notices.js'
import type { Db } from '../db.js'
import { apiBody } from '../http/body-limits.js'
import type { ApiEnv } from '../http/env.js'
import { detail } from '../http/problem.js'
import { queueMail } from '../mail/outbox.js'
import { addressPolicy, checkWebhookUrl, WebhookRefused } from '../webhooks/address-guard.js'
import {
  deleteWebhookEndpoint,
  findWebhookEndpoint,
  recentDeliveries,
  setWebhookEndpoint,
} from '../webhooks/service.js'
import { fail, invalid, iso, isoOrNull, json, problems } from './openapi.js'

const DeliverySchema = z
  .object({
    id: z.string(),
    type: z.enum(['video.succeeded', 'video.failed', 'video.canceled']),
    videoId: z.string(),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
  })
  .openapi('WebhookDelivery')

const WebhookSchema = z
  .object({ url: z.string(), createdAt: z.string(), deliveries: z.array(DeliverySchema) })
  .openapi('Webhook')

const WebhookCreatedSchema = z
  .object({
    url: z.string(),
    createdAt: z.string(),
    secret: z.string().openapi({ description: 'The signing secret. Shown this once: store it now.' }),
  })
  .openapi('WebhookCreated')

export function webhookRoutes(hook: ConstructorParameters<typeof OpenAPIHono<ApiEnv>>[0]) {
  const routes = new OpenAPIHono<ApiEnv>(hook)

  routes.openapi(
    createRoute({
      method: 'put',
      path: '/webhook',
      tags: ['Webhooks'],
      summary: 'Set the webhook endpoint (a new signing secret, shown once)',
      description:
        'Events `video.succeeded`, `video.failed` and `video.canceled` are POSTed to this URL with the header `Lumina-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, retried with backoff for 24 hours until it answers 2xx within 10 seconds (the whole answer). The URL must reach a public address; in production it must be https.',
      middleware: [apiBody] as const,
      request: {
        body: {
          required: true,
          content: { 'application/json': { schema: z.object({ url: z.string().max(2000) }).openapi('WebhookSet') } },
        },
      },
      responses: { 200: json(WebhookCreatedSchema, 'The endpoint and its secret.'), ...problems(400, 415, 422) },
    }),
    (c) => {
      try {
        const url = checkWebhookUrl(c.req.valid('json').url, addressPolicy(c.var.config))
        // The owner hears of a new secret by mail, written in the same transaction.
        const db: Db = c.var.db
        const endpoint = db.transaction((tx) => {
          const created = setWebhookEndpoint(tx, c.var.deps.runtime.webhookSecretsKey, c.var.user.id, url.href)
          const notice = notices.webhookSecretCreated(mailContext(c.var.config), c.var.user, url.host)
          queueMail(tx, notice, { userId: c.var.user.id })
          return created
        })
        return c.json({ url: endpoint.url, createdAt: iso(endpoint.createdAt), secret: endpoint.secret }, 200)
      } catch (err) {
        if (err instanceof WebhookRefused) return invalid(c, [{ field: 'url', message: err.said }], err.said)
        throw err
      }
    },
  )

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/webhook',
      tags: ['Webhooks'],
      summary: 'The webhook endpoint and its recent deliveries',
      responses: { 200: json(WebhookSchema, 'The endpoint.'), ...problems(404) },
    }),
    (c) => {
      const endpoint = findWebhookEndpoint(c.var.db, c.var.user.id)
      if (!endpoint) return fail(c, 404, 'Not found', detail('api.problem.noWebhookSetOne'))
      const deliveries = recentDeliveries(c.var.db, c.var.user.id).map((d) => ({
        id: d.id,
        type: d.type,
        videoId: d.videoId,
        status: d.status,
        attempts: d.attempts,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        createdAt: iso(d.createdAt),
        deliveredAt: isoOrNull(d.deliveredAt),
        nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
      }))
      return c.json({ url: endpoint.url, createdAt: iso(endpoint.createdAt), deliveries }, 200)
    },
  )

  routes.openapi(
    createRoute({
      method: 'delete',
      path: '/webhook',
      tags: ['Webhooks'],
      summary: 'Remove the webhook endpoint',
      responses: { 204: { description: 'Removed.' }, ...problems(404) },
    }),
    (c) =>
      deleteWebhookEndpoint(c.var.db, c.var.user.id)
        ? c.body(null, 204)
        : fail(c, 404, 'Not found', detail('api.problem.noWebhook')),
  )
  return routes
}
