import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users, videos } from '../../db/schema.js'
import { EXAMPLE_EMAIL, startExamplePublishing } from '../../src/home/example.js'
import { refreshLanding } from '../../src/legal/routes.js'
import { exampleFiles } from '../../src/storage.js'
import { launchChromium } from '../support/chromium.js'
import { axeViolations, screenshotIn } from '../support/page-checks.js'
import { type RenderStack, startRenderStack, waitFor, waitForFinish } from '../support/render.js'

// The landing's example video (issue 23): a still until it exists, never a broken player; then
// the video the app rendered itself from the bundled sample, through the normal render pipeline
// (here the LibTV simulator), served with ranges, a poster and a captions track.

let stack: RenderStack
beforeAll(async () => {
  stack = await startRenderStack()
})
afterAll(async () => {
  await stack?.close()
})

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${stack.app.url}${path}`, { headers })

describe('the example video on the landing page', () => {
  it('shows the sample still first, then the video made at start-up, served with ranges', {
    timeout: 120_000,
  }, async () => {
    // Before: a still (the sample product's photo), no player; the video is not there.
    const before = await (await get('/')).text()
    expect(before).toContain('data-testid="example-still"')
    expect(before).not.toContain('<video')
    const still = await get('/example/still.jpg')
    expect(still.status).toBe(200)
    expect(still.headers.get('content-type')).toBe('image/jpeg')
    expect((await get('/example/video.mp4')).status).toBe(404)

    // What main.ts does at start-up with the simulator: queue it, let the worker render it, publish.
    const { db, dataDir } = stack.app
    const publishing = startExamplePublishing({
      db,
      dataDir,
      model: 'kling-v2-1',
      simulated: true,
      nudge: () => stack.worker().nudge(),
      published: () => refreshLanding(stack.app.deps),
      log: () => {},
      intervalMs: 200,
    })
    const owner = await waitFor('the example account', () =>
      db.select().from(users).where(eq(users.email, EXAMPLE_EMAIL)).get(),
    )
    expect(owner.emailConfirmedAt).not.toBeNull()
    const video = await waitFor('the example render', () =>
      db.select().from(videos).where(eq(videos.userId, owner.id)).get(),
    )
    expect((await waitForFinish(stack.app, video.id, 90_000)).status).toBe('done')
    await waitFor('the example published', () => fs.existsSync(exampleFiles(dataDir).video) || undefined, 10_000)
    publishing.stop()

    // The landing (the front door's kept page, no cookie) now has the player: no autoplay, a poster,
    // captions, the video's description.
    await waitFor('the landing with the player', async () =>
      (await (await get('/')).text()).includes('<video') ? true : undefined,
    )
    const after = await (await get('/')).text()
    expect(after).toContain('data-testid="example-video"')
    expect(after).not.toContain('autoplay')
    expect(after).toMatch(/<video[^>]*preload="none"/)
    expect(after).toMatch(/<video[^>]*poster="\/example\/poster\.jpg\?v=/)
    expect(after).toContain('<track kind="captions" src="/example/captions.vtt"')
    expect(after).not.toContain('data-testid="example-still"')
    const zh = await (await get('/', { 'accept-language': 'zh-CN' })).text()
    expect(zh).toContain('data-testid="example-video"')

    // In a browser, at both widths: the player at its ratio, nothing loaded before a tap, axe clean.
    const browser = await launchChromium()
    try {
      for (const viewport of [
        { width: 1280, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const page = await (await browser.newContext({ viewport })).newPage()
        await page.goto(stack.app.url)
        const player = page.getByTestId('example-video')
        await player.waitFor()
        expect(await player.evaluate((v) => (v as HTMLVideoElement).paused)).toBe(true)
        const box = (await player.boundingBox())!
        expect(Math.abs(box.width / box.height - 9 / 16)).toBeLessThan(0.02)
        expect(box.height).toBeLessThanOrEqual(viewport.height)
        expect(await axeViolations(page)).toEqual([])
        await screenshotIn(page, 'example', `landing-with-video-${viewport.width}`)
      }
    } finally {
      await browser.close()
    }

    // Ranges: a player seeks.
    const size = fs.statSync(exampleFiles(dataDir).video).size
    const part = await get('/example/video.mp4', { range: 'bytes=0-99' })
    expect(part.status).toBe(206)
    expect(part.headers.get('content-range')).toBe(`bytes 0-99/${size}`)
    expect((await part.arrayBuffer()).byteLength).toBe(100)
    const whole = await get('/example/video.mp4')
    expect(whole.status).toBe(200)
    expect(whole.headers.get('content-type')).toBe('video/mp4')
    expect(Number(whole.headers.get('content-length'))).toBe(size)
    await whole.arrayBuffer()
    const poster = await get('/example/poster.jpg')
    expect(poster.status).toBe(200)
    expect(poster.headers.get('content-type')).toBe('image/jpeg')
    await poster.arrayBuffer()
    const captions = await (await get('/example/captions.vtt')).text()
    expect(captions.startsWith('WEBVTT')).toBe(true)
    expect(captions).toMatch(/00:00:00\.000 --> 00:00:0\d\.000/)
  })

  it('npm run example-video -- --again --wait: the operator makes a new one, through the same worker', {
    timeout: 120_000,
  }, async () => {
    const before = fs.readFileSync(`${exampleFiles(stack.app.dataDir).dir}/source`, 'utf8')
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/cli/example-video.ts', '--again', '--wait'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        DATA_DIR: stack.app.dataDir,
        BASE_URL: stack.app.deps.config.baseUrl.origin,
        LOG_LEVEL: 'error',
      },
      timeout: 100_000,
    })
    expect(stdout).toMatch(
      /Queued example video [0-9a-f-]{36}, rendered by the running app with the built-in LibTV simulator/,
    )
    expect(stdout).toContain('Done:')
    const after = fs.readFileSync(`${exampleFiles(stack.app.dataDir).dir}/source`, 'utf8')
    expect(after).not.toBe(before)
    expect(fs.statSync(exampleFiles(stack.app.dataDir).video).size).toBeGreaterThan(10_000)
  })
})
