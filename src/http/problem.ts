import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export type ProblemFieldError = { field: string; message: string }

/** RFC 9457 problem details: the one error shape of the JSON API. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail?: string,
  errors: ProblemFieldError[] = [],
  headers: Record<string, string> = {},
) {
  const body = { type: 'about:blank', title, status, ...(detail ? { detail } : {}), errors }
  return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/problem+json', ...headers })
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}
