import type { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { type Detail, detail, type ProblemFieldError, problem } from '../http/problem.js'
import { ProblemSchema } from './schemas.js'

const DESCRIPTIONS: Record<number, string> = {
  400: 'The body is not valid JSON or not a readable form.',
  401: 'No API key, a malformed one, or a revoked one.',
  403: 'Not allowed: the monthly quota or a storage cap is used up (see the type).',
  404: 'Nothing here, or it belongs to someone else: the two are never told apart.',
  409: 'The request conflicts with what is stored (e.g. an image a brief still uses).',
  413: 'The body is larger than this route accepts.',
  415: 'The body has the wrong content type.',
  422: 'The input is invalid; errors names each field.',
  429: 'Too many requests; wait Retry-After seconds.',
  503: 'Busy (photos wait to be checked); retry after Retry-After seconds.',
  507: 'The server is short of disk space; retry later.',
}

/** The documented error answers of a route, all problem+json. */
export function problems(...statuses: (keyof typeof DESCRIPTIONS)[]) {
  return Object.fromEntries(
    [401, 429, ...statuses].map((status) => [
      status,
      { description: DESCRIPTIONS[status]!, content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  )
}

export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

/**
 * A problem answer inside a typed route. The route's types describe its success bodies; a problem
 * is documented by `problems()` and typed here as `never`, so it fits any route's return type.
 */
export function fail(...args: Parameters<typeof problem>): never {
  return problem(...args) as never
}

export function invalid(
  c: Context,
  errors: ProblemFieldError[],
  words: string | Detail = detail('api.problem.invalidFields'),
): never {
  return fail(c, 422, 'Invalid input', words, errors)
}

/** What a 404 says there is none of, each its own sentence (src/i18n/catalogs/areas/api.*.ts). */
const NO_SUCH = {
  brief: detail('api.problem.noBrief'),
  screenplay: detail('api.problem.noScreenplay'),
  video: detail('api.problem.noVideo'),
  'finished video': detail('api.problem.noFinishedVideo'),
  image: detail('api.problem.noImage'),
  resource: detail('api.problem.noResource'),
}

export function notFound(c: Context, what: keyof typeof NO_SUCH = 'resource'): never {
  return fail(c, 404, 'Not found', NO_SUCH[what])
}

/** An opaque cursor for keyset pagination: the last item's time and id. */
export const cursors = {
  encode: (at: number, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url'),
  decode(cursor: string | undefined): { at: number; id: string } | undefined | null {
    if (cursor === undefined) return undefined
    try {
      const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[]
      return typeof at === 'number' && typeof id === 'string' ? { at, id } : null
    } catch {
      return null
    }
  },
}

export const iso = (ms: number) => new Date(ms).toISOString()
export const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms))

/** A photo refused for now (the decode queue is full, or the hourly upload limit): retry later. */
export function uploadRefusedProblem(
  c: Context,
  refusal: { status: 429 | 503; retryAfterSeconds: number; message: string },
): never {
  // The same sentences as the photo form's (src/briefs/uploads.ts), in the request's language.
  const words =
    refusal.status === 429
      ? detail('api.problem.photosTooMany', { minutes: Math.ceil(refusal.retryAfterSeconds / 60) })
      : detail('api.problem.photosBusy', {
          count: refusal.retryAfterSeconds,
          seconds: String(refusal.retryAfterSeconds),
        })
  return fail(c, refusal.status, refusal.status === 429 ? 'Too many photos' : 'Busy', words, [], {
    'Retry-After': String(refusal.retryAfterSeconds),
  })
}
