import { eq } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users } from '../../db/schema.js'
import { GOOD_PASSWORD, signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { launchChromium } from '../support/chromium.js'
import { screenshotIn } from '../support/page-checks.js'
import { insertVideo, makeBrief } from '../support/render.js'

// Issue 21, the account area in a real browser in zh-CN and zh-HK, at a phone's and a desktop's
// width: no sideways scroll, no button or label whose words overflow it. Screenshots, for a
// person to look at: test-output/screenshots/i18n-account/.

let app: TestApp
let browser: Browser
beforeAll(async () => {
  ;[app, browser] = await Promise.all([startTestApp({ TRUST_PROXY: '1' }), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
] as const

for (const locale of ['zh-CN', 'zh-HK'] as const) {
  describe(`the account pages in ${locale}, in a real browser`, () => {
    it('fit at 390 and 1280 px', async () => {
      const client = new BrowserClient(app.url, app.url, { 'accept-language': locale })
      const { email } = await signUpUser(app, uniqueEmail('shots'), GOOD_PASSWORD, client)
      const id = app.db.select().from(users).where(eq(users.email, email)).get()!.id
      const project = await makeBrief(app, id, { productName: '极光耳机' })
      for (const status of ['done', 'failed', 'queued'] as const)
        insertVideo(app, id, project, { status, title: '极光耳机' })
      const pages = {
        account: '/account',
        'account-done': '/account?done=password-reset',
        home: '/',
        'home-welcome': '/?welcome=1',
      }
      for (const size of WIDTHS) {
        const context = await browser.newContext({
          locale,
          viewport: { width: size.width, height: size.height },
          extraHTTPHeaders: { 'accept-language': locale },
        })
        await context.addCookies([...client.cookies].map(([name, value]) => ({ name, value, url: app.url })))
        const page = await context.newPage()
        for (const [name, path] of Object.entries(pages)) {
          await page.goto(`${app.url}${path}`)
          const overflow = await page.evaluate(() => ({
            sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
            clipped: [...document.querySelectorAll<HTMLElement>('.button, button, label, th, summary')]
              .filter((el) => el.scrollWidth > el.clientWidth + 1)
              .map((el) => el.textContent?.trim() ?? ''),
          }))
          expect(overflow, `${name} at ${size.width}`).toEqual({ sideways: false, clipped: [] })
          await page.evaluate(() => {
            for (const d of document.querySelectorAll('details')) d.open = true
          })
          await screenshotIn(page, 'i18n-account', `${locale}-${size.name}-${name}`)
        }
        // The question pages, without JavaScript's dialog: a plain form post.
        for (const [name, action] of [
          ['confirm-rotate-key', '/account/api-key'],
          ['confirm-delete-brief', `/briefs/${project.briefId}/delete`],
        ] as const) {
          await page.goto(`${app.url}/account`)
          await page.evaluate((a) => {
            const f = document.createElement('form')
            f.method = 'post'
            f.action = a
            document.body.append(f)
            f.submit()
          }, action)
          await page.waitForLoadState('load')
          expect(await page.locator('h1').textContent()).toMatch(/^要/) // the question, in Chinese
          const sideways = await page.evaluate(
            () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
          )
          expect(sideways, `${name} at ${size.width}`).toBe(false)
          await screenshotIn(page, 'i18n-account', `${locale}-${size.name}-${name}`)
        }
        await context.close()
      }
    }, 120_000)
  })
}
