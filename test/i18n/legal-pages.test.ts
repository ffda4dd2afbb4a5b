// Issue 21, slice 2: the privacy policy and the terms in zh-CN and zh-HK. Each translated page is
// wholly in its language (kept names, configured values and technical terms excepted), says
// first that the English text governs and links to it, follows the English section by section,
// and names the operator's configured values as the English does. The English stays as published.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GOOD_PASSWORD, signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { englishWords, htmlLang, visibleText } from './scan.js'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp({
    TRUST_PROXY: '1',
    OPERATOR_NAME: 'Acme Video Ltd',
    CONTACT_EMAIL: 'privacy@acme.example',
    BASE_URL: 'https://video.acme.example',
    HOSTING_PROVIDER: 'Example Cloud',
    DATA_REGION: 'Singapore',
  })
})
afterAll(() => app?.close())

type Locale = 'zh-CN' | 'zh-HK'
let ip = 0
const browser = (acceptLanguage: string) =>
  new BrowserClient(app.url, app.url, { 'accept-language': acceptLanguage, 'x-forwarded-for': `10.22.0.${++ip}` })

// The configured values (interpolated as the English does), and terms Chinese legal text keeps
// in Latin letters: hash and transport names, the file format, the cookie's name.
const ALLOWED = ['Acme', 'Video', 'Ltd', 'Example', 'Cloud', 'Singapore', 'scrypt', 'SHA', 'IP', 'GPS', 'ZIP']
const ALLOWED_TERMS = [...ALLOWED, 'HTTPS', 'HSTS']

const headings = (html: string) => [...html.matchAll(/<h2>(\d+)\. /g)].map((m) => Number(m[1]))
const article = (html: string) => /<article[\s\S]*<\/article>/.exec(html)?.[0] ?? ''

// Characters only one of the two scripts uses, common in this text: a wrong-script slip shows up.
const TRADITIONAL_ONLY = /[們個這與為會說還時從對發實頁過請將帳戶資電郵號碼權訊證據聯載備]/
const SIMPLIFIED_ONLY = /[们个这与为会说还时从对发实页过请将账户资电邮号码权讯证据联载备]/

for (const locale of ['zh-CN', 'zh-HK'] as const satisfies Locale[]) {
  describe(`the privacy policy and terms in ${locale}`, () => {
    for (const path of ['/privacy', '/terms']) {
      it(`${path}: every word in ${locale}, the English text named as governing and linked`, async () => {
        const res = await browser(locale).get(path)
        expect(res.status).toBe(200)
        const html = await res.text()
        expect(htmlLang(html)).toBe(locale)
        expect(html).not.toMatch(/<main[^>]* lang="en"/)
        expect(englishWords(visibleText(html), ALLOWED_TERMS)).toEqual([])
        const text = visibleText(article(html))
        expect(text).not.toMatch(locale === 'zh-CN' ? TRADITIONAL_ONLY : SIMPLIFIED_ONLY)
        // The note comes before the text, and links to the English.
        const note = html.indexOf('class="notice notice-info"')
        expect(note).toBeGreaterThan(-1)
        expect(note).toBeLessThan(html.indexOf('<article'))
        expect(html).toContain(`<a href="${path}?lang=en" hreflang="en">`)
        expect(html).not.toContain('English only')
      })
    }

    it('the policy: the same sections as the English, the configured operator, contact, domain, host and region', async () => {
      const [zh, en] = await Promise.all([
        browser(locale)
          .get('/privacy')
          .then((r) => r.text()),
        browser('en')
          .get('/privacy')
          .then((r) => r.text()),
      ])
      expect(headings(zh)).toEqual(headings(en))
      expect(headings(zh)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      for (const value of ['Acme Video Ltd', 'video.acme.example', 'Example Cloud', 'Singapore', 'lum_api_key']) {
        expect(zh, value).toContain(value)
      }
      expect(zh).toContain('href="mailto:privacy@acme.example"')
      expect(zh).not.toContain('Alibaba')
      // Every promise with a number keeps it: 13 years, 30 days (three times), SHA-256.
      expect(visibleText(zh).match(/30/g)).toHaveLength(visibleText(article(en)).match(/30/g)?.length ?? -1)
      expect(visibleText(zh)).toContain('SHA-256')
      expect(visibleText(zh).match(/13/g)?.length).toBeGreaterThanOrEqual(2)
    })

    it('the terms: the same sections as the English, the configured operator and contact', async () => {
      const [zh, en] = await Promise.all([
        browser(locale)
          .get('/terms')
          .then((r) => r.text()),
        browser('en')
          .get('/terms')
          .then((r) => r.text()),
      ])
      expect(headings(zh)).toEqual(headings(en))
      expect(zh).toContain('Acme Video Ltd')
      expect(zh).toContain('href="mailto:privacy@acme.example"')
    })

    it('a signed-in person whose account speaks Chinese can open the English text the note links to', async () => {
      const { client } = await signUpUser(
        app,
        uniqueEmail(`legal-${randomUUID().slice(0, 6)}`),
        GOOD_PASSWORD,
        browser(locale),
      )
      const zh = await (await client.get('/privacy')).text()
      expect(htmlLang(zh)).toBe(locale)
      const en = await (await client.get('/privacy?lang=en')).text()
      expect(htmlLang(en)).toBe('en')
      expect(en).toContain('<h1>Privacy policy</h1>')
      expect(en).not.toContain('hreflang="en"')
      // Elsewhere the account's language still decides.
      expect(htmlLang(await (await client.get('/briefs?lang=en')).text())).toBe(locale)
    })
  })
}

describe('the English policy and terms', () => {
  it('carry no translation note and stay the English text', async () => {
    for (const path of ['/privacy', '/terms']) {
      const html = await (await browser('en').get(path)).text()
      expect(htmlLang(html)).toBe('en')
      expect(html).not.toContain('class="notice notice-info"')
    }
    const html = await (await browser('en-GB,en;q=0.9').get('/privacy')).text()
    expect(html).toContain('hosted by Example Cloud in Singapore')
    expect(html).toContain('operated by Acme Video Ltd')
  })
})
