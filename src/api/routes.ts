import { Hono } from 'hono'
import { accountSummary } from '../accounts/service.js'
import type { AppEnv } from '../http/env.js'
import { requireApiKey } from './auth.js'

export const apiRoutes = new Hono<AppEnv>()
apiRoutes.use('*', requireApiKey)

apiRoutes.get('/me', (c) => {
  const user = c.var.user!
  const account = accountSummary(c.var.db, user)
  return c.json({
    id: user.id,
    email: account.email,
    createdAt: new Date(account.createdAt).toISOString(),
    plan: account.plan,
    usage: {
      videosThisMonth: account.usage.used,
      monthlyQuota: account.plan.monthlyVideos,
      resetsAt: new Date(account.usage.resetsAt).toISOString(),
    },
    apiKeyPrefix: account.apiKeyPrefix,
  })
})
