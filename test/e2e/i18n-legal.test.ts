import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.js'
import { launchChromium } from '../support/chromium.js'
import { CLEAN, checkPage, type PageFindings, realProblems, screenshotIn } from '../support/page-checks.js'

// Issue 21, slice 2: the privacy policy, the terms and the API reference in zh-CN and zh-HK in a
// real browser, at a phone's and a desktop's width, with the checks every page gets (one h1, skip
// link, focus ring, axe-core, no sideways scroll, 44 px targets). Screenshots:
// test-output/screenshots/i18n/.

let app: TestApp
let browser: Browser
beforeAll(async () => {
  ;[app, browser] = await Promise.all([startTestApp(), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

const WIDTHS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
] as const
const PAGES = { privacy: '/privacy', terms: '/terms', 'api-docs': '/docs/api' }

for (const locale of ['zh-CN', 'zh-HK'] as const) {
  describe(`the legal pages and the API reference in ${locale}, in a real browser`, () => {
    it('are clean at 390 and 1280 px', { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ locale, extraHTTPHeaders: { 'accept-language': locale } })
      const page = await context.newPage()
      const problems = realProblems(page)
      const findings: Record<string, PageFindings> = {}
      for (const size of WIDTHS) {
        await page.setViewportSize({ width: size.width, height: size.height })
        for (const [name, path] of Object.entries(PAGES)) {
          await page.goto(app.url + path)
          expect(await page.locator('html').getAttribute('lang')).toBe(locale)
          await screenshotIn(page, 'i18n', `${locale}-${size.name}-${name}`)
          findings[`${size.name} ${name}`] = await checkPage(page)
        }
      }
      expect(findings).toEqual(Object.fromEntries(Object.keys(findings).map((k) => [k, CLEAN])))
      expect(problems()).toEqual([])
      await context.close()
    })
  })
}
