import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import { ErrorPage } from '../../views/pages/error.js'
import type { AppEnv } from './env.js'
import { BadFormError } from './forms.js'
import { isApiPath, problem } from './problem.js'
import { Refusal, refusalProblem } from './refusal.js'
import { viewerOf } from './viewer.js'

type Known = { status: 400 | 403 | 404 | 408 | 413 | 415 | 500 | 507; title: string; message: string }

const NOT_FOUND: Known = {
  status: 404,
  title: 'Page not found',
  message: 'There is nothing at this address. It may have moved, or the link may be mistyped.',
}

function classify(err: unknown, c: Context<AppEnv>): Known {
  // A storage cap or a full disk: the person's sentence, as a page or as problem+json.
  if (err instanceof Refusal) return { status: err.status, title: err.title, message: err.message }
  if (err instanceof BadFormError) {
    return {
      status: err.status,
      title: err.status === 415 ? 'Unsupported form' : 'Unreadable form',
      message: err.message,
    }
  }
  if (err instanceof HTTPException) {
    if (err.status === 403) {
      return {
        status: 403,
        title: 'Request refused',
        message:
          'This form was sent from another site, so we did not act on it. Go back, reload the page and try again.',
      }
    }
    if (err.status === 413) {
      // The route's body limit says what was too large (a photo, a form, an API body).
      return { status: 413, title: 'Too large', message: err.message || 'What you sent is larger than we accept.' }
    }
    if (err.status === 408) return { status: 408, title: 'Connection too slow', message: err.message }
    if (err.status === 400) return { status: 400, title: 'Bad request', message: 'We could not read that request.' }
    if (err.status === 415) {
      return {
        status: 415,
        title: 'Unsupported media type',
        message: 'This body has a content type this address does not take.',
      }
    }
    if (err.status === 404) return NOT_FOUND
  }
  if (err instanceof SyntaxError && isApiPath(c.req.path)) {
    return { status: 400, title: 'Malformed JSON', message: 'The request body is not valid JSON.' }
  }
  return {
    status: 500,
    title: 'Something went wrong',
    message: 'An unexpected error stopped this request. Nothing you saved was lost; please try again.',
  }
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

function render(c: Context<AppEnv>, { status, title, message }: Known) {
  if (isApiPath(c.req.path)) return problem(c, status, title, message)
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
