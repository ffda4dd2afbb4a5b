// Every date on our pages is UTC (what we store), in one house style.
const utc = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...options })

/** 25 November 2026 */
export const longDate = utc({ day: 'numeric', month: 'long', year: 'numeric' })
/** 25 Nov 2026 */
export const shortDate = utc({ day: 'numeric', month: 'short', year: 'numeric' })
/** 25 Nov 2026, 14:05 */
export const dateTime = utc({ day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' })
