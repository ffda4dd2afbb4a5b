import { createHash, timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import { clientAddress } from '../http/client-address.js'
import type { AppEnv } from '../http/env.js'
import { waitMessage } from '../http/limits.js'
import type { AppMetrics } from './metrics.js'

const digest = (text: string) => createHash('sha256').update(text).digest()

/**
 * GET /metrics for Prometheus, with `Authorization: Bearer <METRICS_TOKEN>`. Mounted only when
 * METRICS_TOKEN is set, so without it /metrics is as unknown as any other path (404). The token
 * is compared as SHA-256 digests with timingSafeEqual: the time taken says nothing about it.
 * The operator chooses the token (16 characters at least), so guesses are limited per client
 * address like failed API keys (10 in 15 minutes); past the limit no token is compared at all,
 * or a guesser could go on and tell the right one by its 200.
 */
export function metricsRoutes(metrics: AppMetrics, token: string): Hono<AppEnv> {
  const expected = digest(token)
  const routes = new Hono<AppEnv>()
  routes.get('/metrics', async (c) => {
    c.header('Cache-Control', 'no-store')
    const failures = c.var.deps.limits.metricsTokenFailures
    const address = `addr:${clientAddress(c)}`
    if (failures.isFull(address)) {
      const refused = failures.hit(address) // records nothing: the address is at its limit
      const wait = refused.ok ? 1 : refused.retryAfterSeconds
      return c.text(`${waitMessage(wait)}\n`, 429, { 'Retry-After': String(wait) })
    }
    const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1]
    if (!given || !timingSafeEqual(digest(given), expected)) {
      failures.hit(address)
      return c.text('A valid metrics token is required.\n', 401, { 'WWW-Authenticate': 'Bearer realm="metrics"' })
    }
    return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType })
  })
  return routes
}
