import { type Context, Hono } from 'hono'
import { PrivacyPage } from '../../views/legal/privacy.js'
import { TermsPage } from '../../views/legal/terms.js'
import { HomePage } from '../../views/pages/home.js'
import type { AppDeps, AppEnv } from '../http/env.js'
import type { VisitorPageSet } from '../http/front-door.js'
import { requestLocale, translatorOf, viewerOf } from '../http/viewer.js'
import { LOCALES, type Locale } from '../i18n/locales.js'
import { localeFromTag } from '../i18n/negotiate.js'
import { pageLanguage } from '../i18n/page.js'
import { exampleView } from '../storage.js'

export const publicPages = new Hono<AppEnv>()

/**
 * What a signed-out visitor sees on these pages depends only on the app's configuration (the
 * operator, the simulated-renders badge), the language and, on the landing, whether the example
 * video is published yet (rendered again when it is, refreshLanding): rendered once per app and locale,
 * kept as bytes, and served by the front door before the app for a request with no cookie and no
 * query string, in the locale its Accept-Language asks for (src/http/front-door.ts), or by the
 * routes below otherwise. The pages carry no per-request token (CSRF is checked by origin, the
 * CSP has no nonces), so every visitor with the same language may get the same bytes. A
 * signed-in visitor's pages name them, and a visitor's `?lang=` choice goes into every link, so
 * those are rendered each time.
 */
const rendered = new WeakMap<AppDeps, VisitorPageSet>()
const landings = new WeakMap<AppDeps, () => void>()

/** Renders the kept landing page again: its example video was just published (src/home/example.ts). */
export function refreshLanding(deps: AppDeps): void {
  landings.get(deps)?.()
}

export function visitorPages(deps: AppDeps): VisitorPageSet {
  let pages = rendered.get(deps)
  if (!pages) {
    const viewer = (locale: Locale, path: string) => ({
      email: null,
      simulatedRenders: deps.runtime.simulatedRenders,
      lang: pageLanguage({ locale, carried: null }, path),
    })
    const bytes = (page: unknown) => {
      const html = (page as { toString(): unknown }).toString()
      if (typeof html !== 'string' && !(html instanceof String)) throw new Error('visitor pages render synchronously')
      return Buffer.from(String(html))
    }
    const perLocale = (render: (locale: Locale) => unknown) => {
      const out = {} as Record<Locale, Uint8Array>
      for (const locale of LOCALES) out[locale] = bytes(render(locale))
      return out
    }
    const { operator } = deps.config
    const landing = (d: AppDeps) => {
      const example = exampleView(d.config.dataDir)
      return perLocale((l) => <HomePage viewer={viewer(l, '/')} example={example} />)
    }
    const kept = new Map([
      ['/', landing(deps)],
      ['/privacy', perLocale((l) => <PrivacyPage viewer={viewer(l, '/privacy')} operator={operator} />)],
      ['/terms', perLocale((l) => <TermsPage viewer={viewer(l, '/terms')} operator={operator} />)],
    ])
    landings.set(deps, () => kept.set('/', landing(deps)))
    pages = kept
    rendered.set(deps, pages)
  }
  return pages
}

/** The kept page, when this visitor would get exactly its bytes: signed out, no `?lang=` to carry. */
function keptPage(c: Context<AppEnv>, path: string): Response | undefined {
  if (c.var.user) return undefined
  const { locale, carried } = requestLocale(c)
  if (carried) return undefined
  const html = visitorPages(c.var.deps).get(path)?.[locale] as Uint8Array<ArrayBuffer>
  return c.body(html, 200, { 'Content-Type': 'text/html; charset=UTF-8' })
}

publicPages.get('/', (c) => {
  const notice = c.req.query('deleted') ? translatorOf(c).t('home.deleted') : undefined
  return (
    (!notice && keptPage(c, '/')) ||
    c.html(<HomePage viewer={viewerOf(c)} notice={notice} example={exampleView(c.var.config.dataDir)} />)
  )
})
/**
 * A translated policy links to the English text that governs it (`?lang=en`): everyone must be
 * able to read it, so on these pages an explicit `?lang=` wins even over a signed-in person's
 * saved language (which otherwise decides every page).
 */
function legalViewer(c: Context<AppEnv>) {
  const viewer = viewerOf(c)
  const query = c.req.query('lang')
  const asked = query ? localeFromTag(query) : undefined
  if (!c.var.user || !asked || asked === viewer.lang.locale) return viewer
  const url = new URL(c.req.url)
  return { ...viewer, lang: pageLanguage({ locale: asked, carried: null }, url.pathname + url.search) }
}

publicPages.get(
  '/privacy',
  (c) => keptPage(c, '/privacy') ?? c.html(<PrivacyPage viewer={legalViewer(c)} operator={c.var.config.operator} />),
)
publicPages.get(
  '/terms',
  (c) => keptPage(c, '/terms') ?? c.html(<TermsPage viewer={legalViewer(c)} operator={c.var.config.operator} />),
)
