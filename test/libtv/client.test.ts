import { readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LibtvClient } from '../../src/libtv/client.js'
import { type LibtvSimulator, startLibtvSimulator } from '../../src/libtv/simulator/index.js'
import type { ShotStatus } from '../../src/libtv/status.js'
import { ffprobe, gradientPng, simClient, startImageServer, tempDir, watchUnhandledRejections } from './helpers.js'

// The client against the simulator over real HTTP: LibTV fetches the image from a signed URL,
// renders it with ffmpeg, and the client copies the MP4 to disk.
let sim: LibtvSimulator
let images: Awaited<ReturnType<typeof startImageServer>>
let tmp: Awaited<ReturnType<typeof tempDir>>
let client: LibtvClient
let clockOffset = 0
const FAST = { queued: 20, running: 20, generated: 20, moderating: 20 }
const rejections = watchUnhandledRejections()

beforeAll(async () => {
  rejections.start()
  tmp = await tempDir()
  images = await startImageServer()
  sim = await startLibtvSimulator({
    submitIntervalMs: 0,
    faults: { latency: FAST },
    // The simulator's clock runs ahead by `clockOffset`, so a test can step a task through its states.
    now: () => Date.now() + clockOffset,
    // A fresh cache: every run renders with ffmpeg for real.
    render: { cacheDir: path.join(tmp.dir, 'renders') },
  })
  client = simClient(sim)
})

afterAll(async () => {
  await sim?.close()
  await images?.close()
  await tmp?.remove()
  rejections.stop()
  expect(rejections.seen).toEqual([])
})

