import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs, users, videos } from '../../db/schema.js'
import { presetOf } from '../../src/formats/presets.js'
import { IMG2VIDEO_PATH } from '../../src/libtv/api.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { videoPaths } from '../../src/storage.js'
import { confirmInBrowser, launchChromium, SCREENSHOT_DIR, screenshot } from '../support/chromium.js'
import { productPhotos } from '../support/product-photos.js'
import { FFMPEG, probeMedia, type RenderStack, startRenderStack } from '../support/render.js'

// Issue 24's "Done when", in chromium at 390 px: a seller uploads a front, a detail and an in-use
// photo at once, picks Xiaohongshu, writes the screenplay and renders through the simulator; the
// video is 1080×1440 and LibTV got, shot by shot, the photo the screenplay chose for it (the
// three photos, in the screenplay's order). Screenshots of the photo field and the storyboard at
// 390 and 1280 px, and a contact sheet of the video, in test-output/.

let stack: RenderStack
let browser: Browser
let photos: Awaited<ReturnType<typeof productPhotos>>

beforeAll(async () => {
  // No stand-in stitch size: the preset's own 1080×1440.
  ;[stack, browser, photos] = await Promise.all([
    startRenderStack({ deliverMail: true, worker: { stitchSize: undefined } }),
    launchChromium(),
    productPhotos(),
  ])
}, 60_000)
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

const shotPhotoIds = (page: Page) =>
  page.locator('[data-testid="shot"]').evaluateAll((cards) =>
    cards.map((card) => {
      const pick = card.querySelector<HTMLSelectElement | HTMLInputElement>('[name="photo"]')
      return pick?.value ?? ''
    }),
  )

