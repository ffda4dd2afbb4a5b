import { zValidator } from '@hono/zod-validator'
import type { Context, Env, MiddlewareHandler } from 'hono'
import { every } from 'hono/combine'
import type { z } from 'zod'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { isMessageKey, type Translator } from '../i18n/translate.js'
import type { AppEnv } from './env.js'
import { translatorOf } from './viewer.js'

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']
export const MAX_FORM_FIELDS = 200

export class BadFormError extends Error {
  constructor(
    readonly status: 400 | 415,
    /** A message key (src/i18n), said in the request's language. */
    message: MessageKey,
  ) {
    super(message)
  }
}

/**
 * Runs before zValidator('form') on every page form: refuses content types other than the two
 * a browser sends (415) and bodies that are not valid UTF-8, raw or percent-encoded (400),
 * which the standard parsers would otherwise turn silently into U+FFFD and store.
 */
export const strictForm: MiddlewareHandler<AppEnv> = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!FORM_TYPES.includes(type)) throw new BadFormError(415, 'error.unsupportedForm' satisfies MessageKey)
  if (type === 'application/x-www-form-urlencoded') {
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      throw new BadFormError(400, 'error.notUtf8' satisfies MessageKey)
    }
    const pairs = text.split('&')
    // Our largest page form has a few dozen fields; hundreds of thousands would cost the main
    // thread seconds of parsing before any limit of the route's own could say no.
    if (pairs.length > MAX_FORM_FIELDS) throw new BadFormError(400, 'http.tooManyFields')
    for (const pair of pairs) {
      try {
        decodeURIComponent(pair.replace(/\+/g, ' '))
      } catch {
        throw new BadFormError(400, 'error.notUtf8' satisfies MessageKey)
      }
    }
  }
  await next()
}

export type FieldErrors = Record<string, string>

/** The first message for each field, for showing beside the inputs. */
export function fieldErrors(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[]
}): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    out[field] ??= issue.message
  }
  return out
}

/**
 * A schema's messages written as message keys (src/accounts/forms.ts) in the page's language;
 * messages of schemas not translated yet are English words and stay as they are.
 */
export function translateErrors(translator: Translator, errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {}
  for (const [field, message] of Object.entries(errors)) {
    out[field] = isMessageKey(message) ? translator.t(message) : message
  }
  return out
}

/** What the user typed, as strings, to put back into a re-rendered form (never the password). */
export function typedValues(data: unknown, omit: string[] = ['password']): Record<string, string> {
  const out: Record<string, string> = {}
  if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data)) {
      if (!omit.includes(k) && typeof v === 'string') out[k] = v.slice(0, 2000)
    }
  }
  return out
}

/**
 * A page form's validation: strictForm, then zod through @hono/zod-validator. On invalid input
 * `onInvalid` re-renders the form with the field messages and what was typed (never passwords).
 */
export function validForm<T extends z.ZodType, E extends Env = AppEnv>(
  schema: T,
  onInvalid: (c: Context<E>, errors: FieldErrors, values: Record<string, string>) => Response | Promise<Response>,
) {
  const validator = zValidator('form', schema, (result, c) => {
    // The hook runs inside the route it guards, so its context is the route's.
    if (!result.success) {
      const errors = translateErrors(translatorOf(c as unknown as Context<AppEnv>), fieldErrors(result.error))
      return onInvalid(c as unknown as Context<E>, errors, typedValues(result.data))
    }
  })
  // every() keeps the validator's types for c.req.valid('form') in the handler.
  return every(strictForm, validator) as typeof validator
}