describe('a clean render through the simulator', () => {
  it('renders a 5 s landscape shot into a valid H.264 MP4 on disk', async () => {
    const image = images.add(await gradientPng(640, 360))
    sim.setFaults({ latency: { queued: 10_000, running: 10_000, generated: 10_000, moderating: 10_000 } })
    const taskId = await client.submit({
      imageUrl: image.url,
      prompt: 'Slow push in on the bottle, soft studio light',
      durationSeconds: 5,
    })
    sim.setFaults({ latency: FAST }) // the task keeps the latencies it was submitted with
    expect(taskId).toMatch(/^[0-9a-f]{32}$/)
    expect(client.inFlight()).toEqual([taskId])

    // Step the simulator's clock through 1 → 2 → 3 (reported as running) → 4 → 5.
    const seen: ShotStatus['state'][] = []
    for (let step = 0; step < 4; step++) {
      seen.push((await client.status(taskId)).state)
      clockOffset += 10_000
    }
    expect(seen).toEqual(['queued', 'running', 'running', 'moderating'])
    expect(client.inFlight()).toEqual([taskId])
    // Now past moderation: succeeded as soon as the clip is rendered.
    const result = await client.waitForResult(taskId, { pollIntervalMs: 25 })
    expect(result).toMatchObject({ state: 'succeeded', pointsCost: 20 })
    if (result.state !== 'succeeded') throw new Error('unreachable')
    expect(client.inFlight()).toEqual([]) // the terminal status freed the slot
    // The simulator really fetched the image through its signed URL.
    expect(images.hits).toContainEqual({ path: image.path, status: 200 })

    const dest = path.join(tmp.dir, 'shot-1.mp4')
    const { bytes } = await client.downloadVideo(result.videoUrl, dest, { maxBytes: 50 * 1024 * 1024 })
    expect((await stat(dest)).size).toBe(bytes)
    const probe = await ffprobe(dest)
    expect(probe.codec).toBe('h264')
    expect(probe.pixFmt).toBe('yuv420p')
    expect(Math.abs(probe.duration - 5)).toBeLessThanOrEqual(0.2)
    expect(probe.height).toBe(480)
    expect(Math.abs(probe.width / probe.height - 640 / 360)).toBeLessThan(0.01)
    // faststart: the moov box comes before mdat, so browsers can play while downloading.
    const head = (await readFile(dest)).subarray(0, 4096).toString('latin1')
    expect(head.indexOf('moov')).toBeGreaterThan(0)
    expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat') === -1 ? Infinity : head.indexOf('mdat'))

    const cover = await fetch(result.coverUrl!)
    expect(cover.headers.get('content-type')).toBe('image/jpeg')
    const meta = await sharp(Buffer.from(await cover.arrayBuffer())).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', probe.width, probe.height])
  })

  it('renders a 10 s portrait shot with a pan at the image aspect', async () => {
    const image = images.add(await gradientPng(360, 640))
    const taskId = await client.submit({
      imageUrl: image.url,
      prompt: 'The camera pans left across the label',
      durationSeconds: 10,
    })
    const result = await client.waitForResult(taskId, { pollIntervalMs: 40 })
    if (result.state !== 'succeeded') throw new Error(`expected success, got ${JSON.stringify(result)}`)
    expect(result.pointsCost).toBe(40)
    const dest = path.join(tmp.dir, 'shot-2.mp4')
    await client.downloadVideo(result.videoUrl, dest)
    const probe = await ffprobe(dest)
    expect(Math.abs(probe.duration - 10)).toBeLessThanOrEqual(0.2)
    expect(probe.width).toBe(480)
    expect(Math.abs(probe.height / probe.width - 640 / 360)).toBeLessThan(0.01)
    expect(probe.codec).toBe('h264')
  })

  it('uploads an image through the upload route when there is no public URL, and renders from it', async () => {
    const png = await gradientPng(400, 400)
    const url = await client.uploadImage(png, 'png')
    expect(url.startsWith(`${sim.baseUrl}/sim/oss/`)).toBe(true)
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(png)).toBe(true)
    // The multipart fields arrived in the documented order, file last.
    const upload = sim.requests.find((r) => r.path === '/sim/oss')
    expect((upload!.body as { multipart: Array<[string, unknown]> }).multipart.map(([name]) => name)).toEqual([
      'key',
      'policy',
      'x-oss-date',
      'x-oss-expires',
      'x-oss-signature',
      'x-oss-credential',
      'x-oss-signature-version',
      'file',
    ])
    const taskId = await client.submit({ imageUrl: url, prompt: 'Orbit around the product', durationSeconds: 5 })
    const result = await client.waitForResult(taskId, { pollIntervalMs: 40 })
    expect(result.state).toBe('succeeded')
  })

  it('refuses images that are not JPG/PNG or too large before any upload', async () => {
    const before = sim.requests.length
    await expect(client.uploadImage(new Uint8Array(10), 'gif' as 'png')).rejects.toMatchObject({
      kind: 'invalid_request',
    })
    await expect(client.uploadImage(new Uint8Array(10 * 1024 * 1024 + 1), 'png')).rejects.toMatchObject({
      kind: 'invalid_request',
    })
    expect(sim.requests.length).toBe(before)
  })

  it('refuses a bad shot locally, without calling LibTV', async () => {
    const before = sim.requests.length
    const ok = { imageUrl: 'http://127.0.0.1/x.png', prompt: 'push in', durationSeconds: 5 as const }
    for (const shot of [
      { ...ok, imageUrl: 'file:///etc/passwd' },
      { ...ok, prompt: ' ' },
      { ...ok, prompt: 'x'.repeat(2001) },
      { ...ok, durationSeconds: 7 as 5 },
    ]) {
      await expect(client.submit(shot)).rejects.toMatchObject({ kind: 'invalid_request', retryable: false })
    }
    expect(sim.requests.length).toBe(before)
    expect(client.inFlight()).toEqual([])
  })

  it('asks beforeSend just before sending; false withdraws the submit unsent and frees its slot', async () => {
    const image = images.add(await gradientPng(640, 360))
    const shot = { imageUrl: image.url, prompt: 'Slow orbit around the kettle', durationSeconds: 5 as const }
    const before = sim.requests.length
    await expect(client.submit(shot, { beforeSend: () => false })).rejects.toMatchObject({ kind: 'cancelled' })
    expect(sim.requests.length).toBe(before)
    expect(client.inFlight()).toEqual([])
    let asked = 0
    const taskId = await client.submit(shot, { beforeSend: () => ++asked > 0 })
    expect(asked).toBe(1)
    expect(client.inFlight()).toEqual([taskId])
    client.release(taskId)
  })
})
