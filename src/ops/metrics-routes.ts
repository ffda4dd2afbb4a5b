import { createHash, timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import type { AppEnv } from '../http/env.js'
import type { AppMetrics } from './metrics.js'

const digest = (text: string) => createHash('sha256').update(text).digest()

/**
 * GET /metrics for Prometheus, with `Authorization: Bearer <METRICS_TOKEN>`. Mounted only when
 * METRICS_TOKEN is set, so without it /metrics is as unknown as any other path (404). The token
 * is compared as SHA-256 digests with timingSafeEqual: the time taken says nothing about it.
 */
export function metricsRoutes(metrics: AppMetrics, token: string): Hono<AppEnv> {
  const expected = digest(token)
  const routes = new Hono<AppEnv>()
  routes.get('/metrics', async (c) => {
    c.header('Cache-Control', 'no-store')
    const given = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1]
    if (!given || !timingSafeEqual(digest(given), expected)) {
      return c.text('A valid metrics token is required.\n', 401, { 'WWW-Authenticate': 'Bearer realm="metrics"' })
    }
    return c.body(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType })
  })
  return routes
}
