import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { localeFromAcceptLanguage } from '../i18n/negotiate.js'
import { type MessageValues, type Translator, translator } from '../i18n/translate.js'

/** One field's problem; its message, like `detail`, may be a message said in the request's language. */
export type ProblemFieldError = { field: string; message: string | Detail }

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

/**
 * A problem's `detail` as a message (src/i18n): said in the language the request's
 * Accept-Language asks for. A detail given as plain words (one that comes with an error from
 * elsewhere) is English and passes through unchanged.
 */
export type Detail = {
  key: MessageKey
  values?: MessageValues
  /** Words English keeps when they differ from the catalog's (zod's own messages, as they always were). */
  english?: string
}

/** A detail to translate: `detail('api.problem.noWebhook')`. Numbers go in as strings, so English stays as it was. */
export function detail(key: MessageKey, values?: MessageValues): Detail {
  return values ? { key, values } : { key }
}

/**
 * The API's words for a request: by Accept-Language alone (the negotiation pages use, without an
 * account's choice or `?lang=`: a program sends its own header). `type` and `title` stay English
 * identifiers that programs rely on; only `detail` follows.
 */
export function apiTranslator(c: Context): Translator {
  return translator(localeFromAcceptLanguage(c.req.header('accept-language')))
}

/** RFC 9457 problem details: the one error shape of the JSON API. */
export function problem(
  c: Context,
  status: ContentfulStatusCode,
  title: string,
  detail?: string | Detail,
  errors: ProblemFieldError[] = [],
  headers: Record<string, string> = {},
  /** A more precise type than the status's own (e.g. quota-exceeded), and its extra members. */
  more: { slug?: string; [member: string]: unknown } = {},
) {
  const { slug, ...members } = more
  const statusSlug = (problemSlugs as Partial<Record<number, string>>)[status] ?? 'about-blank'
  const type = problemType(slug ?? statusSlug)
  const words = apiTranslator(c)
  const say = (text: string | Detail) =>
    typeof text !== 'object'
      ? text
      : words.locale === 'en' && text.english !== undefined
        ? text.english
        : words.t(text.key, text.values)
  const said = detail === undefined ? undefined : say(detail)
  const fields = errors.map((e) => ({ field: e.field, message: say(e.message) }))
  const body = { type, title, status, ...(said ? { detail: said } : {}), errors: fields, ...members }
  // A translated detail depends on Accept-Language: a cache keeps one copy per language.
  const translated = typeof detail === 'object' || errors.some((e) => typeof e.message === 'object')
  const vary: Record<string, string> = translated ? { Vary: 'Accept-Language' } : {}
  return c.body(JSON.stringify(body), status, {
    'Content-Type': 'application/problem+json',
    ...vary,
    ...headers,
  })
}

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}
