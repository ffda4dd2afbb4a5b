import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users } from '../../db/schema.js'
import { DEFAULT_SETTINGS, saveBrandSettings } from '../../src/brand/kit.js'
import { GOOD_PASSWORD } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { launchChromium } from '../support/chromium.js'
import { axeViolations, realProblems, screenshotIn, signUpThroughPages } from '../support/page-checks.js'

// The brief form's accent colour in chromium (static/brief-form.js): picking a colour shows its
// hex and unticks "Use the brand kit's"; ticking it again says the kit's colour. Photographed
// with More options open at 1280 and 390 px (test-output/screenshots/brief-accent/).

let app: TestApp
let browser: Browser
beforeAll(async () => {
  ;[app, browser] = await Promise.all([startTestApp({}, undefined, {}, { deliverMail: true }), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

async function signedIn(email: string, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } })
  const page = await context.newPage()
  await signUpThroughPages(page, app, email, GOOD_PASSWORD)
  const user = app.db.select().from(users).where(eq(users.email, email)).get()!
  saveBrandSettings(app.db, user.id, { ...DEFAULT_SETTINGS, primaryColor: '#0B6E4F', accentColor: '#FFB000' })
  return page
}

describe('the accent colour on the brief form, in chromium', () => {
  for (const width of [1280, 390]) {
    it(`says the kit's accent, takes a picked one and goes back to the kit's at ${width} px`, {
      timeout: 60_000,
    }, async () => {
      const page = await signedIn(`accent.${width}@example.com`, width)
      const problems = realProblems(page)
      await page.goto(`${app.url}/briefs/new`)
      await page.getByTestId('more-options').locator('summary').click()
      const hex = page.locator('#accentColor-hex')
      const box = page.locator('input[name="noAccentColor"]')
      expect(await hex.textContent()).toBe('From your brand kit: #FFB000')
      expect(await box.isChecked()).toBe(true)
      await page.locator('#accentColor').fill('#00aa55')
      expect(await hex.textContent()).toBe('#00AA55')
      expect(await box.isChecked()).toBe(false)
      await page.locator('#accentColor').scrollIntoViewIfNeeded()
      await screenshotIn(page, 'brief-accent', `picked-${width}`)
      await box.check()
      expect(await hex.textContent()).toBe('From your brand kit: #FFB000')
      expect(await page.locator('#accentColor').inputValue()).toBe('#ffb000') // the swatch too
      await screenshotIn(page, 'brief-accent', `kit-${width}`)
      expect(await axeViolations(page)).toEqual([])
      expect(problems()).toEqual([])
    })
  }
})
