import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { except } from 'hono/combine'
import { contextStorage } from 'hono/context-storage'
import { csrf } from 'hono/csrf'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import { accountPageRoutes } from './accounts/account-routes.js'
import { loadSession } from './accounts/middleware.js'
import { accountRoutes } from './accounts/routes.js'
import { apiRoutes } from './api/routes.js'
import { imageRoutes } from './briefs/image-routes.js'
import { briefRoutes } from './briefs/routes.js'
import { screenplayRoutes } from './briefs/screenplay-routes.js'
import { SIGNED_IMAGE_MOUNT, signedImageRoutes } from './briefs/signed-image.js'
import type { AppDeps, AppEnv } from './http/env.js'
import { handleError, handleNotFound } from './http/errors.js'
import { requestLog } from './http/logging.js'
import { securityHeaders } from './http/security.js'
import { staticRoutes } from './http/static.js'
import { publicPages } from './legal/routes.js'
import { healthRoutes } from './ops/health.js'
import { renderRoutes } from './render/routes.js'

// Enough for a screenplay of 8 shots with 2000-character Chinese prompts (9 bytes a character
// once form-encoded), far below anything that could hurt.
const PAGE_BODY_LIMIT = 256 * 1024
// Photos may be 15 MB; a little more lets an oversized photo get a friendly form message.
const UPLOAD_BODY_LIMIT = 20 * 1024 * 1024
const UPLOAD_PATHS = /^\/(images|briefs)(\/[0-9a-f-]{36}\/edit)?\/?$/
const API_BODY_LIMIT = 1024 * 1024

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.use('*', requestId({ limitLength: 64 }))
  app.use('*', contextStorage()) // lets the page layout read the simulated-renders flag
  app.use('*', async (c, next) => {
    c.set('deps', deps)
    c.set('db', deps.db)
    c.set('config', deps.config)
    await next()
  })
  app.use('*', requestLog(deps.logger))
  app.use('*', securityHeaders(deps.config))
  app.onError(handleError)
  app.notFound(handleNotFound)

  app.route('/static', staticRoutes())
  app.route('/', healthRoutes)
  // Fetched by LibTV with a signed URL, never with a session.
  app.route(SIGNED_IMAGE_MOUNT, signedImageRoutes)

  // The JSON API: Bearer keys only, no cookies, so no CSRF check is needed.
  app.use('/api/*', bodyLimit({ maxSize: API_BODY_LIMIT, onError: tooLarge }))
  app.route('/api/v1', apiRoutes)

  // Pages: cookie sessions, so unsafe requests must come from our own origin. Accept our public
  // origin and the address the request came to (a local run reached via 127.0.0.1).
  const ownOrigins = new Set([deps.config.baseUrl.origin])
  const pageLimit = bodyLimit({ maxSize: PAGE_BODY_LIMIT, onError: tooLarge })
  const uploadLimit = bodyLimit({ maxSize: UPLOAD_BODY_LIMIT, onError: tooLarge })
  app.use(
    '*',
    except(
      '/api/*',
      (c, next) => (UPLOAD_PATHS.test(c.req.path) ? uploadLimit : pageLimit)(c, next),
      csrf({ origin: (origin, c) => ownOrigins.has(origin) || origin === new URL(c.req.url).origin }),
      loadSession,
    ),
  )

  app.route('/', publicPages)
  app.route('/', accountRoutes)
  app.route('/account', accountPageRoutes)
  app.route('/', briefRoutes)
  app.route('/briefs', screenplayRoutes)
  app.route('/images', imageRoutes)
  app.route('/', renderRoutes)
  return app
}

function tooLarge(): never {
  throw new HTTPException(413)
}
