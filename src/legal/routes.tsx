import { type Context, Hono } from 'hono'
import { PrivacyPage } from '../../views/legal/privacy.js'
import { TermsPage } from '../../views/legal/terms.js'
import { HomePage } from '../../views/pages/home.js'
import type { AppDeps, AppEnv } from '../http/env.js'
import { viewerOf } from '../http/viewer.js'

export const publicPages = new Hono<AppEnv>()

type StaticPage = 'home' | 'privacy' | 'terms'

/**
 * What a signed-out visitor sees on these pages depends only on the app's configuration (the
 * operator, the simulated-renders badge): rendered once per app and reused. The pages carry no
 * per-request token (CSRF is checked by origin, the CSP has no nonces), so every visitor may get
 * the same bytes. A signed-in visitor's pages name them, so those are rendered each time.
 */
const rendered = new WeakMap<AppDeps, Map<StaticPage, Uint8Array>>()

function signedOutPage(c: Context<AppEnv>, page: StaticPage, render: () => unknown): Response | Promise<Response> {
  let pages = rendered.get(c.var.deps)
  if (!pages) {
    pages = new Map()
    rendered.set(c.var.deps, pages)
  }
  let html = pages.get(page)
  if (html === undefined) {
    const out = (render() as { toString(): string | Promise<string> }).toString()
    if (out instanceof Promise) return c.html(out) // an async component: nothing to keep
    // Kept as bytes: nothing to encode or measure again for each visitor.
    html = Buffer.from(String(out))
    pages.set(page, html)
  }
  return c.body(html as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': 'text/html; charset=UTF-8' })
}

publicPages.get('/', (c) => {
  const notice = c.req.query('deleted') ? 'Your account and everything in it have been deleted.' : undefined
  if (!c.var.user && !notice) return signedOutPage(c, 'home', () => <HomePage viewer={viewerOf(c)} />)
  return c.html(<HomePage viewer={viewerOf(c)} notice={notice} />)
})
publicPages.get('/privacy', (c) =>
  c.var.user
    ? c.html(<PrivacyPage viewer={viewerOf(c)} operator={c.var.config.operator} />)
    : signedOutPage(c, 'privacy', () => <PrivacyPage viewer={viewerOf(c)} operator={c.var.config.operator} />),
)
publicPages.get('/terms', (c) =>
  c.var.user
    ? c.html(<TermsPage viewer={viewerOf(c)} operator={c.var.config.operator} />)
    : signedOutPage(c, 'terms', () => <TermsPage viewer={viewerOf(c)} operator={c.var.config.operator} />),
)
