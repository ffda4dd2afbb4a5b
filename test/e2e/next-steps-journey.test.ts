import fs from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium } from '../support/chromium.js'
import * as img from '../support/images.js'
import { axeViolations, realProblems, screenshotIn, signUpThroughPages } from '../support/page-checks.js'
import { type RenderStack, shotRows, startRenderStack } from '../support/render.js'

// Issue 23's "Done when", label-driven (roles and labels for every action) at 1280 and 390 px:
// a caption edited, another take asked first (declined: the edit stays), a render watched (the
// finished shots' frames, no vendor words), the same brief made 1:1 from the video page (the edit
// carried over) and rendered, a download whose name tells it apart, the video found again from its
// screenplay and from the library by its format, Duplicate and edit; axe clean on every page.
// Screenshots in test-output/screenshots/next-steps/.

let stack: RenderStack
let browser: Browser
let photo: Buffer

beforeAll(async () => {
  ;[stack, browser, photo] = await Promise.all([
    // Shots slow enough (about 2.5 s) to see the first one's frame while the others render.
    startRenderStack({ deliverMail: true, sim: { faults: { latency: { running: 1500 } } } }),
    launchChromium(),
    img.phonePhoto(),
  ])
})
afterAll(async () => {
  await browser?.close()
  await stack?.close()
})

const shoot = (page: Page, width: number, name: string) => screenshotIn(page, 'next-steps', `${name}-${width}`)

