import { Hono, type MiddlewareHandler } from 'hono'
import { accountSummary } from '../accounts/service.js'
import { apiBody } from '../http/body-limits.js'
import type { ApiEnv } from '../http/env.js'
import { requireApiKey } from './auth.js'

/** The JSON API under /api/v1: Bearer keys only, never the cookie, so no CSRF check is needed. */
export const apiRoutes = new Hono<ApiEnv>()
apiRoutes.use('*', apiBody, requireApiKey as unknown as MiddlewareHandler<ApiEnv>)

apiRoutes.get('/me', (c) => {
  const user = c.var.user
  const account = accountSummary(c.var.db, user)
  return c.json({
    id: user.id,
    email: account.email,
    createdAt: new Date(account.createdAt).toISOString(),
    plan: account.allowance.plan,
    usage: {
      videosThisMonth: account.allowance.used,
      monthlyQuota: account.allowance.quota,
      resetsAt: new Date(account.allowance.resetsAt).toISOString(),
    },
    apiKeyPrefix: account.apiKeyPrefix,
  })
})
