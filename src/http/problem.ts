import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export type ProblemFieldError = { field: string; message: string }

/**
 * Every problem type the API answers with, documented at /docs/api#problem-<slug>. A relative
 * URI reference, as RFC 9457 allows: it resolves against the API's own address.
 */
export const problemSlugs = {
  400: 'malformed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-large',
  415: 'unsupported-media-type',
  422: 'validation',
  429: 'rate-limited',
  500: 'server-error',
  503: 'unavailable',
} as const satisfies Partial<Record<ContentfulStatusCode, string>>

export function problemType(slug: string): string {
  return `/docs/api#problem-${slug}`
}

/** RFC 9457 problem details: the one error shape of the JSON API. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail?: string,
  errors: ProblemFieldError[] = [],
  headers: Record<string, string> = {},
  /** A more precise type than the status's own (e.g. quota-exceeded), and its extra members. */
  more: { slug?: string; [member: string]: unknown } = {},
) {
  const { slug, ...members } = more
  const statusSlug = (problemSlugs as Partial<Record<number, string>>)[status] ?? 'about-blank'
  const type = problemType(slug ?? statusSlug)
  const body = { type, title, status, ...(detail ? { detail } : {}), errors, ...members }
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json', ...headers })
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}
