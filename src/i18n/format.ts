import type { Locale } from './locales.js'

// Dates and numbers on a page, in the page's locale (Intl). Every date we store is UTC, so every
// date is shown in UTC, as views/components/dates.ts does for English.
const dateStyles = {
  /** 25 Nov 2026 · 2026年11月25日 */
  short: { day: 'numeric', month: 'short', year: 'numeric' },
  /** 25 November 2026 · 2026年11月25日 */
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  /** 25 Nov 2026, 14:05 · 2026年11月25日 14:05 */
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>

const formats = new Map<string, Intl.DateTimeFormat>()

/** A stored time (ms) as a date in the locale's own way; English keeps the house style (en-GB). */
export function formatDate(locale: Locale, ms: number, style: keyof typeof dateStyles = 'short'): string {
  const id = `${locale} ${style}`
  let format = formats.get(id)
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { timeZone: 'UTC', ...dateStyles[style] })
    formats.set(id, format)
  }
  return format.format(ms)
}
