import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GOOD_PASSWORD } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { launchChromium } from '../support/chromium.js'
import { axeViolations, screenshotIn, signUpThroughPages } from '../support/page-checks.js'

// Issue 23: on a phone (390 × 844) the brief form and each part of the account page fit in a
// screen and a half (1266 px), measured in chromium, axe clean, photographed for a person to see.

const PHONE = { width: 390, height: 844 }
const SCREEN_AND_A_HALF = Math.round(PHONE.height * 1.5)

let app: TestApp
let browser: Browser
beforeAll(async () => {
  ;[app, browser] = await Promise.all([startTestApp({}, undefined, {}, { deliverMail: true }), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

const height = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight)
/** How far down the page a person scrolls to reach the end of `selector` (its submit button). */
const bottomOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => Math.round(el.getBoundingClientRect().bottom + window.scrollY))

async function signedInPhone(email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE })
  const page = await context.newPage()
  await signUpThroughPages(page, app, email, GOOD_PASSWORD)
  return page
}

describe('pages on a phone measure at most a screen and a half', () => {
  it('the brief form, with its optional part closed', { timeout: 60_000 }, async () => {
    const page = await signedInPhone('heights.brief@example.com')
    await page.goto(`${app.url}/briefs/new`)
    await screenshotIn(page, 'heights', 'brief-form-390')
    expect(await page.getByTestId('more-options').getAttribute('open')).toBeNull()
    const end = await bottomOf(page, 'form.brief-form')
    console.log(`brief form at 390: ends at ${end} px, page ${await height(page)} px`)
    expect(end).toBeLessThanOrEqual(SCREEN_AND_A_HALF)
    expect(await axeViolations(page)).toEqual([])
  })

  it('the account page, section by section, reached from the section links at its top', {
    timeout: 60_000,
  }, async () => {
    const page = await signedInPhone('heights.account@example.com')
    await page.goto(`${app.url}/account`)
    await screenshotIn(page, 'heights', 'account-390')
    console.log(`account at 390: page ${await height(page)} px`)
    const sections = await page.evaluate(() =>
      [...document.querySelectorAll('[data-account-section]')].map((el) => ({
        id: el.id,
        height: Math.round(el.getBoundingClientRect().height),
      })),
    )
    console.log(`account sections at 390: ${JSON.stringify(sections)}`)
    expect(sections.map((s) => s.id)).toEqual(['security', 'data', 'developers'])
    for (const section of sections) expect(section.height, section.id).toBeLessThanOrEqual(SCREEN_AND_A_HALF)
    // Each is a link of its own at the top of the page, and works without JavaScript (an anchor);
    // the account's own pages (the brand kit, My music) follow them in the same row.
    const links = page.getByRole('navigation', { name: 'Account sections' }).getByRole('link')
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '#security',
      '#data',
      '#developers',
      '/brand',
      '/music',
    ])
    expect(await axeViolations(page)).toEqual([])
  })
})
