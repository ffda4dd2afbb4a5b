import type { Locale } from './locales.js'

// Dates, months, numbers and sizes in a page's language, through Intl. Every date we show is UTC
// (what we store). English keeps the house style (en-GB: 25 Nov 2026).
const intlTag = (locale: Locale) => (locale === 'en' ? 'en-GB' : locale)

const STYLES = {
  /** 25 November 2026 · 2026年11月25日 */
  long: { day: 'numeric', month: 'long', year: 'numeric' },
  /** 25 Nov 2026 · 2026年11月25日 */
  short: { day: 'numeric', month: 'short', year: 'numeric' },
  /** 25 Nov 2026, 14:05 */
  dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  /** 25 Nov 2026, 14:05:09 (the local mailbox, where mails come seconds apart) */
  seconds: {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>

const kept = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>()
function made<T extends Intl.DateTimeFormat | Intl.NumberFormat>(id: string, make: () => T): T {
  let found = kept.get(id)
  if (!found) {
    found = make()
    kept.set(id, found)
  }
  return found as T
}

/** A moment (ms since the epoch) as a UTC date in the locale. */
export function formatDate(locale: Locale, ms: number, style: keyof typeof STYLES = 'long'): string {
  return made(
    `d ${locale} ${style}`,
    () => new Intl.DateTimeFormat(intlTag(locale), { timeZone: 'UTC', ...STYLES[style] }),
  ).format(ms)
}

/** A month ('2026-11') named in the locale: November 2026 · 2026年11月. */
export function monthName(locale: Locale, month: string): string {
  return made(
    `m ${locale}`,
    () => new Intl.DateTimeFormat(intlTag(locale), { timeZone: 'UTC', month: 'long', year: 'numeric' }),
  ).format(Date.parse(`${month}-01T00:00:00Z`))
}

/** A number with the locale's grouping: 1,234. */
export function formatNumber(locale: Locale, n: number, options?: Intl.NumberFormatOptions): string {
  const id = `n ${locale} ${JSON.stringify(options ?? {})}`
  return made(id, () => new Intl.NumberFormat(intlTag(locale), options)).format(n)
}

const MB = 1024 * 1024

/**
 * Bytes as people read them: kilobytes under a megabyte (a 412 kB photo is not "0.4 MB", and a
 * stored photo never shows as "0 MB"), megabytes from there, one decimal below 10: 412 kB, 3.0 MB, 143 MB.
 */
export function formatBytes(locale: Locale, bytes: number): string {
  const kilobytes = bytes / 1024
  // Only sizes that stay under 1,024 once rounded read as kB; 1,023.7 kB is 1.0 MB.
  if (bytes < MB && Math.round(kilobytes) < 1024) {
    // Anything stored is at least 1 kB: a tiny file is not nothing.
    const shown = bytes > 0 ? Math.max(1, Math.round(kilobytes)) : 0
    return formatNumber(locale, shown, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 })
  }
  const digits = bytes / MB < 10 ? 1 : 0
  const style = {
    style: 'unit',
    unit: 'megabyte',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  } as const
  return formatNumber(locale, bytes / MB, style)
}
