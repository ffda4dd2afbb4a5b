// Issue 9's load test: one person uploads 20 large photos at once (13-15 MB, real JPEGs and PNGs
// that sharp must decode) while another signs in and opens pages, over HTTP against the real app
// on a temporary SQLite file. The figures (p50/p90/p99/max) are printed.
//
// Before issue 9's fixes all 20 were buffered in memory (2.4 GB at the peak) and decoded at once
// on libuv's 4-thread pool, where sign-in's scrypt queued behind them: one sign-in took 13 s,
// pages reached 949 ms at p99. Now one or two photos decode at a time and the rest are told to
// come back (503). The bounds are generous on purpose: this runs on 2 shared cores beside other
// test files (a render's ffmpeg, chromium), which can slow any one request; a real stall, as
// before, is ten times over them.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SlidingWindowLimiter } from '../../src/http/rate-limit.js'
import { GOOD_PASSWORD, signUpUser } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { gradientRaw } from '../support/images.js'
import { startUpload } from '../support/uploads.js'

const UPLOADS = 20
const MB = 1024 * 1024
/** Nine sign-ins in ten under a second; none over 2.5 s. */
const SIGN_IN_P90_MS = 1000
const SIGN_IN_MAX_MS = 2500
const PAGE_P99_MS = 500

let app: TestApp
let scratch: string
const photos: { file: string; name: string; type: string }[] = []

beforeAll(async () => {
  app = await startTestApp()
  // The reader signs in over and over; the sign-in limiter (tested elsewhere) is not what is measured.
  app.deps.limits.signIn = new SlidingWindowLimiter(10_000, 60_000)
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-load-'))
  // Half JPEGs (a gradient with 4 bits of noise, at quality 100), half PNGs (a gradient with every
  // other byte random, which compresses poorly): each 13-15 MB, distinct, written straight to disk.
  for (let i = 0; i < UPLOADS; i++) {
    const jpeg = i % 2 === 0
    const [w, h] = jpeg ? [4500 - i * 8, 3400] : [2200 - i * 4, 2200]
    const raw = gradientRaw(w, h)
    const noise = randomBytes(raw.length)
    for (let b = 0; b < raw.length; b++) {
      if (jpeg) raw[b] = raw[b]! ^ (noise[b]! & 0x0f)
      else if (b % 2 === 0) raw[b] = noise[b]!
    }
    const file = path.join(scratch, `photo-${i}.${jpeg ? 'jpg' : 'png'}`)
    const image = sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    await (jpeg ? image.jpeg({ quality: 100 }) : image.png({ compressionLevel: 1 })).toFile(file)
    photos.push({ file, name: path.basename(file), type: jpeg ? 'image/jpeg' : 'image/png' })
  }
}, 120_000)

afterAll(async () => {
  await app?.close()
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true })
})

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? Number.NaN
}
const figures = (values: number[]) =>
  `n=${values.length} p50=${percentile(values, 0.5).toFixed(0)} p90=${percentile(values, 0.9).toFixed(0)} p99=${percentile(values, 0.99).toFixed(0)} max=${Math.max(...values).toFixed(0)} ms`

async function timed<T>(into: number[], work: () => Promise<T>): Promise<T> {
  const started = performance.now()
  const result = await work()
  into.push(performance.now() - started)
  return result
}

/** The reader's rounds: sign in, then three pages, until `stop` says so (at least `min` rounds). */
async function reader(email: string, stop: () => boolean, min: number) {
  const signIns: number[] = []
  const pages: number[] = []
  for (let round = 0; round < min || !stop(); round++) {
    const client = new BrowserClient(app.url)
    const res = await timed(signIns, () => client.postForm('/signin', { email, password: GOOD_PASSWORD }))
    expect(res.status).toBe(303)
    for (const page of ['/account', '/briefs', '/briefs/new']) {
      const answer = await timed(pages, async () => {
        const r = await client.get(page)
        await r.text()
        return r
      })
      expect(answer.status, page).toBe(200)
    }
  }
  return { signIns, pages }
}

describe('load: 20 large uploads at once from one person', () => {
  it('another person signs in in under a second and opens pages fast meanwhile', async () => {
    const sizes = photos.map((p) => fs.statSync(p.file).size)
    console.log(`photo sizes: ${sizes.map((s) => (s / MB).toFixed(1)).join(' ')} MB`)
    expect(Math.min(...sizes)).toBeGreaterThan(13 * MB)
    expect(Math.max(...sizes)).toBeLessThan(15 * MB)
    const uploader = await signUpUser(app)
    const { email } = await signUpUser(app)
    const quiet = await reader(email, () => true, 5)

    const started = performance.now()
    let rssPeak = process.memoryUsage().rss
    const rssBefore = rssPeak
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
    }, 50)
    let finished = false
    const uploads = Promise.all(
      photos.map(async (photo) => {
        const upload = startUpload(app, uploader.client, '/images', { photo, htmx: true })
        await upload.send()
        return timed([], () => upload.finish())
      }),
    ).finally(() => {
      finished = true
    })
    const loaded = await reader(email, () => finished, 3)
    const answers = await uploads
    const uploadSeconds = (performance.now() - started) / 1000
    clearInterval(sampler)

    const statuses = answers.map((a) => a.status)
    const count = (s: number) => statuses.filter((x) => x === s).length
    console.log(
      [
        `load test (${os.availableParallelism()} cores): ${UPLOADS} uploads of ${(sizes.reduce((a, b) => a + b) / MB).toFixed(0)} MB, all answered in ${uploadSeconds.toFixed(1)} s: ${count(200)}×200, ${count(503)}×503, ${count(429)}×429`,
        `  quiet:  sign-in ${figures(quiet.signIns)}; pages ${figures(quiet.pages)}`,
        `  loaded: sign-in ${figures(loaded.signIns)}; pages ${figures(loaded.pages)}`,
        `  process RSS: ${(rssBefore / MB).toFixed(0)} MB before, ${(rssPeak / MB).toFixed(0)} MB at most`,
      ].join('\n'),
    )

    // Every upload got an answer a person can act on: its preview, or "busy, come back in N s".
    for (const a of answers) {
      expect([200, 503]).toContain(a.status)
      expect(a.body.startsWith('<div id="photo-preview"')).toBe(true)
      if (a.status === 503) expect(a.headers['retry-after']).toMatch(/^\d+$/)
    }
    expect(count(200)).toBeGreaterThanOrEqual(1)
    expect(percentile(loaded.signIns, 0.9)).toBeLessThan(SIGN_IN_P90_MS)
    expect(Math.max(...loaded.signIns)).toBeLessThan(SIGN_IN_MAX_MS)
    expect(percentile(loaded.pages, 0.99)).toBeLessThan(PAGE_P99_MS)
    expect(fs.readdirSync(path.join(app.dataDir, 'tmp'))).toEqual([])
  }, 240_000)
})
