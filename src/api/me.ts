import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { exportZip } from '../accounts/export.js'
import { allowance } from '../accounts/plans.js'
import { accountSummary } from '../accounts/service.js'
import { monthOf, monthRange, usageOfMonth } from '../accounts/usage.js'
import type { ApiEnv } from '../http/env.js'
import { detail } from '../http/problem.js'
import { invalid, iso, isoOrNull, json, problems } from './openapi.js'
import { MeSchema, UsageSchema } from './schemas.js'

export function meRoutes(hook: ConstructorParameters<typeof OpenAPIHono<ApiEnv>>[0]) {
  const routes = new OpenAPIHono<ApiEnv>(hook)

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Account'],
      summary: 'Your profile, plan and this month’s usage',
      responses: { 200: json(MeSchema, 'The key’s owner.'), ...problems() },
    }),
    (c) => {
      const user = c.var.user
      const account = accountSummary(c.var.db, user)
      const quota = allowance(c.var.db, user)
      return c.json(
        {
          id: user.id,
          email: account.email,
          createdAt: iso(account.createdAt),
          plan: quota.plan,
          usage: {
            videosThisMonth: quota.used,
            monthlyQuota: quota.quota,
            videosLeft: quota.left,
            resetsAt: iso(quota.resetsAt),
          },
          apiKeyPrefix: account.apiKeyPrefix,
        },
        200,
      )
    },
  )

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/usage',
      tags: ['Account'],
      summary: 'The usage records of one month',
      request: {
        query: z.object({
          month: z
            .string()
            .optional()
            .openapi({
              param: { name: 'month', in: 'query' },
              example: '2026-12',
              description: 'YYYY-MM, UTC; this month when left out',
            }),
        }),
      },
      responses: { 200: json(UsageSchema, 'Every usage record of the month, oldest first.'), ...problems(422) },
    }),
    (c) => {
      const month = c.req.valid('query').month ?? monthOf(Date.now())
      if (!monthRange(month)) return invalid(c, [{ field: 'month', message: detail('api.problem.monthFormat') }])
      const records = usageOfMonth(c.var.db, c.var.user.id, month)
      return c.json(
        {
          month,
          videosCounted: records.filter((r) => r.voidedAt === null).length,
          data: records.map((r) => ({
            videoId: r.videoId,
            shots: r.shots,
            seconds: r.seconds,
            model: r.model,
            createdAt: iso(r.createdAt),
            voided: r.voidedAt !== null,
            voidedAt: isoOrNull(r.voidedAt),
          })),
        },
        200,
      )
    },
  )
  routes.openapi(
    createRoute({
      method: 'get',
      path: '/export',
      tags: ['Account'],
      summary: 'Everything we hold about you, as a ZIP',
      description:
        'The same archive as "Download everything" on the account page, streamed: lumina-export.json (every record we keep about you, formatVersion 3, with a "withheld" section naming what is left out and why), your photos and your finished videos.',
      responses: {
        200: {
          description: 'A ZIP archive.',
          content: { 'application/zip': { schema: z.string().openapi({ format: 'binary' }) } },
        },
        ...problems(),
      },
    }),
    (c) => {
      const day = new Date().toISOString().slice(0, 10)
      return c.body(exportZip(c.var.db, c.var.config.dataDir, c.var.user), 200, {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="lumina-export-${day}.zip"`,
        'Cache-Control': 'no-store',
      }) as never
    },
  )
  return routes
}
