// Hole 5 of issue 9: decoding photos is CPU and libuv-thread-pool work, shared with sign-in's
// scrypt. It runs through a small queue (one or two at a time, libvips on one thread), with a
// bounded wait list (503 + Retry-After past it) and a per-person limit of 30 an hour (429 +
// Retry-After). The load test (test/http/upload-load.test.ts) shows the effect on sign-ins.
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMAGE_QUEUE, UPLOAD_LIMIT } from '../../src/deps.js'
import { SlidingWindowLimiter } from '../../src/http/rate-limit.js'
import { QueueFull, WorkQueue } from '../../src/http/work-queue.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import { startUpload } from '../support/uploads.js'
import {
  briefRows,
  controlValue,
  goodBrief,
  hiddenImageId,
  imageRows,
  newUser,
  postBrief,
  type TestUser,
  uploadPreview,
} from './helpers.js'

let app: TestApp
let photo: { bytes: Buffer; name: string; type: string }
let otherPhoto: { bytes: Buffer; name: string; type: string }

beforeAll(async () => {
  app = await startTestApp()
  photo = { bytes: await img.jpeg(900, 700), name: 'p.jpg', type: 'image/jpeg' }
  otherPhoto = { bytes: await img.png(700, 900), name: 'q.png', type: 'image/png' }
})
afterAll(async () => {
  await app?.close()
})

/** A task that runs until release() is called. */
function held() {
  let release!: () => void
  const gate = new Promise<void>((r) => {
    release = r
  })
  return { task: () => gate, release }
}

/** Fills `queue` with tasks of `key` until it refuses; returns their releases. */
function fill(queue: WorkQueue, key: string, count: number) {
  const tasks = Array.from({ length: count }, () => held())
  const runs = tasks.map((t) => queue.run(key, t.task))
  return { release: () => tasks.forEach((t) => t.release()), done: Promise.all(runs) }
}

async function waitUntil(probe: () => boolean, ms = 5000) {
  const deadline = Date.now() + ms
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 10))
  }
}

const previewError = (html: string) => /<p class="error" role="alert">([\s\S]*?)<\/p>/.exec(html)?.[1]

describe('the work queue', () => {
  it('runs at most `concurrency` tasks at once, in the order they came', async () => {
    const queue = new WorkQueue({ concurrency: 2, maxWaiting: 10, maxPerKey: 10 })
    let running = 0
    let peak = 0
    const order: number[] = []
    const task = (i: number) => async () => {
      running++
      peak = Math.max(peak, running)
      order.push(i)
      await new Promise((r) => setTimeout(r, 10))
      running--
    }
    await Promise.all(Array.from({ length: 8 }, (_, i) => queue.run(`k${i}`, task(i))))
    expect(peak).toBe(2)
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7])
    expect(queue.size).toEqual({ running: 0, waiting: 0 })
  })

  it('refuses at once past its wait list, and past the places one key may hold, with a time to come back', async () => {
    const queue = new WorkQueue({ concurrency: 1, maxWaiting: 2, maxPerKey: 2 })
    const a = fill(queue, 'alice', 2)
    expect(queue.hasRoom('alice')).toBe(false)
    await expect(queue.run('alice', async () => 1)).rejects.toBeInstanceOf(QueueFull)
    const b = fill(queue, 'bob', 1)
    expect(queue.hasRoom('carol')).toBe(false) // 1 running, 2 waiting
    const refused = await queue.run('carol', async () => 1).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(QueueFull)
    expect((refused as QueueFull).retryAfterSeconds).toBeGreaterThanOrEqual(1)
    a.release()
    b.release()
    await Promise.all([a.done, b.done])
    expect(await queue.run('carol', async () => 'ran')).toBe('ran')
  })

  it('a task that throws frees its place; a request that goes away while waiting leaves at once, never started', async () => {
    const queue = new WorkQueue({ concurrency: 1, maxWaiting: 5, maxPerKey: 5 })
    await expect(queue.run('k', async () => Promise.reject(new Error('bad photo')))).rejects.toThrow('bad photo')
    const first = held()
    const running = queue.run('k', first.task)
    const gone = new AbortController()
    let started = false
    const waiting = queue.run(
      'k',
      async () => {
        started = true
      },
      gone.signal,
    )
    expect(queue.size.waiting).toBe(1)
    gone.abort()
    expect(queue.size.waiting).toBe(0) // its place is free at once, for someone else
    await expect(waiting).rejects.toThrow()
    first.release()
    await running
    expect(started).toBe(false)
    expect(queue.size).toEqual({ running: 0, waiting: 0 })
  })
})

