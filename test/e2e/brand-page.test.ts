// The brand kit's page (/brand) in chromium at 1280 and 390 px, in en and zh-CN: each caption face
// is shown as a sample drawn in it (loaded from our own origin, nothing refused by the CSP); the
// logo's upload and remove buttons stand apart as whole 44 px targets; "no colour" is said once;
// axe clean. Screenshots in test-output/screenshots/brand-page/ for a person to look at.
import { eq } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users } from '../../db/schema.js'
import { captionFaces } from '../../src/formats/fonts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { magentaLogo } from '../support/branded-videos.js'
import { launchChromium } from '../support/chromium.js'
import { axeViolations, MIN_TAP, realProblems, screenshotIn } from '../support/page-checks.js'
import { newRenderUser } from '../support/render.js'

let app: TestApp
let browser: Browser

beforeAll(async () => {
  ;[app, browser] = await Promise.all([startTestApp(), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

const WORDS = {
  en: { upload: 'Upload logo', remove: 'Remove logo', noAccent: 'No accent colour' },
  'zh-CN': { upload: '上传标志', remove: '删除标志', noAccent: '不设强调色' },
} as const

describe.each([1280, 390])('the brand page at %i px', (width) => {
  it.each(['en', 'zh-CN'] as const)(
    'in %s: font samples, apart logo buttons, "no colour" once',
    async (locale) => {
      const user = await newRenderUser(app)
      // The account's own language choice is what a signed-in page speaks.
      app.db.update(users).set({ locale }).where(eq(users.id, user.id)).run()
      const context = await browser.newContext({ viewport: { width, height: 844 } })
      const url = new URL(app.url)
      await context.addCookies(
        [...user.client.cookies].map(([name, value]) => ({ name, value, domain: url.hostname, path: '/' })),
      )
      const page = await context.newPage()
      const problems = realProblems(page)
      const words = WORDS[locale]
      const at = locale === 'en' ? '' : `?lang=${locale}`
      await page.goto(`${app.url}/brand${at}`)
      await page
        .locator('#logo')
        .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: await magentaLogo() })
      await page.getByRole('button', { name: words.upload }).click()
      await page.getByTestId('brand-logo').waitFor()

      // Every sample loaded: a real picture, 40 px tall, each as wide as its own face draws it.
      const widths: number[] = []
      for (const face of captionFaces) {
        const img = page.getByTestId(`font-preview-${face}`)
        await expect
          .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
          .toBeGreaterThan(0)
        const box = (await img.boundingBox())!
        expect(box.height, face).toBe(40)
        expect(box.x + box.width, face).toBeLessThanOrEqual(width)
        widths.push(box.width)
      }
      expect(new Set(widths).size).toBeGreaterThan(1)

      // The logo's two buttons: apart, and each a whole target.
      const upload = (await page.getByRole('button', { name: words.upload }).boundingBox())!
      const remove = (await page.getByRole('button', { name: words.remove }).boundingBox())!
      expect(upload.height).toBeGreaterThanOrEqual(MIN_TAP)
      expect(remove.height).toBeGreaterThanOrEqual(MIN_TAP)
      expect(remove.y - (upload.y + upload.height)).toBeGreaterThanOrEqual(8)

      // A new kit has no accent colour: said by its box alone.
      await expect(page.getByText(words.noAccent).count()).resolves.toBe(1)
      expect(await axeViolations(page)).toEqual([])
      expect(problems()).toEqual([])
      await screenshotIn(page, 'brand-page', `brand-${locale}-${width}`)
      await context.close()
    },
    60_000,
  )
})
