import { LOCALES, type Locale } from './locales.js'
import type { Negotiated } from './negotiate.js'
import { type Translator, translator } from './translate.js'

/**
 * What a page needs to speak the request's language: its words (t, rich), links that keep a
 * visitor's `?lang=` choice, and the language switch's addresses. Views get it in `viewer.lang`.
 */
export type PageLanguage = Translator & {
  /** A link to one of our pages, with `?lang=` added while the visitor's choice must be carried. */
  href(path: string): string
  /** This page in another language: a visitor's switch link. */
  switchHref(locale: Locale): string
  /** This page's own address (path and query, without `lang`): where the signed-in switch returns. */
  here: string
  /** Every locale, for the switch. */
  locales: readonly Locale[]
}

/** `here` is the request's path and query; a `lang` in it is dropped (the switch sets its own). */
export function pageLanguage({ locale, carried }: Negotiated, here: string): PageLanguage {
  const own = withoutLang(here)
  return {
    ...translator(locale),
    href: (path) => (carried ? withLang(path, carried) : path),
    switchHref: (to) => withLang(own, to),
    here: own,
    locales: LOCALES,
  }
}

/** The same language, with the switch returning to `here` instead of the page's own address. */
export function returningTo(lang: PageLanguage, here: string): PageLanguage {
  return { ...lang, switchHref: (to) => withLang(here, to), here }
}

function withLang(path: string, locale: Locale): string {
  const hash = path.indexOf('#')
  const [base, fragment] = hash === -1 ? [path, ''] : [path.slice(0, hash), path.slice(hash)]
  return `${base}${base.includes('?') ? '&' : '?'}lang=${locale}${fragment}`
}

function withoutLang(here: string): string {
  const query = here.indexOf('?')
  if (query === -1) return here
  const params = new URLSearchParams(here.slice(query + 1))
  params.delete('lang')
  const rest = params.toString()
  return rest ? `${here.slice(0, query)}?${rest}` : here.slice(0, query)
}
