import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ErrorPage } from '../../views/pages/error.js'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { sayIn } from '../i18n/said.js'
import { isMessageKey, translator } from '../i18n/translate.js'
import type { AppEnv } from './env.js'
import { BadFormError } from './forms.js'
import { type Detail, detail, isApiPath, problem } from './problem.js'
import { Refusal, refusalProblem } from './refusal.js'
import { translatorOf, viewerOf } from './viewer.js'

/**
 * A title or message: a message key (src/i18n), said in the page's language (the body limits'
 * and the form parsers' errors carry keys), or words that come with an error from elsewhere.
 */
type Words = MessageKey | string
type Known = { status: 400 | 403 | 404 | 408 | 413 | 415 | 500 | 507; title: Words; message: Words }

const NOT_FOUND: Known = { status: 404, title: 'error.notFoundTitle', message: 'error.notFound' }

function classify(err: unknown, c: Context<AppEnv>): Known {
  // A storage cap or a full disk: the person's sentence, as a page or as problem+json.
  // The API's titles stay English (handleError answers it first); a page says the sentence in its language.
  if (err instanceof Refusal) {
    const title = err.status === 507 ? 'briefs.refusal.diskFullTitle' : 'briefs.refusal.storageFullTitle'
    return { status: err.status, title, message: sayIn(translatorOf(c), err) }
  }
  if (err instanceof BadFormError) {
    return {
      status: err.status,
      title: err.status === 415 ? 'error.unsupportedFormTitle' : 'error.unreadableFormTitle',
      message: err.message,
    }
  }
  if (err instanceof HTTPException) {
    if (err.status === 403) return { status: 403, title: 'error.crossSiteTitle', message: 'error.crossSite' }
    if (err.status === 413) {
      // The route's body limit says what was too large (a photo, a form, an API body).
      return { status: 413, title: 'error.tooLargeTitle', message: err.message || 'error.tooLarge' }
    }
    if (err.status === 408) return { status: 408, title: 'error.slowTitle', message: err.message }
    if (err.status === 400) {
      // Our own 400s say why (an upload broken off); hono's and others' get the general words.
      const message = isMessageKey(err.message) ? err.message : 'error.badRequest'
      return { status: 400, title: 'error.badRequestTitle', message }
    }
    if (err.status === 415) return { status: 415, title: 'error.mediaTypeTitle', message: 'error.mediaType' }
    if (err.status === 404) return NOT_FOUND
  }
  if (err instanceof SyntaxError && isApiPath(c.req.path)) {
    return { status: 400, title: 'error.badJsonTitle', message: 'error.badJson' }
  }
  return { status: 500, title: 'error.internalTitle', message: 'error.internal' }
}

/** One place turns every error into a page or a problem+json, never a stack trace. */
export function handleError(err: Error, c: Context<AppEnv>) {
  // A program gets the refusal's own problem type and members (which cap, how full).
  if (err instanceof Refusal && isApiPath(c.req.path)) return refusalProblem(c, err)
  const known = classify(err, c)
  if (known.status === 500) {
    // The message and stack only: request bodies and headers may hold personal data.
    c.var.deps?.logger.error(
      { reqId: c.var.requestId, err: { message: err.message, stack: err.stack } },
      'unhandled error',
    )
  }
  return render(c, known)
}

export function handleNotFound(c: Context<AppEnv>) {
  return render(c, NOT_FOUND)
}

function apiDetail(words: Words): string | Detail {
  return isMessageKey(words) ? detail(words) : words
}

function render(c: Context<AppEnv>, known: Known) {
  const { status } = known
  if (isApiPath(c.req.path)) {
    // A program's problem titles are stable English identifiers (docs/i18n.md); the detail follows
    // Accept-Language (src/http/problem.ts) when it is a message.
    const title = isMessageKey(known.title) ? translator('en').t(known.title) : known.title
    return problem(c, status, title, apiDetail(known.message))
  }
  const { t } = translatorOf(c)
  const say = (words: Words) => (isMessageKey(words) ? t(words) : words)
  const title = say(known.title)
  const message = say(known.message)
  // htmx swaps 403 and 507 answers (views/layout.tsx) because the routes that send them to htmx
  // send a fragment; a whole error page (a refused cross-site form, say) must not replace the
  // part of the page that asked, and lose what was typed there.
  if (c.req.header('hx-request') === 'true' && (status === 403 || status === 507)) c.header('HX-Reswap', 'none')
  return c.html(
    <ErrorPage
      status={status}
      title={title}
      message={message}
      viewer={viewerOf(c)}
      requestId={status === 500 ? c.var.requestId : undefined}
    />,
    status,
  )
}
