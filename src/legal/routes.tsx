import { Hono } from 'hono'
import { PrivacyPage } from '../../views/legal/privacy.js'
import { TermsPage } from '../../views/legal/terms.js'
import { HomePage } from '../../views/pages/home.js'
import type { AppEnv } from '../http/env.js'
import { viewerOf } from '../http/viewer.js'

export const publicPages = new Hono<AppEnv>()

publicPages.get('/', (c) => {
  const notice = c.req.query('deleted') ? 'Your account and everything in it have been deleted.' : undefined
  return c.html(<HomePage viewer={viewerOf(c)} notice={notice} />)
})
publicPages.get('/privacy', (c) => c.html(<PrivacyPage viewer={viewerOf(c)} operator={c.var.config.operator} />))
publicPages.get('/terms', (c) => c.html(<TermsPage viewer={viewerOf(c)} operator={c.var.config.operator} />))
