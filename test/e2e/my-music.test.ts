// "My music" (/music) in chromium, JavaScript off, at 1280 and 390 px: upload a track with the
// real file input, see it listed with a player, rename it, see a refused file's message; the
// screenshots go to test-output/screenshots for a person to look at.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.js'
import { launchChromium, screenshot } from '../support/chromium.js'
import { newRenderUser, type RenderUser } from '../support/render.js'
import { toneFile } from '../tracks/fixtures.js'

let app: TestApp
let browser: Browser
let user: RenderUser
let dir: string

beforeAll(async () => {
  ;[app, browser] = await Promise.all([startTestApp(), launchChromium()])
  user = await newRenderUser(app)
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-my-music-'))
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function signedInPage(width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false })
  const url = new URL(app.url)
  await context.addCookies(
    [...user.client.cookies].map(([name, value]) => ({ name, value, domain: url.hostname, path: '/' })),
  )
  return context.newPage()
}

describe('My music', () => {
  it('uploads, lists, renames and refuses, without JavaScript, at 1280 and 390 px', async () => {
    const page = await signedInPage(1280)
    await page.goto(`${app.url}/music`)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('My music')
    const song = await toneFile(dir, 'summer-launch', { seconds: 12, ext: 'mp3' })
    await page.getByLabel('Audio file').setInputFiles(song)
    await page.getByLabel('Name (optional)').fill('Summer launch')
    await page.getByRole('button', { name: 'Upload track' }).click()
    await page.waitForURL(/\/music\?uploaded=/)
    expect(await page.locator('.notice').textContent()).toContain('“Summer launch” is ready to use.')
    expect(await page.locator('.track audio').count()).toBe(1)
    await screenshot(page, 'my-music-1280')

    await page.getByLabel('Name', { exact: true }).fill('Summer launch (short)')
    await page.getByRole('button', { name: 'Rename' }).click()
    await page.waitForURL(/\/music\?renamed=/)
    expect(await page.locator('.track-title strong').textContent()).toBe('Summer launch (short)')

    const fake = path.join(dir, 'notes.mp3')
    fs.writeFileSync(fake, 'not music\n'.repeat(100))
    await page.getByLabel('Audio file').setInputFiles(fake)
    await page.getByRole('button', { name: 'Upload track' }).click()
    expect(await page.locator('#track-error').textContent()).toContain('not audio we can read')
    await screenshot(page, 'my-music-refused-1280')

    const phone = await signedInPage(390)
    await phone.goto(`${app.url}/music`)
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth)
    expect(overflow).toBeLessThanOrEqual(390)
    await screenshot(phone, 'my-music-390')

    // The brief form links here, and offers the track.
    await page.goto(`${app.url}/briefs/new`)
    expect(await page.locator('a[href="/music"]').count()).toBeGreaterThan(0)
    expect(await page.locator('select#music option', { hasText: 'My music: Summer launch (short)' }).count()).toBe(1)
  })
})
