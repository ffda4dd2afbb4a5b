import { DEFAULT_LOCALE, type Locale } from './locales.js'

/**
 * The locale a BCP 47 tag asks for, or undefined for a language we do not speak. Chinese goes by
 * script first (Hant: Traditional, Hans: Simplified), then by region: Taiwan, Hong Kong and Macau
 * read Traditional, everywhere else (the mainland, Singapore, a bare "zh") Simplified. Cantonese
 * (yue) is written in Traditional characters in Hong Kong, where most of its readers are.
 */
export function localeFromTag(tag: string): Locale | undefined {
  const [language, ...rest] = tag.trim().toLowerCase().split(/[-_]/)
  if (language === 'en') return 'en'
  if (language === 'yue') return rest.includes('hans') ? 'zh-CN' : 'zh-HK'
  if (language !== 'zh') return undefined
  if (rest.includes('hant')) return 'zh-HK'
  if (rest.includes('hans')) return 'zh-CN'
  if (rest.some((part) => part === 'tw' || part === 'hk' || part === 'mo')) return 'zh-HK'
  return 'zh-CN'
}

/**
 * The best of our locales for an Accept-Language header: the supported tag with the highest
 * weight (the first listed among equals); English when none matches, the header is missing or
 * it says only "*".
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE
  let best: { locale: Locale; q: number } | undefined
  // A header is short; cap the work for one that is not.
  for (const part of header.slice(0, 1000).split(',', 40)) {
    const [tag = '', ...params] = part.split(';')
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    const q = qParam === undefined ? 1 : Number(qParam.slice(2))
    if (!(q > 0) || q > 1) continue
    const locale = localeFromTag(tag)
    if (locale && (!best || q > best.q)) best = { locale, q }
  }
  return best?.locale ?? DEFAULT_LOCALE
}

/** What a request says about language: the `?lang=` choice, Accept-Language, the account's setting. */
export type LocaleSignals = {
  /** `?lang=` from the URL: a visitor's choice, carried in the links of the pages they see. */
  query?: string | null | undefined
  acceptLanguage?: string | null | undefined
  /** The signed-in person's saved choice; null (or no one signed in) follows the browser. */
  account?: string | null | undefined
}

export type Negotiated = {
  locale: Locale
  /**
   * The locale the page's links must carry as `?lang=`, so the choice survives the next click:
   * set only when it came from the URL and differs from what Accept-Language alone gives.
   */
  carried: Locale | null
}

/** A signed-in person's saved choice wins; otherwise the URL's; otherwise the browser's. */
export function negotiateLocale(signals: LocaleSignals): Negotiated {
  const saved = signals.account ? localeFromTag(signals.account) : undefined
  if (saved) return { locale: saved, carried: null }
  const browser = localeFromAcceptLanguage(signals.acceptLanguage)
  const chosen = signals.query ? localeFromTag(signals.query) : undefined
  if (!chosen) return { locale: browser, carried: null }
  return { locale: chosen, carried: chosen === browser ? null : chosen }
}
