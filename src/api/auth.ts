import type { MiddlewareHandler } from 'hono'
import { userForApiKey } from '../accounts/api-keys.js'
import type { AppEnv } from '../http/env.js'
import { problem } from '../http/problem.js'

/**
 * /api/* authenticates with `Authorization: Bearer <key>` only. The session cookie is ignored
 * here, so a page on another site can never make an authenticated API call in the user's name.
 */
export const requireApiKey: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? ''
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  const challenge = { 'WWW-Authenticate': 'Bearer realm="lumina"' }
  if (!match) {
    return problem(
      c,
      401,
      'Authentication required',
      'Send your API key as "Authorization: Bearer <key>".',
      [],
      challenge,
    )
  }
  const user = userForApiKey(c.var.db, match[1]!)
  if (!user) {
    return problem(
      c,
      401,
      'Invalid API key',
      'This API key is not valid or has been revoked. Rotate it from your account page.',
      [],
      {
        'WWW-Authenticate': 'Bearer realm="lumina", error="invalid_token"',
      },
    )
  }
  c.set('user', user)
  await next()
}
