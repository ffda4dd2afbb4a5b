import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { PageLanguage } from '../src/i18n/page.js'
import { LanguageSwitch } from './components/language-switch.js'

/** What the page chrome needs to know about the request: who is looking, and how renders run. */
export type Viewer = {
  /** The signed-in person's email; null for a visitor who is signed out. */
  email: string | null
  /** Renders go to the built-in LibTV simulator (no keys configured): every page says so. */
  simulatedRenders: boolean
  /** The page's language: its words (`t`, `rich`), links that keep a visitor's choice, the switch. */
  lang: PageLanguage
}

type LayoutProps = {
  title: string
  viewer: Viewer
  children: Child
  /** A short notice shown above the page content. */
  notice?: { kind: 'info' | 'success' | 'error'; text: string } | undefined
  width?: 'narrow' | 'wide'
  /**
   * Without JavaScript, reload the page every so many seconds (a render's progress). With it,
   * htmx updates the page in place, so the refresh sits in <noscript>.
   */
  refreshWithoutScriptSeconds?: number | undefined
  /**
   * The page's own words come from the catalogs (src/i18n). Pages not translated yet leave it
   * unset: their content is marked lang="en" inside a Chinese page's chrome, so readers and
   * screen readers know. Set it when a page's every word goes through `viewer.lang`.
   */
  translated?: boolean
}

/** The <noscript> refresh, by id: a page that finishes in place (htmx) removes it. */
export const REFRESH_WITHOUT_SCRIPT_ID = 'refresh-without-script'

/** The tab's title: the page's own words first, so a row of tabs tells them apart. */
export function tabTitle(title: string): string {
  return title === 'Lumina.AI' ? title : `${title} · Lumina.AI`
}

// htmx may not add inline styles (the CSP forbids them) nor evaluate code (no 'unsafe-eval');
// 403 (a storage cap), 408, 413, 422, 429, 503 and 507 (a full disk) answers carry re-rendered forms
// or fragments, so they are swapped like successes (408 and 503: the photo preview when an upload
// stalled or photos wait).
const htmxConfig = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
  // Never carry `style` across a swap: the CSP would refuse it (a resized textarea has one).
  attributesToSettle: ['class', 'width', 'height'],
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '422', swap: true },
    { code: '429', swap: true },
    { code: '408', swap: true },
    { code: '413', swap: true },
    { code: '403', swap: true },
    { code: '503', swap: true },
    { code: '507', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
})

export function Layout({
  title,
  viewer,
  children,
  notice,
  width = 'narrow',
  refreshWithoutScriptSeconds,
  translated = false,
}: LayoutProps) {
  const { t, href, locale } = viewer.lang
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang={locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="htmx-config" content={htmxConfig} />
          <title>{tabTitle(title)}</title>
          {refreshWithoutScriptSeconds && (
            <noscript id={REFRESH_WITHOUT_SCRIPT_ID}>
              <meta http-equiv="refresh" content={String(refreshWithoutScriptSeconds)} />
            </noscript>
          )}
          <link rel="stylesheet" href="/static/app.css" />
          <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
          <script src="/static/htmx.min.js" defer></script>
        </head>
        <body>
          <a class="skip-link" href="#main">
            {t('layout.skipLink')}
          </a>
          <header class="site-header">
            <div class="container header-row">
              <a class="brand" href={href('/')}>
                <img src="/static/favicon.svg" alt="" width="28" height="28" />
                <span>Lumina.AI</span>
              </a>
              {viewer.simulatedRenders && (
                <span class="badge-sim" title={t('layout.simulatedTitle')}>
                  {t('layout.simulated')}
                </span>
              )}
              <nav class="nav" aria-label={t('layout.siteNav')}>
                {viewer.email ? (
                  <>
                    <NavLink to="/briefs" here={viewer.lang.here} href={href}>
                      {t('layout.briefs')}
                    </NavLink>
                    <NavLink to="/videos" here={viewer.lang.here} href={href}>
                      {t('layout.videos')}
                    </NavLink>
                    <NavLink to="/account" here={viewer.lang.here} href={href}>
                      {t('layout.account')}
                    </NavLink>
                    <form method="post" action="/signout" class="inline-form">
                      <button type="submit" class="link-button">
                        {t('layout.signOut')}
                      </button>
                    </form>
                  </>
                ) : (
                  <>
                    <NavLink to="/signin" here={viewer.lang.here} href={href}>
                      {t('layout.signIn')}
                    </NavLink>
                    <a href={href('/signup')} class="button button-small">
                      {t('layout.getStarted')}
                    </a>
                  </>
                )}
              </nav>
            </div>
          </header>
          <main
            id="main"
            tabindex={-1}
            class={`container main ${width === 'wide' ? 'main-wide' : 'main-narrow'}`}
            lang={translated || locale === 'en' ? undefined : 'en'}
          >
            {notice && (
              <div class={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
                {notice.text}
              </div>
            )}
            {children}
          </main>
          <footer class="site-footer">
            <div class="container footer-row">
              <span>© Lumina.AI</span>
              <nav class="nav" aria-label={t('layout.aboutNav')}>
                <a href={href('/privacy')}>{t('layout.privacy')}</a>
                <a href={href('/terms')}>{t('layout.terms')}</a>
              </nav>
              <LanguageSwitch lang={viewer.lang} signedIn={viewer.email !== null} />
            </div>
          </footer>
        </body>
      </html>
    </>
  )
}

/**
 * A link of the site navigation. Its own page is aria-current="page"; a page inside its section
 * (a video under Videos) is aria-current="true": the link shows where the person is either way.
 */
function NavLink({
  to,
  here,
  href,
  children,
}: {
  to: string
  here: string
  href: (path: string) => string
  children: Child
}) {
  const path = here.split(/[?#]/)[0] ?? ''
  const current = path === to ? 'page' : path.startsWith(`${to}/`) ? 'true' : undefined
  return (
    <a href={href(to)} aria-current={current}>
      {children}
    </a>
  )
}
