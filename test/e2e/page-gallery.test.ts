import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users } from '../../db/schema.js'
import { GOOD_PASSWORD } from '../support/accounts.js'
import { BrowserClient } from '../support/browser-client.js'
import { launchChromium } from '../support/chromium.js'
import { screenshotIn, signUpThroughPages } from '../support/page-checks.js'
import { makeBrief, type RenderStack, startRenderStack, submitOverHttp, waitForFinish } from '../support/render.js'

// Issue 23: every page, signed out and signed in, at 1280 and 390 px in English and Simplified
// Chinese, photographed into test-output/screenshots/gallery/ for a person to look at.

let stack: RenderStack
let browser: Browser
beforeAll(async () => {
  ;[stack, browser] = await Promise.all([startRenderStack({ deliverMail: true }), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

const WIDTHS = [
  { name: '1280', viewport: { width: 1280, height: 900 } },
  { name: '390', viewport: { width: 390, height: 844 } },
]
const LOCALES = ['en', 'zh-CN'] as const

async function shoot(page: Page, url: string, name: string, shots: string[]) {
  const res = await page.goto(url)
  expect(res?.status(), url).toBeLessThan(400)
  shots.push(await screenshotIn(page, 'gallery', name))
}

describe('every page, looked at', () => {
  it('shoots each page at both widths in both languages', { timeout: 300_000 }, async () => {
    const app = stack.app
    // One person with a brief, a screenplay and a finished video.
    const setup = await browser.newContext({ viewport: WIDTHS[0]!.viewport })
    const first = await setup.newPage()
    await signUpThroughPages(first, app, 'gallery@example.com', GOOD_PASSWORD)
    const cookies = await setup.cookies()
    const user = app.db.select().from(users).where(eq(users.email, 'gallery@example.com')).get()!
    const { briefId, screenplayId } = await makeBrief(app, user.id)
    const client = new BrowserClient(app.url)
    for (const c of cookies) client.cookies.set(c.name, c.value)
    const videoId = await submitOverHttp(client, screenplayId)

    // The signed-out pages while the video renders: they do not depend on it.
    const signedOut = ['/', '/signin', '/signup', '/password/forgot', '/privacy', '/terms']
    const shots: string[] = []
    for (const locale of LOCALES) {
      for (const width of WIDTHS) {
        const out = await browser.newContext({
          viewport: width.viewport,
          locale,
          extraHTTPHeaders: { 'accept-language': locale },
        })
        const page = await out.newPage()
        for (const path of signedOut) {
          await shoot(
            page,
            `${app.url}${path}`,
            `${locale}-${width.name}-out${path.replaceAll('/', '_') || '_'}`,
            shots,
          )
        }
        await out.close()
      }
    }

    await waitForFinish(app, videoId, 120_000)
    await first.goto(`${app.url}/dev/mail`)
    const mailHref = await first.locator('a[href^="/dev/mail/"]').first().getAttribute('href')
    await setup.close()
    const signedIn = [
      '/',
      '/briefs',
      '/briefs/new',
      `/briefs/${briefId}/edit`,
      `/briefs/${briefId}/screenplay`,
      '/videos',
      `/videos/${videoId}`,
      '/account',
      '/dev/mail',
      mailHref!,
    ]
    for (const locale of LOCALES) {
      for (const width of WIDTHS) {
        // The person's saved language decides their pages: set it as they would have chosen it.
        app.db.update(users).set({ locale }).where(eq(users.id, user.id)).run()
        const inside = await browser.newContext({
          viewport: width.viewport,
          locale,
          extraHTTPHeaders: { 'accept-language': locale },
        })
        await inside.addCookies(cookies)
        const signed = await inside.newPage()
        for (const path of signedIn) {
          const name = path
            .replace(/[0-9a-f-]{36}/g, 'ID')
            .replace(/\d{15}-[a-z0-9]+/, 'MAIL')
            .replaceAll('/', '_')
          await shoot(signed, `${app.url}${path}`, `${locale}-${width.name}-in${name}`, shots)
        }
        await inside.close()
      }
    }
    console.log(`${shots.length} screenshots in test-output/screenshots/gallery/`)
    expect(shots.length).toBe(2 * 2 * (signedOut.length + signedIn.length))
  })
})
