// Issue 25, variants, in chromium at 1280 and 390 px: "Make 3 variants" on the screenplay page, the
// compare page while rendering and once done (side by side at 1280, stacked on a phone), and
// "Keep this one". Every page clean (one h1, axe, focus, no sideways scroll, 44 px targets);
// screenshots in test-output/screenshots/variants/. The renders are not run here: their rows are
// finished by hand with a real short MP4 each (test/variants/render.test.ts renders for real).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { videos } from '../../db/schema.js'
import { videoPaths } from '../../src/storage.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { launchChromium } from '../support/chromium.js'
import { CLEAN, checkPage, realProblems, screenshotIn } from '../support/page-checks.js'
import { FFMPEG, makeBrief, newRenderUser, type RenderUser, STITCH_SIZE } from '../support/render.js'

let app: TestApp
let browser: Browser

beforeAll(async () => {
  app = await startTestApp()
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

async function open(user: RenderUser, width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: width > 600 ? 900 : 844 } })
  await context.addCookies([...user.client.cookies].map(([name, value]) => ({ name, value, url: app.url })))
  return context.newPage()
}

/** Finishes a variant's render by hand: a real one-second MP4 (its own picture) and its poster. */
function finish(userId: string, videoId: string, source: string) {
  const { width, height } = STITCH_SIZE['9:16']
  const paths = videoPaths(app.dataDir, userId, videoId)
  fs.mkdirSync(paths.dir, { recursive: true })
  execFileSync(FFMPEG, [
    '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `${source}=size=${width}x${height}:rate=24`, '-t', '1',
    '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', '-movflags', '+faststart', paths.video,
  ]) // biome-ignore format: one ffmpeg command line
  execFileSync(FFMPEG, ['-loglevel', 'error', '-y', '-i', paths.video, '-frames:v', '1', paths.poster])
  const now = Date.now()
  app.db
    .update(videos)
    .set({ status: 'done', stitchProgress: 100, outputBytes: fs.statSync(paths.video).size, finishedAt: now })
    .where(eq(videos.id, videoId))
    .run()
}

describe.each([1280, 390])('variants at %i px', (width) => {
  it('Make 3 variants, compare them while rendering and once done, keep one', async () => {
    const user = await newRenderUser(app, 'creator')
    const project = await makeBrief(app, user.id, { music: 'auto' })
    const page = await open(user, width)
    const problems = realProblems(page)

    await page.goto(`${app.url}/briefs/${project.briefId}/screenplay`)
    const panel = page.getByTestId('variants-panel')
    await expect(panel.getByTestId('variants-allowance').textContent()).resolves.toBe(
      'Uses 3 of your 30 videos left this month.',
    )
    await panel.scrollIntoViewIfNeeded()
    await screenshotIn(page, 'variants', `screenplay-panel-${width}`)
    await page.reload()
    await page.getByRole('button', { name: 'Make 3 variants' }).click()
    await page.waitForURL(/\/variants\/[0-9a-f-]{36}$/)
    const groupUrl = page.url()

    // Rendering: three cards with progress, each saying how it differs.
    await expect(page.getByTestId('variant').count()).resolves.toBe(3)
    const differs = await page.getByTestId('variant-differs').allTextContents()
    expect(differs[0]).toMatch(/^Template: Hero reveal · Tone: Premium · Music: /)
    expect(new Set(differs).size).toBe(3)
    expect(await checkPage(page)).toEqual(CLEAN)
    await screenshotIn(page, 'variants', `compare-rendering-${width}`)

    // Done: each plays, with its own download.
    const rows = app.db.select().from(videos).where(eq(videos.userId, user.id)).all()
    const made = rows.filter((v) => v.variantGroupId !== null)
    expect(made).toHaveLength(3)
    const order = await page
      .getByTestId('variant')
      .evaluateAll((cards) => cards.map((c) => c.id.replace('variant-', '')))
    order.forEach((id, i) => finish(user.id, id, ['testsrc', 'smptebars', 'rgbtestsrc'][i]!))
    await page.goto(groupUrl)
    await page.waitForFunction(() => [...document.querySelectorAll('video')].every((v) => v.readyState >= 1))
    const players = await Promise.all((await page.locator('video').all()).map((p) => p.boundingBox()))
    expect(players).toHaveLength(3)
    const [a, b, c] = players.map((p) => p!)
    if (width === 1280) {
      // Side by side: one row, left to right.
      expect(Math.abs(a!.y - b!.y)).toBeLessThan(2)
      expect(Math.abs(b!.y - c!.y)).toBeLessThan(2)
      expect(a!.x).toBeLessThan(b!.x)
      expect(b!.x).toBeLessThan(c!.x)
    } else {
      // Stacked on a phone: one column, top to bottom.
      expect(a!.y).toBeLessThan(b!.y)
      expect(b!.y).toBeLessThan(c!.y)
    }
    for (let n = 1; n <= 3; n++) {
      const link = page.getByRole('link', { name: `Download variant ${n}` })
      await expect(link.getAttribute('href')).resolves.toBe(`/videos/${order[n - 1]}/video.mp4?download=1`)
    }
    expect(await checkPage(page)).toEqual(CLEAN)
    await screenshotIn(page, 'variants', `compare-done-${width}`)
    await page.reload()

    // Keep the second: the dialog asks, the others go, the kept one stays.
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('Keep this variant and delete the others?')
      void dialog.accept()
    })
    await page.getByTestId('variant').nth(1).getByRole('button', { name: 'Keep this one' }).click()
    await page.waitForURL(/\?kept=1$/)
    await expect(page.getByText('Kept. The other variants and their files were deleted.').count()).resolves.toBe(1)
    await expect(page.getByTestId('variant').count()).resolves.toBe(1)
    // Still "Variant 2": its name does not change when the others go.
    await expect(page.getByRole('heading', { name: 'Variant 2' }).count()).resolves.toBe(1)
    const left = app.db.select().from(videos).where(eq(videos.userId, user.id)).all()
    expect(left.map((v) => v.id)).toEqual([order[1]])
    expect(fs.existsSync(videoPaths(app.dataDir, user.id, order[0]!).dir)).toBe(false)
    expect(await checkPage(page)).toEqual(CLEAN)
    await screenshotIn(page, 'variants', `kept-${width}`)
    expect(problems()).toEqual([])
    await page.context().close()
  }, 90_000)
})
