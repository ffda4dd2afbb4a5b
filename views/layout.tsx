import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'

/** What the page chrome needs to know about the request: who is looking, and how renders run. */
export type Viewer = {
  /** The signed-in person's email; null for a visitor who is signed out. */
  email: string | null
  /** Renders go to the built-in LibTV simulator (no keys configured): every page says so. */
  simulatedRenders: boolean
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
}: LayoutProps) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
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
            Skip to content
          </a>
          <header class="site-header">
            <div class="container header-row">
              <a class="brand" href="/">
                <img src="/static/favicon.svg" alt="" width="28" height="28" />
                <span>Lumina.AI</span>
              </a>
              {viewer.simulatedRenders && (
                <span
                  class="badge-sim"
                  title="No LibTV keys are configured: videos are rendered by the built-in simulator from your photo."
                >
                  Simulated renders
                </span>
              )}
              <nav class="nav" aria-label="Site">
                {viewer.email ? (
                  <>
                    <a href="/briefs">Briefs</a>
                    <a href="/videos">Videos</a>
                    <a href="/account">Account</a>
                    <form method="post" action="/signout" class="inline-form">
                      <button type="submit" class="link-button">
                        Sign out
                      </button>
                    </form>
                  </>
                ) : (
                  <>
                    <a href="/signin">Sign in</a>
                    <a href="/signup" class="button button-small">
                      Get started
                    </a>
                  </>
                )}
              </nav>
            </div>
          </header>
          <main id="main" tabindex={-1} class={`container main ${width === 'wide' ? 'main-wide' : 'main-narrow'}`}>
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
              <nav class="nav" aria-label="About">
                <a href="/privacy">Privacy</a>
                <a href="/terms">Terms</a>
              </nav>
            </div>
          </footer>
        </body>
      </html>
    </>
  )
}
