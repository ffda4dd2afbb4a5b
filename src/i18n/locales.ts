/** The languages the product speaks. The first is the fallback for anything we cannot match. */
export const LOCALES = ['en', 'zh-CN', 'zh-HK'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'en'

/**
 * Each language named in itself, for the language switch: a person looks for their own
 * language's name, whatever the page is in now. Never translated.
 */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  'zh-CN': '简体中文',
  'zh-HK': '繁體中文',
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}
