import type { MiddlewareHandler } from 'hono'
import { ErrorPage } from '../../views/pages/error.js'
import type { SignedInEnv } from '../http/env.js'
import { translatorOf, viewerOf } from '../http/viewer.js'

/**
 * The account page's archive of everything we hold reads every photo and video of the account
 * from disk, like GET /api/v1/export. Both count on one budget per person, the API's `costly`
 * limiter (src/api/rate-limit.ts), so the page and the API together get what the API alone had.
 */
export const exportLimit: MiddlewareHandler<SignedInEnv> = async (c, next) => {
  const state = c.var.deps.limits.api.costly.hit(c.var.user.id)
  if (state.ok) return next()
  c.header('Retry-After', String(state.resetSeconds))
  const { t } = translatorOf(c)
  return c.html(
    <ErrorPage
      status={429}
      title={t('account.exportLimit.title')}
      message={t('account.exportLimit.message', { seconds: state.resetSeconds })}
      viewer={viewerOf(c)}
    />,
    429,
  )
}
