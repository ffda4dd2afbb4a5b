import type { Viewer } from '../../views/layout.js'
import { type Negotiated, negotiateLocale } from '../i18n/negotiate.js'
import { pageLanguage } from '../i18n/page.js'
import { type Translator, translator } from '../i18n/translate.js'
import type { AppDeps } from './env.js'

/** The parts of a request the page chrome reads: who is signed in, the URL and Accept-Language. */
type PageRequest = {
  var: { user?: { email: string; locale: string | null } | undefined; deps: AppDeps }
  req: { url: string; query(name: string): string | undefined; header(name: string): string | undefined }
}

/** What the page chrome needs to know about the request (the signed-in person, if any), and nothing more. */
export function viewerOf(c: PageRequest): Viewer {
  const { user, deps } = c.var
  const url = new URL(c.req.url)
  return {
    email: user?.email ?? null,
    simulatedRenders: deps.runtime.simulatedRenders,
    lang: pageLanguage(requestLocale(c), url.pathname + url.search),
  }
}

/**
 * The request's language: the signed-in person's saved choice, else `?lang=`, else Accept-Language
 * (src/i18n/negotiate.ts). No cookie of its own: the privacy policy promises one cookie only.
 */
export function requestLocale(c: Pick<PageRequest, 'var' | 'req'>): Negotiated {
  return negotiateLocale({
    account: c.var.user?.locale,
    query: c.req.query('lang'),
    acceptLanguage: c.req.header('accept-language'),
  })
}

/** The request's words, for what a route says itself (a form's message, a notice). */
export function translatorOf(c: Pick<PageRequest, 'var' | 'req'>): Translator {
  return translator(requestLocale(c).locale)
}
