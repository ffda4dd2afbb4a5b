import { Hono } from 'hono'
import { SignedInHomePage } from '../../views/pages/signed-in-home.js'
import type { AppEnv } from '../http/env.js'
import { viewerOf } from '../http/viewer.js'
import { homeSummary } from './service.js'

/**
 * `/` for a signed-in person: what to do next and what they made. Signed out, the request falls
 * through to the landing page (src/legal/routes.tsx).
 */
export const homeRoutes = new Hono<AppEnv>()

homeRoutes.get('/', async (c, next) => {
  const user = c.var.user
  if (!user) return next()
  const summary = homeSummary(c.var.db, user)
  c.header('Cache-Control', 'no-store') // the states change while videos render
  return c.html(
    <SignedInHomePage
      viewer={viewerOf(c)}
      {...summary}
      moreVideos={c.var.config.moreVideos}
      welcome={c.req.query('welcome') === '1'}
    />,
  )
})
