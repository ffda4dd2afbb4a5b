// Issue 23: on a phone (390 × 844) the finished video's player has the video's own ratio (no black
// bars) and Download shows on the first screen, for every format.
import { execFileSync } from 'node:child_process'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { videoPaths } from '../../src/storage.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { launchChromium, screenshot } from '../support/chromium.js'
import { FFMPEG, insertVideo, makeBrief, newRenderUser, STITCH_SIZE } from '../support/render.js'

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

describe('the video page on a phone (issue 23)', () => {
  it.each(['9:16', '1:1', '16:9', '3:4', '4:5'] as const)(
    '%s: the player at its true ratio, Download above the fold',
    async (aspect) => {
      const user = await newRenderUser(app)
      const project = await makeBrief(app, user.id)
      const id = insertVideo(app, user.id, project, { status: 'done', aspectRatio: aspect, title: 'Halo Desk Lamp' }).id
      // A real one-second video of the format's size, so the browser knows the picture's ratio.
      const { width, height } = STITCH_SIZE[aspect]
      const paths = videoPaths(app.dataDir, user.id, id)
      execFileSync(FFMPEG, [
      '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', `testsrc=size=${width}x${height}:rate=24`, '-t', '1',
      '-pix_fmt', 'yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', '-movflags', '+faststart', paths.video,
    ]) // biome-ignore format: one ffmpeg command line

      const context = await browser.newContext({ viewport: { width: 390, height: 844 } })
      await context.addCookies([...user.client.cookies].map(([name, value]) => ({ name, value, url: app.url })))
      const page = await context.newPage()
      await page.goto(`${app.url}/videos/${id}`)
      const player = page.getByTestId('player')
      await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1)
      const box = (await player.boundingBox())!
      const picture = await player.evaluate((v: HTMLVideoElement) => ({ w: v.videoWidth, h: v.videoHeight }))
      // The box's ratio is the picture's (within a pixel of rounding): no bars on either side.
      expect(Math.abs(box.width / box.height - picture.w / picture.h)).toBeLessThan(0.01)
      expect(box.width).toBeLessThanOrEqual(390)
      const download = (await page.getByRole('link', { name: 'Download MP4' }).boundingBox())!
      expect(download.y + download.height).toBeLessThanOrEqual(844)
      await screenshot(page, `pages-23/video-390-${aspect.replace(':', 'x')}`)
      await context.close()
    },
  )
})
