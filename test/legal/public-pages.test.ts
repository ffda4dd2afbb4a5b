// The landing, privacy and terms pages are rendered once per app for signed-out visitors
// (src/legal/routes.tsx). What the cache must never do: show a signed-in person the signed-out
// page, show a signed-out visitor someone's signed-in page, or swallow the deleted-account notice.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { signUpUser } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp({}, undefined, { simulatedRenders: true })
})
afterAll(() => app.close())

const signedOutNav = 'href="/signup"'
const signedInNav = 'action="/signout"'

describe('public pages, rendered once for signed-out visitors', () => {
  for (const path of ['/', '/privacy', '/terms']) {
    it(`${path}: the same bytes for every signed-out visitor, the signed-in page for a signed-in one`, async () => {
      const first = await fetch(`${app.url}${path}`)
      expect(first.status).toBe(200)
      expect(first.headers.get('content-type')).toBe('text/html; charset=UTF-8')
      expect(first.headers.get('content-security-policy')).toContain("default-src 'self'")
      const firstHtml = await first.text()
      expect(firstHtml).toContain(signedOutNav)
      expect(firstHtml).not.toContain(signedInNav)
      // The app-wide fact the layout reads from the request is in the kept page too.
      expect(firstHtml).toContain('Simulated renders')

      const { client, email } = await signUpUser(app)
      const signedIn = await (await client.get(path)).text()
      expect(signedIn).toContain(signedInNav)
      expect(signedIn).not.toContain(signedOutNav)
      expect(signedIn).not.toBe(firstHtml)

      // After a signed-in visit, a signed-out visitor still gets the signed-out page, naming nobody.
      const again = await (await fetch(`${app.url}${path}`)).text()
      expect(again).toBe(firstHtml)
      expect(again).not.toContain(email)
    })
  }

  it('the landing page still says an account was deleted when asked to', async () => {
    await fetch(`${app.url}/`)
    const html = await (await fetch(`${app.url}/?deleted=1`)).text()
    expect(html).toContain('Your account and everything in it have been deleted.')
    expect(await (await fetch(`${app.url}/`)).text()).not.toContain('have been deleted')
  })

  it('the front door answers a visitor without cookies with the bytes and headers the app sends, in their language, and logs it', async () => {
    const languages = [
      [undefined, 'en'],
      ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
      ['zh-TW', 'zh-HK'],
      ['fr-FR, zh-Hant;q=0.5', 'zh-HK'],
    ] as const
    for (const [acceptLanguage, lang] of languages)
      for (const path of ['/', '/privacy', '/terms']) {
        const logsBefore = app.logs.length
        const asked: Record<string, string> = acceptLanguage ? { 'accept-language': acceptLanguage } : {}
        // No cookie: answered by the front door. A cookie that is no session: answered by the app.
        const door = await fetch(`${app.url}${path}`, { headers: asked })
        const viaApp = await fetch(`${app.url}${path}`, { headers: { ...asked, cookie: 'unrelated=1' } })
        expect(door.status).toBe(200)
        expect(viaApp.status).toBe(200)
        const html = await door.text()
        expect(html).toBe(await viaApp.text())
        expect(html).toContain(`<html lang="${lang}">`)
        // One copy per language in any cache between us and the visitor.
        expect(door.headers.get('vary')).toBe('Accept-Language')
        const names = (res: Response) => [...res.headers.keys()].filter((k) => k !== 'date').sort()
        expect(names(door)).toEqual(names(viaApp))
        for (const name of names(door).filter((k) => k !== 'x-request-id')) {
          expect(door.headers.get(name), name).toBe(viaApp.headers.get(name))
        }
        await vi.waitFor(() => {
          const lines = app.logs.slice(logsBefore).filter((l) => l.msg === 'request' && l.path === path)
          expect(lines.map((l) => l.status)).toEqual([200, 200])
          expect(lines.map((l) => l.reqId)).toEqual([
            door.headers.get('x-request-id'),
            viaApp.headers.get('x-request-id'),
          ])
        })
      }
  })

  it("a visitor's ?lang= choice goes to the app, whose links carry it; the kept page does not", async () => {
    const kept = await (await fetch(`${app.url}/`, { headers: { 'accept-language': 'en' } })).text()
    expect(kept).toContain('href="/signup"')
    const chosen = await (await fetch(`${app.url}/?lang=zh-HK`, { headers: { 'accept-language': 'en' } })).text()
    expect(chosen).toContain('<html lang="zh-HK">')
    expect(chosen).toContain('href="/signup?lang=zh-HK"')
    // Chosen and asked for alike: nothing to carry, the kept page's bytes.
    const same = await fetch(`${app.url}/?lang=zh-HK`, { headers: { 'accept-language': 'zh-HK' } })
    const keptHk = await fetch(`${app.url}/`, { headers: { 'accept-language': 'zh-HK' } })
    expect(await same.text()).toBe(await keptHk.text())
  })

  it("every page says it varies by Accept-Language; the API only where a problem's detail does", async () => {
    for (const path of ['/signin', '/signup', '/password/forgot', '/no-such-page']) {
      expect((await fetch(`${app.url}${path}`)).headers.get('vary'), path).toBe('Accept-Language')
    }
    // The API's answers are the same in every language; a problem's `detail` follows
    // Accept-Language (issue 21), so a translated problem says so. The OpenAPI document does not vary.
    expect((await fetch(`${app.url}/api/v1/openapi.json`)).headers.get('vary')).toBeNull()
    expect((await fetch(`${app.url}/api/v1/me`)).headers.get('vary')).toBe('Accept-Language')
  })

  it('a HEAD request gets the headers and no body', async () => {
    const res = await fetch(`${app.url}/privacy`, { method: 'HEAD' })
    expect(res.status).toBe(200)
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(await res.text()).toBe('')
  })
})

describe('the privacy page', () => {
  it('names the operator, contact, domain, hosting provider and region from the configuration', async () => {
    const custom = await startTestApp({
      OPERATOR_NAME: 'Acme Video Ltd',
      CONTACT_EMAIL: 'privacy@acme.example',
      BASE_URL: 'https://video.acme.example',
      HOSTING_PROVIDER: 'Example Cloud',
      DATA_REGION: 'Singapore',
    })
    try {
      const html = await (await fetch(`${custom.url}/privacy`)).text()
      expect(html).toContain('operated by Acme Video Ltd')
      expect(html).toContain('href="mailto:privacy@acme.example"')
      expect(html).toContain('All traffic to video.acme.example is HTTPS-only')
      expect(html).toContain('hosted by Example Cloud in Singapore')
      expect(html).not.toContain('Alibaba')
    } finally {
      await custom.close()
    }
  })

  it('follows the published policy section by section and promises what the code now does', async () => {
    const html = await (await fetch(`${app.url}/privacy`)).text()
    const headings = [...html.matchAll(/<h2>(\d+)\. /g)].map((m) => Number(m[1]))
    expect(headings).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(html).toContain('hosted by Alibaba Cloud in Hong Kong')
    expect(html).toContain('change your email yourself on the account page')
    expect(html).toContain('a ZIP with a JSON file')
    expect(html).toContain('restoring one never brings a deleted account')
    expect(html).not.toContain('in progress.') // off-site replication shipped
    expect(html).toContain('<code>lum_api_key</code>')
  })
})
