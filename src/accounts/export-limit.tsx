import type { MiddlewareHandler } from 'hono'
import { ErrorPage } from '../../views/pages/error.js'
import type { SignedInEnv } from '../http/env.js'
import { viewerOf } from '../http/viewer.js'

export const EXPORT_LIMIT_TITLE = 'Too many downloads'

/** Said when a person asks for their archive again too soon. */
export function exportWaitMessage(seconds: number): string {
  return `Downloads of your data are limited to a few a minute, together with uploads and renders through the API. Please try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`
}

/**
 * The account page's archive of everything we hold reads every photo and video of the account
 * from disk, like GET /api/v1/export. Both count on one budget per person, the API's `costly`
 * limiter (src/api/rate-limit.ts), so the page and the API together get what the API alone had.
 */
export const exportLimit: MiddlewareHandler<SignedInEnv> = async (c, next) => {
  const state = c.var.deps.limits.api.costly.hit(c.var.user.id)
  if (state.ok) return next()
  c.header('Retry-After', String(state.resetSeconds))
  return c.html(
    <ErrorPage
      status={429}
      title={EXPORT_LIMIT_TITLE}
      message={exportWaitMessage(state.resetSeconds)}
      viewer={viewerOf(c)}
    />,
    429,
  )
}