describe.each([1280, 390])('at %i px', (width) => {
  it('edit, another take, render, another format, download, find it again', { timeout: 240_000 }, async () => {
    const app = stack.app
    const context = await browser.newContext({ viewport: { width, height: 844 }, acceptDownloads: true })
    const page = await context.newPage()
    const problems = realProblems(page)
    const axeClean = async (where: string) => expect(await axeViolations(page), where).toEqual([])
    await signUpThroughPages(page, app, `journey.${width}@example.com`, 'a long enough passphrase')

    // A 15 s vertical brief, filled as a person does.
    await page.goto(`${app.url}/briefs/new`)
    await page.getByLabel('Product photo').setInputFiles({ name: 'lamp.jpg', mimeType: 'image/jpeg', buffer: photo })
    await page.locator('#photo-preview img').waitFor()
    await page.getByLabel('Product name').fill('Halo Desk Lamp')
    await page.getByLabel('Description').fill('A slim oak desk lamp with warm, flicker-free light.')
    await page.getByLabel('Selling point 1').fill('Flicker-free light')
    await page.getByLabel('Target audience').fill('People who work late at home')
    await page.getByLabel('Call to action').fill('Shop now')
    // The length is among the choices with a default, under "More options".
    await page.getByText('More options').click()
    await page.getByLabel('Length').selectOption('15')
    await page.getByRole('button', { name: 'Write my screenplay' }).click()
    await page.waitForURL(/\/briefs\/[0-9a-f-]{36}\/screenplay$/)
    const editorUrl = page.url()

    // A caption edit, kept as the person types.
    const kept = page.waitForResponse((r) => r.url().endsWith('/screenplay/draft') && r.status() === 204)
    await page.getByLabel('Caption').first().fill('Light that never flickers')
    await kept
    // Another take asks first; declining keeps the edit.
    page.once('dialog', (dialog) => {
      expect(dialog.message()).toContain('Replace your unsaved edits?')
      void dialog.dismiss()
    })
    await page.getByRole('button', { name: '↻ Try another take' }).click()
    expect(page.url()).toBe(editorUrl)
    expect(await page.getByLabel('Caption').first().inputValue()).toBe('Light that never flickers')
    await axeClean('editor')

    // Render, asking for the mail; the page shows the render as it goes, in the product's words.
    await page.getByLabel('Email me when it’s ready').check()
    await page.getByRole('button', { name: 'Render video' }).click()
    await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/)
    const firstVideo = page.url()
    await page.getByRole('img', { name: 'Shot 1, made' }).waitFor({ timeout: 30_000 })
    const live = (await page.locator('#video-status').textContent()) ?? ''
    expect(live).not.toMatch(/LibTV|Checking|Downloading/)
    await axeClean('video page, rendering')
    await shoot(page, width, 'video-rendering')
    await page.reload() // the screenshot leaves style="" behind (see screenshotIn)

    // Done: the player, Download on the first screen, the next steps; no bars left.
    const download = page.getByRole('link', { name: 'Download MP4' })
    await download.waitFor({ timeout: 60_000 })
    expect(await page.locator('progress').count()).toBe(0)
    const box = (await download.boundingBox())!
    expect(box.y + box.height).toBeLessThanOrEqual(844)
    await page.getByRole('heading', { name: 'Next steps' }).waitFor()
    // Every shot was timed: the next render's estimate learns from these.
    const timed = shotRows(app, firstVideo.split('/').pop()!)
    expect(timed.every((s) => s.startedAt !== null && s.finishedAt! >= s.startedAt!)).toBe(true)
    await axeClean('video page, done')
    await shoot(page, width, 'video-done')
    await page.reload()

    // Tap to play: the big play mark over the poster starts the video.
    await page.getByRole('button', { name: 'Play video' }).click()
    await page.waitForFunction(() => !(document.querySelector('video') as HTMLVideoElement).paused)

    // The same brief at 1:1: a new screenplay with the edit carried over, then rendered.
    await page.getByRole('button', { name: 'Make it 1:1' }).click()
    await page.waitForURL(/\/screenplay\?version=2&made=kept&from=1$/)
    await page.getByText('your captions and shot order are kept').waitFor()
    expect(await page.getByLabel('Caption').first().inputValue()).toBe('Light that never flickers')
    expect(await page.getByRole('button', { name: 'Render video' }).isDisabled()).toBe(false)
    await axeClean('editor, 1:1')
    await shoot(page, width, 'made-1x1')
    await page.reload()
    await page.getByRole('button', { name: 'Render video' }).click()
    await page.waitForURL(/\/videos\/[0-9a-f-]{36}$/)
    const squareVideo = page.url()
    expect(squareVideo).not.toBe(firstVideo)
    // This time the first render's shots have been measured: the page says how long, honestly.
    await page.getByText(/^(About \d+ minutes? left|Less than a minute left)$/).waitFor({ timeout: 10_000 })
    await page.getByRole('link', { name: 'Download MP4' }).waitFor({ timeout: 60_000 })

    // The download's name tells it from the first take: product, format, length, version.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download MP4' }).click(),
    ])
    expect(file.suggestedFilename()).toBe('Halo Desk Lamp-1x1-15s-v2.mp4')
    expect(fs.statSync((await file.path())!).size).toBeGreaterThan(1000)

    // Found again from its screenplay…
    await page.getByRole('link', { name: 'Screenplay, version 2' }).click()
    await page.getByRole('navigation', { name: 'Videos from version 2:' }).waitFor()
    await axeClean('editor with its videos')
    await page.getByRole('link', { name: '1:1 · 15 s · Ready' }).click()
    expect(page.url()).toBe(squareVideo)
    // …and from the library, by its format.
    await page.getByRole('link', { name: 'Videos', exact: true }).first().click()
    await page.waitForURL(/\/videos$/)
    await axeClean('library')
    const square = page.getByTestId('video-card').filter({ hasText: '1:1' })
    expect(await square.count()).toBe(1)
    await square.getByRole('link', { name: 'Halo Desk Lamp' }).click()
    expect(page.url()).toBe(squareVideo)

    // Duplicate and edit: the brief form filled from this brief, its photo included, nothing saved yet.
    await page.getByRole('link', { name: 'Duplicate and edit' }).click()
    await page.waitForURL(/\/briefs\/new\?from=/)
    await page.getByText('A copy of “Halo Desk Lamp”').waitFor()
    expect(await page.getByLabel('Product name').inputValue()).toBe('Halo Desk Lamp')
    await axeClean('duplicate')
    // Change and render again: the brief form of this very brief.
    await page.goBack()
    await page.getByRole('link', { name: 'Change and render again' }).click()
    await page.waitForURL(/\/briefs\/[0-9a-f-]{36}\/edit$/)

    // The mail that was asked for, in the local mailbox.
    await page.goto(`${app.url}/dev/mail`)
    await page.getByText('Your video is ready').first().waitFor({ timeout: 15_000 })

    expect(problems()).toEqual([])
    await context.close()
  })
})
