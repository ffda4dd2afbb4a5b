import { OpenAPIHono } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { diskGuard } from '../http/disk.js'
import type { ApiEnv } from '../http/env.js'
import { detail, problem } from '../http/problem.js'
import { requireApiKey } from './auth.js'
import { brandRoutes } from './brand.js'
import { briefRoutes } from './briefs.js'
import { fieldErrors } from './field-errors.js'
import { imageRoutes } from './images.js'
import { meRoutes } from './me.js'
import { apiRateLimit } from './rate-limit.js'
import { screenplayRoutes } from './screenplays.js'
import { trackRoutes } from './tracks.js'
import { videoRoutes } from './videos.js'
import { webhookRoutes } from './webhook.js'

type Hook = NonNullable<ConstructorParameters<typeof OpenAPIHono<ApiEnv>>[0]>

// Invalid input is a 422 problem naming each field; an id that is not a UUID is a plain 404,
// exactly like an id that belongs to someone else.
const hook: Hook = {
  defaultHook: (result, c) => {
    if (result.success) return
    if (result.target === 'param') return problem(c, 404, 'Not found', detail('api.problem.nothingWithId'))
    return problem(c, 422, 'Invalid input', detail('api.problem.invalidFields'), fieldErrors(result.error))
  },
}

export const API_INFO = {
  title: 'Lumina.AI API',
  version: '1.0.0',
  description:
    'Make product videos from a photo and a brief. Authenticate with `Authorization: Bearer <your API key>` (account page → API key). Errors are application/problem+json.',
}

/** The JSON API under /api/v1: Bearer keys only, never the cookie, so no CSRF check is needed. */
export function createApiRoutes(): OpenAPIHono<ApiEnv> {
  const api = new OpenAPIHono<ApiEnv>(hook)
  api.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'Your API key, lum_…',
  })
  api.doc31('/openapi.json', (c) => ({
    openapi: '3.1.0',
    info: API_INFO,
    servers: [{ url: `${c.var.config.baseUrl.origin}/api/v1` }],
    security: [{ apiKey: [] }],
  }))
  // Idempotency-Key is a step of each POST route, after its body limit (src/api/idempotency.ts).
  api.use('*', requireApiKey, apiRateLimit)
  // Photo uploads and renders wait for disk room like the pages' do (MIN_FREE_DISK_MB).
  api.post('/images', diskGuard as unknown as MiddlewareHandler<ApiEnv>)
  api.post('/videos', diskGuard as unknown as MiddlewareHandler<ApiEnv>)
  // The logo upload waits for disk room like a photo's.
  api.put('/brand/logo', diskGuard as unknown as MiddlewareHandler<ApiEnv>)
  for (const routes of [
    meRoutes,
    imageRoutes,
    trackRoutes,
    briefRoutes,
    screenplayRoutes,
    videoRoutes,
    webhookRoutes,
    brandRoutes,
  ])
    api.route('/', routes(hook))
  return api
}
