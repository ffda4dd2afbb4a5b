// Issue 21, slice 2: the /docs/api page's prose in zh-CN and zh-HK. Code samples, paths, headers
// and field names stay as they are, and so do the operations' own words, which come from the
// OpenAPI document (English by design): those are marked lang="en" on a Chinese page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.js'
import { englishWords, htmlLang, visibleText } from './scan.js'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(() => app?.close())

/**
 * The page without code, samples, the document's address, HTTP methods, schema types (string,
 * uuid, enum values) and what is marked English (the OpenAPI document's words).
 */
function prose(html: string): string {
  return html
    .replace(/<pre\b[\s\S]*?<\/pre>/g, ' ')
    .replace(/<code\b[\s\S]*?<\/code>/g, ' ')
    .replace(/<a href="\/api\/v1\/openapi.json">[^<]*<\/a>/g, ' ')
    .replace(/<span class="api-method[^"]*">[A-Z]+<\/span>/g, ' ')
    .replace(/<td class="api-type">[^<]*<\/td>/g, ' ')
    .replace(/<(\w+)\b[^>]* lang="en"[^>]*>[\s\S]*?<\/\1>/g, ' ')
}

// Names and terms the Chinese prose keeps as written: the standards it names, the HTTP method,
// field and header names of the problem types, JSON's null, the runtime.
const KEPT = [
  'OpenAPI',
  'ISO',
  'UTC',
  'ID',
  'camelCase',
  'null',
  'POST',
  '2xx',
  'Node',
  'multipart',
  'Retry-After',
  'errors',
  'used',
  'quota',
  'resetsAt',
  'kind',
  'cap',
  'MB',
]

for (const locale of ['zh-CN', 'zh-HK'] as const) {
  describe(`/docs/api in ${locale}`, () => {
    it('every word of the page is in the language; samples and the document stay as they are', async () => {
      const res = await fetch(`${app.url}/docs/api`, { headers: { 'accept-language': locale } })
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(htmlLang(html)).toBe(locale)
      expect(html).not.toMatch(/<main[^>]* lang="en"/)
      expect(englishWords(visibleText(prose(html)), KEPT)).toEqual([])
      // The operations' own words are marked as English, the problem titles too (identifiers).
      expect(html).toMatch(/<p lang="en"><strong>[^<]+<\/strong><\/p>/)
      expect(html).toContain('<strong lang="en">Not found.</strong>')
      // Code stays code.
      expect(html).toContain('<code>Authorization: Bearer lum_…</code>')
      expect(html).toContain('<code data-sample="verify-webhook">')
    })
  })
}

it('/docs/api in English marks nothing as another language', async () => {
  const html = await (await fetch(`${app.url}/docs/api`)).text()
  expect(htmlLang(html)).toBe('en')
  expect(/<article[\s\S]*<\/article>/.exec(html)?.[0]).not.toContain(' lang=')
  expect(html).toContain('<h1>API reference</h1>')
  expect(html).toContain('Keep the <code>id</code> of every event you have handled')
  // Every anchor the page links to is one place: the Webhooks operations and the verifying
  // section once shared id="webhooks", so the nav's "Verifying webhooks" went to the operations.
  const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1])
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
  expect(ids).toContain('verifying-webhooks')
  expect(html).toContain('<a href="#verifying-webhooks">Verifying webhooks</a>')
})
