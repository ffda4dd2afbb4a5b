import { Hono } from 'hono'
import { csrf } from 'hono/csrf'
import { accountPageRoutes } from './accounts/account-routes.js'
import { linkRoutes } from './accounts/link-routes.js'
import { loadSession } from './accounts/middleware.js'
import { accountRoutes } from './accounts/routes.js'
import { apiDocsRoutes } from './api/docs.js'
import { createApiRoutes } from './api/routes.js'
import { brandRoutes } from './brand/routes.js'
import { imageRoutes } from './briefs/image-routes.js'
import { briefRoutes } from './briefs/routes.js'
import { SIGNED_IMAGE_MOUNT, signedImageRoutes } from './briefs/signed-image.js'
import { exampleRoutes } from './home/example-routes.js'
import { homeRoutes } from './home/routes.js'
import { anyBody } from './http/body-limits.js'
import { diskGuard } from './http/disk.js'
import type { AppDeps, AppEnv } from './http/env.js'
import { handleError, handleNotFound } from './http/errors.js'
import { requestIdOf, type VisitorPages } from './http/front-door.js'
import { staticRoutes } from './http/static.js'
import { publicPages, visitorPages } from './legal/routes.js'
import { devMailRoutes } from './mail/dev-routes.js'
import { healthRoutes } from './ops/health.js'
import { type AppMetrics, createMetrics } from './ops/metrics.js'
import { metricsRoutes } from './ops/metrics-routes.js'
import { videoRoutes } from './render/routes.js'
import { musicRoutes } from './tracks/routes.js'
import { variantRoutes } from './variants/routes.js'

export function createApp(deps: AppDeps, options: { metrics?: AppMetrics } = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>()
  // Prometheus metrics only when METRICS_TOKEN is set; otherwise nothing is counted and /metrics
  // is an unknown path. First, so a request's time includes every other middleware.
  const token = deps.config.metricsToken
  const metrics = token ? (options.metrics ?? metricsFor(deps)) : undefined
  if (metrics) app.use('*', metrics.countRequests)

  // The request id, security headers and log line come from the front door (src/http/front-door.ts).
  app.use('*', async (c, next) => {
    c.set('deps', deps)
    c.set('db', deps.db)
    c.set('config', deps.config)
    c.set('requestId', requestIdOf(c.env?.incoming))
    await next()
  })
  // Every route that reads a body sets its own limit; this net catches one that forgot.
  app.use('*', anyBody)
  app.onError(handleError)
  app.notFound(handleNotFound)

  app.route('/static', staticRoutes())
  app.route('/', healthRoutes)
  if (metrics && token) app.route('/', metricsRoutes(metrics, token))
  // Fetched by LibTV with a signed URL, never with a session.
  app.route(SIGNED_IMAGE_MOUNT, signedImageRoutes)
  const api = createApiRoutes()
  app.route('/api/v1', api)

  // Pages: cookie sessions, so unsafe requests must come from our own origin. Accept our public
  // origin and the address the request came to (a local run reached via 127.0.0.1).
  const ownOrigins = new Set([deps.config.baseUrl.origin])
  const sameOrigin = csrf({ origin: (origin, c) => ownOrigins.has(origin) || origin === new URL(c.req.url).origin })
  // Written out rather than hono's except(): that composes a new middleware chain per request.
  app.use('*', (c, next) => {
    if (isApiPath(c.req.path)) return next()
    // Pages speak the reader's language, chosen by Accept-Language unless a choice overrides it
    // (src/i18n): a cache must keep one copy per language. The front door's kept pages say the same.
    c.header('Vary', 'Accept-Language')
    return sameOrigin(c, () => loadSession(c, next) as Promise<void>)
  })

  app.route('/', homeRoutes) // signed in; falls through to the landing page otherwise
  app.route('/example', exampleRoutes) // the landing's example video, for anyone
  app.route('/', publicPages)
  app.route('/docs', apiDocsRoutes(api))
  app.route('/', accountRoutes)
  app.route('/', linkRoutes)
  if (deps.config.env !== 'production' && deps.config.mail.transport === 'dev-mailbox') {
    app.route('/dev/mail', devMailRoutes(deps.config.dataDir))
  }
  app.route('/account', accountPageRoutes)
  app.route('/brand', brandRoutes)
  app.route('/briefs', briefRoutes)
  app.route('/images', imageRoutes)
  app.route('/music', musicRoutes)
  // A render stores clips and a video: none starts while the data disk is below its margin.
  app.post('/videos', diskGuard)
  app.route('/videos', videoRoutes)
  // Variants are renders too: none starts while the data disk is below its margin.
  app.post('/variants', diskGuard)
  app.route('/variants', variantRoutes)
  // The list was called "projects" once; old bookmarks land on the same page.
  app.get('/projects', (c) => c.redirect('/briefs', 301))
  return app
}

/** The paths hono's pattern '/api/*' matches: /api itself and everything below it. */
function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}

/** Prometheus metrics when METRICS_TOKEN is set (then /metrics exists), else undefined. */
export function metricsFor(deps: AppDeps): AppMetrics | undefined {
  if (!deps.config.metricsToken) return undefined
  return createMetrics({
    db: deps.db,
    dataDir: deps.config.dataDir,
    backupDir: deps.config.backups.dir,
    freeDiskBytes: deps.runtime.freeDiskBytes,
  })
}

/** What the front door answers before the app: the signed-out pages, counted like the app's requests. */
export function frontDoorPages(deps: AppDeps, metrics: AppMetrics | undefined): VisitorPages {
  return {
    pages: visitorPages(deps),
    served: metrics && ((path, seconds) => metrics.recordRequest('GET', path, 200, seconds)),
  }
}
