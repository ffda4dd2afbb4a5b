import { randomBytes } from 'node:crypto'
import type { Browser } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bodyLimits } from '../../src/http/body-limits.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { confirmInBrowser, launchChromium } from '../support/chromium.js'

// Five photos straight off a phone weigh more than one upload request may (20 MB): picked together,
// the page sends them one request each, so all five are listed and none is refused for the others'
// weight.

let app: TestApp
let browser: Browser
let heavy: Buffer[]

/** A photo of camera noise: it barely compresses, so it weighs what a phone's photo does. */
const noisePhoto = (side: number) =>
  sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer()

beforeAll(async () => {
  ;[app, browser, heavy] = await Promise.all([
    startTestApp({}, undefined, {}, { deliverMail: true }),
    launchChromium(),
    Promise.all(Array.from({ length: 5 }, () => noisePhoto(2100))),
  ])
}, 60_000)
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

describe('five heavy photos picked at once', () => {
  it('are all listed: the page uploads them one request each', { timeout: 120_000 }, async () => {
    const total = heavy.reduce((sum, photo) => sum + photo.length, 0)
    // Together they are past one request's limit; each alone is well within a photo's.
    expect(total).toBeGreaterThan(bodyLimits.upload.maxSize)
    for (const photo of heavy) expect(photo.length).toBeLessThan(bodyLimits.upload.maxSize / 2)

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const page = await context.newPage()
    await page.goto(`${app.url}/signup`)
    await page.getByLabel('Email').fill('five.photos@example.com')
    await page.getByLabel('Password').fill('a long enough passphrase')
    await page.getByRole('checkbox').check()
    await page.getByRole('button', { name: 'Create account' }).click()
    await confirmInBrowser(page, 'five.photos@example.com', 'a long enough passphrase')

    await page.goto(`${app.url}/briefs/new`)
    await page.setInputFiles(
      '#photo',
      heavy.map((buffer, i) => ({ name: `photo-${i + 1}.jpg`, mimeType: 'image/jpeg', buffer })),
    )
    await expect.poll(() => page.locator('#photo-preview li').count(), { timeout: 90_000 }).toBe(5)
    expect(await page.locator('#photo-preview .error').count()).toBe(0)
    const roles = await page
      .locator('#photo-preview select[name="photoRole"]')
      .evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).value))
    expect(roles).toEqual(['main', 'detail', 'in-use', 'other', 'other'])
    await context.close()
  })
})
