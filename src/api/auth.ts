import type { MiddlewareHandler } from 'hono'
import { userForApiKey } from '../accounts/api-keys.js'
import { clientAddress } from '../http/client-address.js'
import type { ApiEnv } from '../http/env.js'
import { waitMinutes } from '../http/limits.js'
import { detail, problem } from '../http/problem.js'

const challenge = { 'WWW-Authenticate': 'Bearer realm="lumina"' }

/**
 * /api/* authenticates with `Authorization: Bearer <key>` only. The session cookie is ignored
 * here, so a page on another site can never make an authenticated API call in the user's name.
 * Failed lookups count per client address like sign-in tries; past the limit the address waits.
 */
export const requireApiKey: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const failures = c.var.deps.limits.apiKeyFailures
  const address = `addr:${clientAddress(c)}`
  const header = c.req.header('authorization') ?? ''
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  const user = match ? userForApiKey(c.var.db, match[1]!) : null
  if (user) {
    c.set('user', user)
    return next()
  }
  const counted = failures.hit(address)
  if (!counted.ok) {
    const wait = String(counted.retryAfterSeconds)
    return problem(
      c,
      429,
      'Too many failed keys',
      detail('form.tooManyAttempts', { minutes: waitMinutes(counted.retryAfterSeconds) }),
      [],
      {
        'Retry-After': wait,
      },
    )
  }
  if (!match) {
    return problem(c, 401, 'Authentication required', detail('api.problem.sendKey'), [], challenge)
  }
  return problem(c, 401, 'Invalid API key', detail('api.problem.badKey'), [], {
    'WWW-Authenticate': 'Bearer realm="lumina", error="invalid_token"',
  })
}
