import { type Context, Hono } from 'hono'
import { PrivacyPage } from '../../views/legal/privacy.js'
import { TermsPage } from '../../views/legal/terms.js'
import { HomePage } from '../../views/pages/home.js'
import type { AppDeps, AppEnv } from '../http/env.js'
import { viewerOf } from '../http/viewer.js'

export const publicPages = new Hono<AppEnv>()

/**
 * What a signed-out visitor sees on these pages depends only on the app's configuration (the
 * operator, the simulated-renders badge): rendered once per app, kept as bytes, and served by
 * the front door before the app for a request with no cookie (src/http/front-door.ts), or by
 * the routes below otherwise. The pages carry no per-request token (CSRF is checked by origin,
 * the CSP has no nonces), so every visitor may get the same bytes. A signed-in visitor's pages
 * name them, so those are rendered each time.
 */
const rendered = new WeakMap<AppDeps, ReadonlyMap<string, Uint8Array>>()

export function visitorPages(deps: AppDeps): ReadonlyMap<string, Uint8Array> {
  let pages = rendered.get(deps)
  if (!pages) {
    const viewer = { email: null, simulatedRenders: deps.runtime.simulatedRenders }
    const bytes = (page: unknown) => {
      const html = (page as { toString(): unknown }).toString()
      if (typeof html !== 'string' && !(html instanceof String)) throw new Error('visitor pages render synchronously')
      return Buffer.from(String(html))
    }
    pages = new Map([
      ['/', bytes(<HomePage viewer={viewer} />)],
      ['/privacy', bytes(<PrivacyPage viewer={viewer} operator={deps.config.operator} />)],
      ['/terms', bytes(<TermsPage viewer={viewer} operator={deps.config.operator} />)],
    ])
    rendered.set(deps, pages)
  }
  return pages
}

function signedOutPage(c: Context<AppEnv>, path: string): Response {
  const html = visitorPages(c.var.deps).get(path) as Uint8Array<ArrayBuffer>
  return c.body(html, 200, { 'Content-Type': 'text/html; charset=UTF-8' })
}

publicPages.get('/', (c) => {
  const notice = c.req.query('deleted') ? 'Your account and everything in it have been deleted.' : undefined
  if (!c.var.user && !notice) return signedOutPage(c, '/')
  return c.html(<HomePage viewer={viewerOf(c)} notice={notice} />)
})
publicPages.get('/privacy', (c) =>
  c.var.user
    ? c.html(<PrivacyPage viewer={viewerOf(c)} operator={c.var.config.operator} />)
    : signedOutPage(c, '/privacy'),
)
publicPages.get('/terms', (c) =>
  c.var.user ? c.html(<TermsPage viewer={viewerOf(c)} operator={c.var.config.operator} />) : signedOutPage(c, '/terms'),
)
