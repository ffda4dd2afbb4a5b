import { Hono } from 'hono'
import { pingDatabase } from '../db.js'
import type { AppEnv } from '../http/env.js'

export const healthRoutes = new Hono<AppEnv>()

healthRoutes.get('/healthz', (c) => {
  c.header('Cache-Control', 'no-store')
  try {
    pingDatabase(c.var.db)
    return c.json({ status: 'ok' })
  } catch {
    return c.json({ status: 'unavailable', reason: 'database' }, 503)
  }
})
