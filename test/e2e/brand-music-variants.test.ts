// Issue 25's "Done when", label-driven in chromium at 1280 and 390 px, rendered for real (the LibTV
// simulator, the render worker, ffmpeg): a seller signs up, uploads a logo and sets a primary colour
// and the serif font on /brand, uploads their own MP3 on /music, writes a brief with that track,
// writes the screenplay and clicks "Make 3 variants"; the compare page plays three videos. Each file:
// the track at −14 LUFS (±1), the logo's magenta on the end card, the three visibly different. Every
// page axe clean. Screenshots in test-output/screenshots/brand-music-variants/, contact sheets beside.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs, tracks, users, videos } from '../../db/schema.js'
import { parseSnapshot } from '../../src/brand/snapshot.js'
import { DEFAULT_SOUNDFONT } from '../../src/music/index.js'
import { asMadeFor } from '../../src/render/renderer.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { videoPaths } from '../../src/storage.js'
import {
  contactSheets,
  expectBrandedVariants,
  magentaLogo,
  melodyMp3,
  texturedPhoto,
} from '../support/branded-videos.js'
import { launchChromium, SCREENSHOT_DIR } from '../support/chromium.js'
import { axeViolations, realProblems, screenshotIn, signUpThroughPages } from '../support/page-checks.js'
import { type RenderStack, shotRows, startRenderStack } from '../support/render.js'

const FOLDER = 'brand-music-variants'

