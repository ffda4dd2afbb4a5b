// Reads a page or a mail as a person does, and finds English words left on a Chinese one.

/**
 * The words a reader meets: the text between tags (and the tab's title), plus the attributes a
 * browser shows or reads aloud (title, aria-label, alt, placeholder). Scripts, styles and form
 * values (a token, what the person typed) are not words of ours.
 */
export function visibleText(html: string): string {
  const attributes = [...html.matchAll(/\s(?:title|aria-label|alt|placeholder)="([^"]*)"/g)].map((m) => m[1])
  const text = html
    .replace(/<script\b[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style\b[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
  return decode([text, ...attributes].join(' '))
    .replace(/\s+/g, ' ')
    .trim()
}

function decode(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
}

/**
 * Names and terms a Chinese page writes as they are: the brand, the video provider, technical
 * terms Chinese text keeps in Latin letters, the English choice of the language switch, and the
 * platforms a video format is for.
 */
export const KEPT_AS_IS = [
  'Lumina.AI',
  'LibTV',
  'AI',
  'API',
  'MP4',
  'Cookie',
  'Webhook',
  'JSON',
  'HTML',
  'UTF-8',
  'English',
  // The platforms a format is for, by their own names (the zh-HK aspect ratio labels).
  'Reels',
  'TikTok',
  'Shorts',
  'YouTube',
  'Instagram',
  'Facebook',
  'Amazon',
]

/** Words in Latin letters that are none of the above, nor an email address, a URL or a host name. */
export function englishWords(text: string, alsoAllowed: string[] = []): string[] {
  let rest = text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
    .replace(/\blum_[\w-]+/g, ' ') // an API key's prefix
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, ' ') // a request id
  for (const kept of [...alsoAllowed, ...KEPT_AS_IS].sort((a, b) => b.length - a.length)) {
    // Whole words only: "AI" is kept, the "AI" in "MAIL" is not.
    const escaped = kept.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    rest = rest.replace(new RegExp(`(?<![A-Za-z])${escaped}(?![A-Za-z])`, 'g'), ' ')
  }
  rest = rest.replace(/\b[\w-]+(\.[\w-]+)+(:\d+)?\b/g, ' ') // a host name: 127.0.0.1:3000, lumina.example
  return [...rest.matchAll(/[A-Za-z]{2,}/g)].map((m) => m[0])
}

/** The page's <html lang>. */
export function htmlLang(html: string): string | undefined {
  return /<html lang="([^"]+)"/.exec(html)?.[1]
}

/**
 * The page without its <main> and its tab title (the page's own words): the chrome around a page
 * whose own text is not translated yet.
 */
export function chromeOf(html: string): string {
  return html.replace(/<main\b[\s\S]*<\/main>/, ' ').replace(/<title>[^<]*<\/title>/, ' ')
}

/** The tab's title. */
export function titleOf(html: string): string {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? ''
}
