// Issue 20: a render's progress is announced to screen readers. In a real browser: the page's
// polite live region is the same element through every poll (htmx replaces the status part around
// it), and it receives each finished shot and then the end, one sentence at a time.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { and, eq } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { videoShots, videos } from '../../db/schema.js'
import { videoPaths } from '../../src/storage.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { launchChromium, screenshot } from '../support/chromium.js'
import { realProblems } from '../support/page-checks.js'
import { FFMPEG, insertVideo, makeBrief, newRenderUser, waitFor } from '../support/render.js'

let app: TestApp
let browser: Browser

beforeAll(async () => {
  ;[app, browser] = await Promise.all([startTestApp(), launchChromium()])
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

type Watched = Window & { region: HTMLElement; section: HTMLElement; said: string[] }

describe('the progress of a render, to a screen reader', () => {
  it('keeps one polite live region through every poll and puts only each new sentence in it', async () => {
    const user = await newRenderUser(app)
    const project = await makeBrief(app, user.id, { productName: 'Lumen Glass Bottle' })
    const id = insertVideo(app, user.id, project, { status: 'rendering', shots: 3, title: 'Lumen Glass Bottle' }).id
    const shotDone = (position: number) =>
      app.db
        .update(videoShots)
        .set({ status: 'done', percent: 100 })
        .where(and(eq(videoShots.videoId, id), eq(videoShots.position, position)))
        .run()

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    await context.addCookies([...user.client.cookies].map(([name, value]) => ({ name, value, url: app.url })))
    const page = await context.newPage()
    const problems = realProblems(page)
    await page.goto(`${app.url}/videos/${id}`)
    // Hold on to the region and the status part as loaded, and write down every text the region gets.
    await page.evaluate(() => {
      const w = window as unknown as Watched
      w.region = document.getElementById('render-announcer')!
      w.section = document.getElementById('video-status')!
      w.said = []
      new MutationObserver(() => w.said.push(w.region.textContent ?? '')).observe(w.region, {
        childList: true,
        subtree: true,
        characterData: true,
      })
    })
    const seen = () =>
      page.evaluate(() => {
        const w = window as unknown as Watched
        const region = document.getElementById('render-announcer')
        return {
          said: w.said.filter((text, i) => text !== '' && text !== w.said[i - 1]),
          sameRegion: region === w.region && w.region.isConnected,
          live: region?.getAttribute('aria-live'),
          statusReplaced: document.getElementById('video-status') !== w.section,
          regions: document.querySelectorAll('[aria-live]').length,
        }
      })
    const saysNext = (sentence: string) =>
      waitFor(sentence, async () => ((await seen()).said.at(-1)?.endsWith(sentence) ? true : undefined), 15_000, 100)

    expect((await seen()).said).toEqual([]) // nothing read out for what the page shows at load
    shotDone(1)
    await saysNext('Shot 1 of 3 is rendered.')
    shotDone(2)
    await saysNext('Shot 2 of 3 is rendered.')
    await page.waitForTimeout(2500) // another poll with nothing new: the region keeps its sentence
    expect((await seen()).said.at(-1)).toBe('Shot 2 of 3 is rendered.')

    // The last shot and the video: one answer says both, and the player appears without a reload.
    const paths = videoPaths(app.dataDir, user.id, id)
    fs.mkdirSync(paths.dir, { recursive: true })
    execFileSync(FFMPEG, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=blue:s=64x112:d=1',
      '-pix_fmt',
      'yuv420p',
      paths.video,
    ])
    await sharp({ create: { width: 64, height: 112, channels: 3, background: '#3355ff' } })
      .jpeg()
      .toFile(paths.poster)
    shotDone(3)
    app.db
      .update(videos)
      .set({ status: 'done', stitchProgress: 100, outputBytes: fs.statSync(paths.video).size, finishedAt: Date.now() })
      .where(eq(videos.id, id))
      .run()
    await saysNext('Your video is ready. The player is at the top of the page.')
    await page.locator('video[data-testid="player"]').waitFor()
    expect(await page.title()).toBe('Ready · Lumen Glass Bottle · Lumina.AI')
    expect(await page.locator('noscript').count()).toBe(0)
    await screenshot(page, 'announcements/desktop-finished-in-place')
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, 'announcements/phone-finished-in-place')

    const end = await seen()
    expect(end.said).toEqual([
      'Shot 1 of 3 is rendered.',
      'Shot 2 of 3 is rendered.',
      'Shot 3 of 3 is rendered.Your video is ready. The player is at the top of the page.',
    ])
    expect(end).toMatchObject({ sameRegion: true, live: 'polite', statusReplaced: true, regions: 1 })
    // Polling stopped: the finished status part asks for nothing more.
    expect(await page.locator('#video-status').getAttribute('hx-trigger')).toBeNull()
    expect(problems()).toEqual([])
    await context.close()
  }, 60_000)
})