let stack: RenderStack
let browser: Browser
let photo: Buffer
let logo: Buffer
let song: string
let dir: string

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-bmv-e2e-'))
  ;[stack, browser, photo, logo, song] = await Promise.all([
    startRenderStack({
      deliverMail: true,
      worker: { music: { fluidsynthPath: 'fluidsynth', soundfont: DEFAULT_SOUNDFONT } },
    }),
    launchChromium(),
    texturedPhoto(),
    magentaLogo(),
    melodyMp3(dir),
  ])
}, 60_000)
afterAll(async () => {
  await browser?.close()
  await stack?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const shoot = (page: Page, width: number, name: string) => screenshotIn(page, FOLDER, `${name}-${width}`)

describe.each([1280, 390])('at %i px', (width) => {
  it('logo, colour and font, own MP3, Make 3 variants: three different videos with the track and the logo', {
    timeout: 300_000,
  }, async () => {
    const app = stack.app
    const email = `brand.music.${width}@example.com`
    const context = await browser.newContext({ viewport: { width, height: 844 } })
    const page = await context.newPage()
    const problems = realProblems(page)
    const axeClean = async (where: string) => expect(await axeViolations(page), where).toEqual([])
    await signUpThroughPages(page, app, email, 'a long enough passphrase')

    // The brand kit: a logo, a primary colour, the serif font.
    await page.goto(`${app.url}/brand`)
    await page.getByLabel('Logo file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo })
    await page.getByRole('button', { name: 'Upload logo' }).click()
    await page.getByRole('img', { name: 'Your logo' }).waitFor()
    await expect(page.getByText('Your logo is uploaded.').count()).resolves.toBe(1)
    await page.getByLabel('Primary colour', { exact: true }).fill('#0b6e4f')
    await page.getByLabel('No primary colour').uncheck()
    await page.getByLabel('Noto Serif CJK: classic, with serifs').check()
    await page.getByRole('button', { name: 'Save brand kit' }).click()
    await page.getByText('Your brand kit is saved. Your next videos use it.').waitFor()
    await expect(page.getByLabel('Primary colour', { exact: true }).inputValue()).resolves.toBe('#0b6e4f')
    await expect(page.getByLabel('Noto Serif CJK: classic, with serifs').isChecked()).resolves.toBe(true)
    await axeClean('/brand')
    await shoot(page, width, 'brand')
    await page.reload()

    // Their own MP3.
    await page.goto(`${app.url}/music`)
    await page.getByLabel('Audio file').setInputFiles(song)
    await page.getByLabel('Name (optional)').fill('Launch theme')
    await page.getByRole('button', { name: 'Upload track' }).click()
    await page.waitForURL(/\/music\?uploaded=/)
    await page.getByText('“Launch theme” is ready to use.').waitFor()
    await axeClean('/music')
    await shoot(page, width, 'music')
    await page.reload()

    // A 15 s brief with that track ("More options" holds the music).
    await page.goto(`${app.url}/briefs/new`)
    await page.getByLabel('Product photo').setInputFiles({ name: 'lamp.jpg', mimeType: 'image/jpeg', buffer: photo })
    await page.locator('#photo-preview img').waitFor()
    await page.getByLabel('Product name').fill('Halo Desk Lamp')
    await page.getByLabel('Description').fill('A slim oak desk lamp with warm, flicker-free light.')
    await page.getByLabel('Selling point 1').fill('Flicker-free light')
    await page.getByLabel('Target audience').fill('People who work late at home')
    await page.getByLabel('Call to action').fill('Shop now')
    await page.getByText('More options').click()
    await page.getByLabel('Length').selectOption('15')
    await page.getByRole('combobox', { name: 'Music', exact: true }).selectOption({ label: 'My music: Launch theme' })
    await axeClean('/briefs/new')
    await page.getByRole('button', { name: 'Write my screenplay' }).click()
    await page.waitForURL(/\/briefs\/[0-9a-f-]{36}\/screenplay$/)

    // Make 3 variants: the free plan's three videos, said before the click.
    await page.getByText('Uses 3 of your 3 videos left this month.').waitFor()
    await axeClean('screenplay')
    await page.getByRole('button', { name: 'Make 3 variants' }).click()
    await page.waitForURL(/\/variants\/[0-9a-f-]{36}$/)
    const groupUrl = page.url()
    await expect(page.getByTestId('variant').count()).resolves.toBe(3)
    const players = page.locator('[data-testid="variant"] video')
    const user = app.db.select().from(users).where(eq(users.email, email)).get()!
    await expect
      .poll(() => players.count(), { timeout: 240_000, interval: 1000 })
      .toBe(3)
      .catch((err) => {
        const rows = app.db.select().from(videos).where(eq(videos.userId, user.id)).all()
        console.log(rows.map((v) => [v.status, v.failureReason, shotRows(app, v.id).map((s) => s.status)]))
        console.log(JSON.stringify(stack.workerErrors).slice(0, 2000))
        throw err
      })
    await page.goto(groupUrl)
    await page.waitForFunction(() => [...document.querySelectorAll('video')].every((v) => v.readyState >= 1))
    await axeClean('compare')
    await shoot(page, width, 'compare')
    expect(problems()).toEqual([])
    await context.close()

    // The files: each made with the seller's own track and their kit as saved, then measured.
    const made = app.db
      .select()
      .from(videos)
      .where(eq(videos.userId, user.id))
      .all()
      .sort((a, b) => a.createdAt - b.createdAt)
    expect(made.map((v) => [v.status, v.variantGroupId !== null])).toEqual([
      ['done', true],
      ['done', true],
      ['done', true],
    ])
    const own = app.db.select().from(tracks).where(eq(tracks.userId, user.id)).get()!
    for (const v of made) {
      const row = app.db.select().from(briefs).where(eq(briefs.id, v.briefId)).get()!
      expect(asMadeFor(v, briefSchema.parse(row.data)).music).toBe(`track:${own.id}`)
      expect(parseSnapshot(v.brandKit)).toMatchObject({
        primaryColor: '#0B6E4F',
        font: 'serif',
        logoSha256: expect.any(String),
      })
    }
    expect(stack.workerLogs.find((l) => l.event === 'music fallback')).toBeUndefined()
    const files = made.map((v) => videoPaths(app.dataDir, user.id, v.id).video)
    await expectBrandedVariants(files, `${width} px variants`)
    await contactSheets(files, path.join(SCREENSHOT_DIR, FOLDER), `variant-${width}`)
  })
})