describe('several photos, one Xiaohongshu video, on a phone', () => {
  it('uploads three photos, renders 1080×1440, each shot with the photo the screenplay chose', {
    timeout: 300_000,
  }, async () => {
    const app = stack.app
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
    const page = await context.newPage()

    await page.goto(`${app.url}/signup`)
    await page.getByLabel('Email').fill('three.photos@example.com')
    await page.getByLabel('Password').fill('a long enough passphrase')
    await page.getByRole('checkbox').check()
    await page.getByRole('button', { name: 'Create account' }).click()
    await confirmInBrowser(page, 'three.photos@example.com', 'a long enough passphrase')

    await page.goto(`${app.url}/briefs/new`)
    // One input, three files at once (the order the person picked them in).
    await page.setInputFiles('#photo', [
      { name: 'front.jpg', mimeType: 'image/jpeg', buffer: photos.front },
      { name: 'detail.jpg', mimeType: 'image/jpeg', buffer: photos.detail },
      { name: 'in-use.jpg', mimeType: 'image/jpeg', buffer: photos.inUse },
    ])
    await expect.poll(() => page.locator('#photo-preview li').count(), { timeout: 30_000 }).toBe(3)
    const ids = await page
      .locator('#photo-preview input[name="imageId"]')
      .evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value))
    const roles = await page
      .locator('#photo-preview select[name="photoRole"]')
      .evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).value))
    expect(roles).toEqual(['main', 'detail', 'in-use'])
    await screenshot(page, 'photos/brief-photos-390')

    await page.getByLabel('Product name').fill('Halo Desk Lamp')
    await page.getByLabel('Description').fill('A desk lamp that follows the sun from morning to night.')
    await page.getByLabel('Selling point 1').fill('USB-C charging')
    await page.getByLabel('Target audience').fill('Students and night owls')
    // The platform is among the choices with a default, under "More options".
    await page.getByText('More options').click()
    await page.getByLabel('Platform').selectOption('xiaohongshu')
    // Enough shots for three photos between the main photo's first and last shots.
    await page.getByLabel('Feature tour').check()
    await page.getByLabel('Length').selectOption('30')
    await page.getByLabel('Call to action').fill('Shop now')
    await page.setViewportSize({ width: 1280, height: 900 })
    await screenshot(page, 'photos/brief-photos-1280')
    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByRole('button', { name: 'Write my screenplay' }).click()
    await page.waitForURL(/\/briefs\/[0-9a-f-]{36}\/screenplay$/)

    // Each shot names one of the three photos: the first and last the front, never one twice in a row.
    const chosen = await shotPhotoIds(page)
    expect(chosen.every((id) => ids.includes(id))).toBe(true)
    expect(chosen[0]).toBe(ids[0])
    for (let i = 1; i < chosen.length; i++) expect(chosen[i]).not.toBe(chosen[i - 1])
    const frames = await page
      .locator('[data-testid="shot"] img.shot-photo')
      .evaluateAll((imgs) => imgs.map((img) => img.getAttribute('src')))
    expect(frames).toEqual(chosen.map((id) => `/images/${id}/thumb`))
    await screenshot(page, 'photos/storyboard-390')
    await page.setViewportSize({ width: 1280, height: 900 })
    await screenshot(page, 'photos/storyboard-1280')
    await page.setViewportSize({ width: 390, height: 844 })

    const before = stack.sim.requests.length
    await page.getByRole('button', { name: 'Render video' }).click()
    await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/)
    await page.locator('video[data-testid="player"]').waitFor({ timeout: 240_000 })
    const videoId = new URL(page.url()).pathname.split('/').pop()!
    await context.close()

    const user = app.db.select().from(users).where(eq(users.email, 'three.photos@example.com')).get()!
    const video = app.db.select().from(videos).where(eq(videos.id, videoId)).get()!
    const file = videoPaths(app.dataDir, user.id, videoId).video
    const media = await probeMedia(file)
    expect([media.width, media.height]).toEqual([1080, 1440])

    // What the simulator received, shot by shot, in the screenplay's order.
    const submits = stack.sim.requests
      .slice(before)
      .filter((r) => r.path === IMG2VIDEO_PATH)
      .map((r) => (r.body as { generateParams: { startFrame: string; prompt: string } }).generateParams)
    expect(submits).toHaveLength(chosen.length)
    const prompts = await shotPrompts(videoId)
    const sent = prompts.map((prompt) => submits.find((s) => s.prompt === prompt)?.startFrame ?? '')
    expect(sent.map((url) => new URL(url).pathname)).toEqual(chosen.map((id) => `/libtv/images/${id}.3x4-1080p.jpg`))
    expect(new Set(chosen)).toEqual(new Set(ids))

    // Captions go where the Xiaohongshu preset's safe zone says (test/render/stitch/safe-zone.test.ts
    // measures that zone from the frames): the video's brief carries the preset the stitch reads.
    const briefRow = app.db.select().from(briefs).where(eq(briefs.id, video.briefId)).get()!
    const preset = presetOf(briefSchema.parse(briefRow.data))
    expect(preset?.id).toBe('xiaohongshu')
    expect(preset?.safeZone).toMatchObject({ bottom: 0.2, right: 0.15, top: 0.08 })

    // A contact sheet to look at: one frame every 1.5 s, tiled.
    const sheet = path.join(SCREENSHOT_DIR, 'photos', 'contact-sheet-3x4.png')
    await promisify(execFile)(FFMPEG, [
      '-y',
      '-v',
      'error',
      '-i',
      file,
      '-vf',
      'fps=2/3,scale=270:-2,tile=6x2',
      '-frames:v',
      '1',
      sheet,
    ])
    expect(fs.existsSync(sheet)).toBe(true)
  })
})

/** The rendered video's shot prompts in order. */
async function shotPrompts(videoId: string): Promise<string[]> {
  const rows = stack.app.db.$client
    .prepare('SELECT prompt FROM video_shots WHERE video_id = ? ORDER BY position')
    .all(videoId) as { prompt: string }[]
  return rows.map((row) => row.prompt)
}