describe('the app decodes photos through the queue, within a per-person limit', () => {
  it('libvips runs one thread per image, and the app queue and limit have the documented sizes', () => {
    expect(sharp.concurrency()).toBe(1)
    expect(IMAGE_QUEUE.concurrency).toBeLessThanOrEqual(2)
    expect(app.deps.imageQueue.limits).toEqual(IMAGE_QUEUE)
    expect([app.deps.limits.upload.limit, app.deps.limits.upload.windowMs]).toEqual([30, 60 * 60 * 1000])
    expect(UPLOAD_LIMIT).toEqual({ tries: 30, windowMs: 60 * 60 * 1000 })
  })

  it('queue full: the preview box and the no-JS form answer 503 with Retry-After, keep what was typed, store nothing', async () => {
    const dan = await newUser(app)
    const queue = new WorkQueue({ concurrency: 1, maxWaiting: 1, maxPerKey: 5 })
    app.deps.imageQueue = queue
    const busy = fill(queue, 'someone else', 2)
    try {
      const preview = await uploadPreview(dan.client, photo)
      const html = await preview.text()
      expect(preview.status).toBe(503)
      expect(Number(preview.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
      expect(html.startsWith('<div id="photo-preview"')).toBe(true)
      expect(previewError(html)).toMatch(
        /^We are checking many photos right now\. Please choose yours again in \d+ seconds?\.$/,
      )

      const form = await postBrief(dan.client, goodBrief({ productName: 'Kept While Busy' }), photo)
      const page = await form.text()
      expect(form.status).toBe(503)
      expect(form.headers.get('retry-after')).toMatch(/^\d+$/)
      expect(page).toContain('We are checking many photos right now.')
      expect(controlValue(page, 'productName')).toBe('Kept While Busy')
      expect(imageRows(app, dan.id)).toEqual([])
      expect(briefRows(app, dan.id)).toEqual([])
      // Shedding load is logged as such, not as a server failure.
      const refusals = app.logs.filter((l) => l.status === 503)
      expect(refusals.map((l) => [l.level, l.msg])).toEqual([
        [40, 'request refused: busy'],
        [40, 'request refused: busy'],
      ])
    } finally {
      busy.release()
      await busy.done
    }
    // Once the queue has room, the same upload goes through.
    const again = await uploadPreview(dan.client, photo)
    expect(again.status).toBe(200)
    expect(hiddenImageId(await again.text())).toBeDefined()
  })

  it('one person holds at most two places: their third upload waits for no one else and gets 503, others still get in', async () => {
    const [erin, fay] = [await newUser(app), await newUser(app)]
    const queue = new WorkQueue({ concurrency: 1, maxWaiting: 8, maxPerKey: 2 })
    app.deps.imageQueue = queue
    const erins = fill(queue, erin.id, 2) // two of hers already decoding or waiting
    const faysUpload = uploadPreview(fay.client, otherPhoto) // waits its turn
    try {
      const third = await uploadPreview(erin.client, photo)
      expect(third.status).toBe(503)
      expect(third.headers.get('retry-after')).toMatch(/^\d+$/)
    } finally {
      erins.release()
      await erins.done
    }
    expect((await faysUpload).status).toBe(200)
    expect(imageRows(app, fay.id)).toHaveLength(1)
    expect(imageRows(app, erin.id)).toEqual([])
  })

  it('a person who leaves while their photo waits costs no decoding, and no server error', async () => {
    const ivy = await newUser(app)
    const logsBefore = app.logs.length
    const queue = new WorkQueue({ concurrency: 1, maxWaiting: 8, maxPerKey: 2 })
    app.deps.imageQueue = queue
    const busy = fill(queue, 'someone else', 1)
    const file = path.join(app.dataDir, 'leaving.jpg')
    fs.writeFileSync(file, photo.bytes)
    const upload = startUpload(app, ivy.client, '/images', { photo: { file, name: 'p.jpg', type: 'image/jpeg' } })
    await upload.send()
    void upload.finish()
    await waitUntil(() => queue.size.waiting === 1) // received, waiting for its turn
    upload.abort()
    // The server notices the closed connection and the photo leaves the wait list at once.
    await waitUntil(() => queue.size.waiting === 0)
    expect(queue.size.running).toBe(1)
    busy.release()
    await busy.done
    await waitUntil(() => queue.size.running === 0)
    expect(imageRows(app, ivy.id)).toEqual([])
    // The request's log line is written when the connection closes, which can come after the
    // queue has emptied: wait for it rather than race it. Nothing was sent, so it says so.
    await waitUntil(() => app.logs.slice(logsBefore).some((l) => l.path === '/images'))
    const logged = app.logs.slice(logsBefore)
    expect(logged.filter((l) => l.level === 50)).toEqual([]) // nothing logged as an error
    expect(logged.find((l) => l.path === '/images')).toMatchObject({ msg: 'request aborted', status: null })
  })

  it('over the upload limit: 429 with Retry-After in the preview box and the form; other people are not affected', async () => {
    const gus: TestUser = await newUser(app)
    const hal: TestUser = await newUser(app)
    app.deps.imageQueue = new WorkQueue(IMAGE_QUEUE)
    app.deps.limits.upload = new SlidingWindowLimiter(3, 60 * 60 * 1000)
    for (let i = 0; i < 3; i++) {
      const res = await uploadPreview(gus.client, { ...photo, bytes: await img.jpeg(900 + i, 700) })
      expect(res.status).toBe(200)
    }
    // A file refused from its type alone needs no decoding and does not count.
    const text = await uploadPreview(gus.client, { bytes: img.SVG, name: 'x.svg', type: 'image/svg+xml' })
    expect(text.status).toBe(422)

    const preview = await uploadPreview(gus.client, otherPhoto)
    const html = await preview.text()
    expect(preview.status).toBe(429)
    const retryAfter = Number(preview.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(3500)
    expect(retryAfter).toBeLessThanOrEqual(3600)
    expect(previewError(html)).toBe(
      'You have uploaded many photos in the last hour. Please wait 60 minutes before adding another.',
    )

    const form = await postBrief(gus.client, goodBrief({ productName: 'Kept Over Limit' }), otherPhoto)
    const page = await form.text()
    expect(form.status).toBe(429)
    expect(form.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(controlValue(page, 'productName')).toBe('Kept Over Limit')
    expect(imageRows(app, gus.id)).toHaveLength(3) // the three accepted ones, nothing lost
    expect(briefRows(app, gus.id)).toEqual([])

    expect((await uploadPreview(hal.client, otherPhoto)).status).toBe(200)
  })
})
