// Issue 21: the refusals src/http says itself (body limits, the form parsers) on a page in the
// request's language, with no English word left in the page's own text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { translator } from '../../src/i18n/translate.js'
import { multipart } from '../briefs/helpers.js'
import { signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { englishWords, htmlLang, visibleText } from './scan.js'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: '1' })
})
afterAll(() => app?.close())

type Locale = 'zh-CN' | 'zh-HK'

/** The page's own words (its <main>), checked for English, and its <html lang>. */
async function pageIn(res: Response, locale: Locale, kept: string[] = []) {
  const html = await res.text()
  expect(htmlLang(html)).toBe(locale)
  const main = /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? ''
  expect(englishWords(visibleText(main), kept)).toEqual([])
  return visibleText(main)
}

const form = (lang: Locale) => ({
  'content-type': 'application/x-www-form-urlencoded',
  origin: app.url,
  'accept-language': lang,
})

describe('page forms refused by src/http', () => {
  it('too many fields: zh-HK', async () => {
    const fields = Array.from({ length: 300 }, (_, i) => `f${i}=`).join('&')
    const res = await fetch(`${app.url}/signin`, { method: 'POST', headers: form('zh-HK'), body: fields })
    expect(res.status).toBe(400)
    expect(await pageIn(res, 'zh-HK')).toContain(translator('zh-HK').t('http.tooManyFields'))
  })

  it('a form larger than we accept: zh-CN', async () => {
    const res = await fetch(`${app.url}/signin`, {
      method: 'POST',
      headers: form('zh-CN'),
      body: `email=${'a'.repeat(300 * 1024)}`,
    })
    expect(res.status).toBe(413)
    expect(await pageIn(res, 'zh-CN')).toContain(translator('zh-CN').t('error.tooLarge'))
  })
})

describe('photo forms refused by src/http, signed in', () => {
  let ip = 0
  async function person(locale: Locale) {
    const client = new BrowserClient(app.url, app.url, {
      'accept-language': locale,
      'x-forwarded-for': `10.31.0.${++ip}`,
    })
    await signUpUser(app, uniqueEmail(`http-${locale.toLowerCase()}`), undefined, client)
    return client
  }

  it('a multipart form of more parts than it should have: zh-CN', async () => {
    const client = await person('zh-CN')
    const fields: Record<string, string> = {}
    for (let i = 0; i < 400; i++) fields[`f${i}`] = 'x'
    const res = await client.send('/briefs', { method: 'POST', body: multipart(fields), headers: { origin: app.url } })
    expect(res.status).toBe(400)
    expect(await pageIn(res, 'zh-CN')).toContain(translator('zh-CN').t('http.tooManyParts'))
  })

  it('a photo larger than 15 MB, sent without htmx: zh-HK', async () => {
    const client = await person('zh-HK')
    const res = await client.send('/images', {
      method: 'POST',
      body: new Uint8Array(21 * 1024 * 1024),
      headers: { origin: app.url, 'content-type': 'multipart/form-data; boundary=x' },
    })
    expect(res.status).toBe(413)
    // MB is written in Latin letters in Chinese text too (as the photo box says it).
    expect(await pageIn(res, 'zh-HK', ['MB'])).toContain(translator('zh-HK').t('http.photoTooLarge'))
  })
})
