import type { Context } from 'hono'
import type { Said } from '../i18n/said.js'
import { problem } from './problem.js'

/**
 * A request refused for a reason the person can act on or wait out: a plan's storage cap (403),
 * a data disk short of space (507). Pages say `said` in their language (`sayIn`); the JSON API
 * answers problem+json with it as `detail`, in the language of Accept-Language. It lives here, below the features, because services throw it and both
 * the pages and the API turn it into an answer.
 */
export class Refusal extends Error {
  constructor(
    readonly status: 403 | 507,
    readonly title: string,
    message: string,
    /** The problem type a program tells refusals apart by (`/docs/api#problem-<slug>`). */
    readonly slug: string,
    /** Extra problem members a program can act on, e.g. which cap and how full. */
    readonly members: Record<string, unknown> = {},
    /** The same sentence as a message key, for pages in another language. */
    readonly said?: Said,
  ) {
    super(message)
  }
}

/** The API's answer to a Refusal: RFC 9457 problem details with the person's sentence as `detail`, in the request's language. */
export function refusalProblem(c: Context, err: Refusal) {
  return problem(c, err.status, err.title, err.said ?? err.message, [], {}, { slug: err.slug, ...err.members })
}
