import type { Locale } from './locales.js'

// Dates, numbers and sizes in a page's language, through Intl. Every date is UTC (what we store).
// English keeps the house style of views/components/dates.ts: 25 Nov 2026, not Nov 25, 2026.

const intlLocale = (locale: Locale) => (locale === 'en' ? 'en-GB' : locale)

const DATE_STYLES = {
  /** 25 November 2026 · 2026年11月25日 */
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  /** 25 Nov 2026 · 2026年11月25日 */
  short: { day: 'numeric', month: 'short', year: 'numeric' },
  /** 25 Nov 2026, 14:05 · 2026年11月25日 14:05 */
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>

const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()
function kept<T extends Intl.DateTimeFormat | Intl.NumberFormat>(id: string, make: () => T): T {
  let found = formats.get(id)
  if (!found) {
    found = make()
    formats.set(id, found)
  }
  return found as T
}

/** A UTC date (milliseconds) in the locale's own way of writing it. */
export function formatDate(locale: Locale, ms: number, style: keyof typeof DATE_STYLES = 'short'): string {
  return kept(
    `d:${locale}:${style}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { timeZone: 'UTC', ...DATE_STYLES[style] }),
  ).format(ms)
}

/** A number with the locale's grouping. */
export function formatNumber(locale: Locale, n: number): string {
  return kept(`n:${locale}`, () => new Intl.NumberFormat(intlLocale(locale))).format(n)
}

/** A file size in MB (one decimal), or kB below one MB. */
export function formatBytes(locale: Locale, bytes: number): string {
  const mb = bytes / 1024 / 1024
  const [unit, value] = mb >= 1 ? (['megabyte', mb] as const) : (['kilobyte', Math.max(1, bytes / 1024)] as const)
  return kept(
    `b:${locale}:${unit}`,
    () =>
      new Intl.NumberFormat(intlLocale(locale), {
        style: 'unit',
        unit,
        minimumFractionDigits: unit === 'megabyte' ? 1 : 0,
        maximumFractionDigits: unit === 'megabyte' ? 1 : 0,
      }),
  ).format(value)
}

/** The name of a month (1–12) in the locale. */
export function monthName(locale: Locale, month: number): string {
  return kept(
    `m:${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { month: 'long', timeZone: 'UTC' }),
  ).format(Date.UTC(2000, month - 1, 1))
}
