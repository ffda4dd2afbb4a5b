import type { MiddlewareHandler } from 'hono'
import type { ApiEnv } from '../http/env.js'
import { detail, problem } from '../http/problem.js'

// Which budget a call spends: uploads and renders cost the operator CPU, disk and LibTV money;
// an export reads every photo and video of the account from disk (the account page's export
// counts on the same `costly` budget: src/accounts/export-limit.tsx).
const COSTLY = /^\/api\/v1\/(images|videos)\/?$/
const COSTLY_READ = /^\/api\/v1\/export\/?$/

/**
 * Per-key limits with the RateLimit-* headers (IETF draft: limit, what is left, seconds to reset)
 * on every answer, and a 429 problem with Retry-After past the limit. Runs after authentication.
 */
export const apiRateLimit: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const { read, write, costly } = c.var.deps.limits.api
  const method = c.req.method
  const path = c.req.path
  const limiter =
    method === 'GET' || method === 'HEAD'
      ? COSTLY_READ.test(path)
        ? costly
        : read
      : method === 'POST' && COSTLY.test(path)
        ? costly
        : write
  const state = limiter.hit(c.var.user.id)
  const headers = {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.resetSeconds),
  }
  if (!state.ok) {
    return problem(
      c,
      429,
      'Too many requests',
      detail('api.problem.rateLimited', { limit: String(state.limit), seconds: String(state.resetSeconds) }),
      [],
      { ...headers, 'Retry-After': String(state.resetSeconds) },
    )
  }
  await next()
  for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value)
}
