import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailOutbox } from '../../db/schema.js'
import { GOOD_PASSWORD, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { launchChromium } from '../support/chromium.js'
import { CLEAN, checkPage, type PageFindings, realProblems, screenshotIn } from '../support/page-checks.js'

// Issue 21: the translated pages in a real browser that asks for zh-CN or zh-HK: the same checks
// as every page (one h1, skip link, focus ring, axe-core, no sideways scroll, 44 px targets) at a
// phone's and a desktop's width, the language switch's targets, and the switch itself, signed out
// (links) and signed in (a form that saves the choice). Screenshots: test-output/screenshots/i18n/.

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
const PAGES = {
  landing: '/',
  signup: '/signup',
  signin: '/signin',
  'forgot-password': '/password/forgot',
  privacy: '/privacy',
  'not-found': '/no-such-page',
}
const NOT_FOUND = 'console: Failed to load resource: the server responded with a status of 404 (Not Found)'
const FORM_REFUSED =
  'console: Failed to load resource: the server responded with a status of 422 (Unprocessable Entity)'

/** Language switch links or buttons lower than a finger (the footer is outside checkPage's <main>). */
function smallSwitchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.lang-switch a, .lang-switch button')]
      .filter((el) => el.getBoundingClientRect().height < 44)
      .map((el) => el.textContent ?? ''),
  )
}

for (const locale of ['zh-CN', 'zh-HK'] as const) {
  describe(`the translated pages in ${locale}, in a real browser`, () => {
    it('are clean at 390 and 1280 px, the sign-up form with its messages too', { timeout: 120_000 }, async () => {
      const context = await browser.newContext({ locale, extraHTTPHeaders: { 'accept-language': locale } })
      const page = await context.newPage()
      const problems = realProblems(page)
      const findings: Record<string, PageFindings> = {}
      const switches: Record<string, string[]> = {}
      for (const size of WIDTHS) {
        await page.setViewportSize({ width: size.width, height: size.height })
        for (const [name, path] of Object.entries(PAGES)) {
          await page.goto(app.url + path)
          expect(await page.locator('html').getAttribute('lang')).toBe(locale)
          await screenshotIn(page, 'i18n', `${locale}-${size.name}-${name}`)
          findings[`${size.name} ${name}`] = await checkPage(page)
          switches[`${size.name} ${name}`] = await smallSwitchTargets(page)
        }
        await page.goto(`${app.url}/signup`)
        await page.locator('button[type="submit"]').click()
        await page.locator('.field-invalid').first().waitFor()
        await screenshotIn(page, 'i18n', `${locale}-${size.name}-signup-errors`)
        findings[`${size.name} signup-errors`] = await checkPage(page)
      }
      expect(findings).toEqual(Object.fromEntries(Object.keys(findings).map((k) => [k, CLEAN])))
      expect(switches).toEqual(Object.fromEntries(Object.keys(switches).map((k) => [k, []])))
      expect(problems()).toEqual([NOT_FOUND, FORM_REFUSED, NOT_FOUND, FORM_REFUSED])
      await context.close()
    })
  })
}

describe('the language switch in a real browser', () => {
  it('signed out, a link carries the choice from page to page; signed in, it is saved on the account', {
    timeout: 120_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'en-US', extraHTTPHeaders: { 'accept-language': 'en-US' } })
    const page = await context.newPage()
    const problems = realProblems(page)
    await page.goto(`${app.url}/`)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    await page.getByRole('link', { name: '繁體中文' }).click()
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-HK')
    // The next page keeps it, through the header's link.
    await page.getByRole('link', { name: '開始使用' }).click()
    expect(new URL(page.url()).search).toBe('?lang=zh-HK')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('建立帳戶')

    // Signing up from here: the account keeps zh-HK, and the mail is in it.
    const email = uniqueEmail('switch')
    await page.getByLabel('電郵').fill(email)
    await page.getByLabel('密碼').fill(GOOD_PASSWORD)
    await page.getByRole('checkbox').check()
    await page.getByRole('button', { name: '建立帳戶' }).click()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('請查看你的電郵')
    // The mailed link opens the page in the mail's language, whatever this browser asks for.
    const mail = app.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).get()
    const link = new URL(/https?:\/\/\S+\?token=\S+/.exec(mail?.text ?? '')?.[0] ?? 'http://x/no-link')
    expect(link.searchParams.get('lang')).toBe('zh-HK')
    await page.goto(app.url + link.pathname + link.search)
    await page.getByLabel('密碼').fill(GOOD_PASSWORD)
    await page.getByRole('button', { name: '確認並登入' }).click()
    await page.waitForURL((url) => url.pathname === '/')
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-HK') // the account's, not the browser's

    // Signed in, the switch is a form: Simplified Chinese, saved, on the same page.
    await page.goto(`${app.url}/briefs`)
    await page.getByRole('button', { name: '简体中文' }).click()
    await page.waitForURL((url) => url.pathname === '/briefs')
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    expect(await page.getByRole('button', { name: '简体中文' }).getAttribute('aria-pressed')).toBe('true')
    await page.goto(`${app.url}/signin`) // signed in: sent home, still in the saved language
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN')
    await page.getByRole('button', { name: 'English' }).click()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(problems()).toEqual([])
    await context.close()
  })
})
