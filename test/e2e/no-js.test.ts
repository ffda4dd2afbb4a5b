import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenplays } from '../../db/schema.js'
import { GOOD_PASSWORD } from '../support/accounts.js'
import { launchChromium } from '../support/chromium.js'
import * as img from '../support/images.js'
import { realProblems, screenshotIn, signUpThroughPages } from '../support/page-checks.js'
import { type RenderStack, startRenderStack, videoRow } from '../support/render.js'

// With JavaScript off every form still works up to a finished video (issue 14): plain form posts,
// the photo sent with the brief as multipart, the screenplay's buttons as submit buttons, and a
// progress page that reloads itself (<noscript><meta http-equiv="refresh">) until the player is there.

let stack: RenderStack
let browser: Browser
let photo: Buffer

beforeAll(async () => {
  ;[stack, browser, photo] = await Promise.all([
    startRenderStack({ deliverMail: true }),
    launchChromium(),
    img.jpeg(1200, 900),
  ])
})
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

const shot = (page: Page) => (folder: string) => (name: string) => screenshotIn(page, folder, name)

describe('without JavaScript, on a phone', () => {
  it('goes from sign-up to a finished video with plain forms and a self-refreshing progress page', {
    timeout: 240_000,
  }, async () => {
    const app = stack.app
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    const problems = realProblems(page)
    const snap = shot(page)('no-js')

    await signUpThroughPages(page, app, 'no.script@example.com', GOOD_PASSWORD)
    await page.goto(`${app.url}/`)
    await page.getByRole('link', { name: 'Make a video' }).click()
    await page.waitForURL('**/briefs/new')

    // The photo goes with the brief in one multipart post (no preview upload without script).
    await page.getByLabel('Product photo').setInputFiles({ name: 'lamp.jpg', mimeType: 'image/jpeg', buffer: photo })
    await page.getByLabel('Product name').fill('Nordic Desk Lamp')
    await page.getByLabel('Description').fill('A slim oak desk lamp with a warm, dimmable light for late work.')
    await page.getByLabel('Selling point 1').fill('Dims without flicker')
    await page.getByLabel('Target audience').fill('People who work from home')
    await page.getByLabel('Call to action').fill('Light up your desk')
    await snap('brief-filled')
    await page.getByRole('button', { name: 'Write my screenplay' }).click()
    await page.waitForURL(/\/briefs\/[0-9a-f-]{36}\/screenplay$/)
    const briefId = /briefs\/([0-9a-f-]{36})/.exec(page.url())![1]!
    expect(await page.locator('.shot-photo').first().getAttribute('src')).toMatch(/^\/images\/[0-9a-f-]{36}\/thumb$/)

    // A move is a submit button too: the page comes back with the shots swapped, still a draft.
    const captions = () =>
      page.getByLabel('On-screen caption').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
    const before = await captions()
    await page.getByRole('button', { name: 'Move shot 2 down' }).click()
    await page.waitForLoadState('load')
    expect(await captions()).toEqual([before[0], before[2], before[1], ...before.slice(3)])
    await page.getByLabel('On-screen caption').first().fill('Warm light, no script')
    await snap('screenplay-draft')

    await page.getByRole('button', { name: 'Render video' }).click()
    await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/)
    const videoId = /videos\/([0-9a-f-]{36})/.exec(page.url())![1]!
    const versions = app.db.select().from(screenplays).where(eq(screenplays.briefId, briefId)).all()
    expect(versions).toHaveLength(1)
    expect(videoRow(app, videoId)?.screenplayId).toBe(versions[0]!.id)
    expect((versions[0]!.body as { shots: { caption: string }[] }).shots.map((s) => s.caption)).toEqual([
      'Warm light, no script',
      before[2],
      before[1],
      ...before.slice(3),
    ])
    await snap('progress')

    // The progress page reloads itself until the video is done, then shows the player.
    let loads = 0
    page.on('load', () => loads++)
    const deadline = Date.now() + 150_000
    while (
      (await page
        .locator('video')
        .count()
        .catch(() => 0)) === 0
    ) {
      if (Date.now() > deadline) throw new Error(`no player after 150 s (${loads} reloads)`)
      await page.waitForTimeout(250)
    }
    await page.waitForLoadState('load')
    expect(loads).toBeGreaterThanOrEqual(1)
    expect(videoRow(app, videoId)?.status).toBe('done')
    expect(await page.title()).toBe('Ready · Nordic Desk Lamp · Lumina.AI')
    expect(await page.locator('meta[http-equiv="refresh"]').count()).toBe(0)
    await snap('finished')

    // Download is a plain link.
    const href = await page.getByRole('link', { name: 'Download MP4' }).getAttribute('href')
    const download = await context.request.get(app.url + href)
    expect(download.status()).toBe(200)
    expect(download.headers()['content-type']).toBe('video/mp4')
    expect(download.headers()['content-disposition']).toMatch(
      /^attachment; filename="nordic-desk-lamp-9x16-\d+s-v1\.mp4"/,
    )
    expect((await download.body()).subarray(4, 8).toString('latin1')).toBe('ftyp')

    expect(problems()).toEqual([])
    await context.close()
  })
})
