import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STATUS_PATH } from '../../src/libtv/api.js'
import { signedUrl } from '../../src/libtv/signing.js'
import { imageHashOf, type LibtvSimulator, startLibtvSimulator } from '../../src/libtv/simulator/index.js'
import { sweepClipCache } from '../../src/libtv/simulator/retention.js'
import { gradientPng, simClient, startImageServer, tempDir } from './helpers.js'

// Issue 20: the simulator keeps what it made from a photo (clips, covers, tasks, uploaded images) no
// longer than LibTV keeps a result (7 days, docs/libtv.md#retention), and drops it at the next sweep
// once the operator's hook says the photo is no longer held: it knows nothing of accounts.

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

let sim: LibtvSimulator
let images: Awaited<ReturnType<typeof startImageServer>>
let tmp: Awaited<ReturnType<typeof tempDir>>
let cacheDir: string
let clockOffset = 0
/** What the operator still holds; the hook answers from it. */
const held = new Set<string>()
const asked: string[][] = []

beforeAll(async () => {
  tmp = await tempDir()
  cacheDir = path.join(tmp.dir, 'renders')
  images = await startImageServer()
  sim = await startLibtvSimulator({
    submitIntervalMs: 0,
    faults: { latency: { queued: 20, running: 20, generated: 0, moderating: 20 } },
    render: { cacheDir, shortSide: 240 },
    now: () => Date.now() + clockOffset,
    retention: {
      heldImages: (hashes) => {
        asked.push(hashes)
        return new Set(hashes.filter((h) => held.has(h)))
      },
      sweepEveryMs: 0, // by hand here; the app's runs every minute
    },
  })
})
afterAll(async () => {
  await sim?.close()
  await images?.close()
  await tmp?.remove()
})

/** Renders a clip from this photo at the simulator; returns the task and its result URLs. */
async function render(photo: Buffer, viaUpload = false) {
  const client = simClient(sim)
  const imageUrl = viaUpload ? await client.uploadImage(photo, 'png') : images.add(photo).url
  const taskId = await client.submit({ imageUrl, prompt: 'Slow push in on the product', durationSeconds: 5 })
  const result = await client.waitForResult(taskId, { pollIntervalMs: 40, timeoutMs: 60_000 })
  if (result.state !== 'succeeded') throw new Error(`render ${result.state}`)
  return { taskId, imageUrl, videoUrl: result.videoUrl, coverUrl: result.coverUrl! }
}

const filesOf = (hash: string) => fs.readdirSync(cacheDir).filter((name) => name.startsWith(`${hash}-`))
/** The task's status as LibTV answers it, signed at the simulator's clock: its generateStatus, or the error code. */
async function statusOf(taskId: string): Promise<{ code: number; generateStatus?: number }> {
  const url = signedUrl(sim.baseUrl, STATUS_PATH, sim, Date.now() + clockOffset)
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ generateUuid: taskId }),
  })
  const body = (await res.json()) as { code: number; data: { generateStatus: number } | null }
  return body.data ? { code: body.code, generateStatus: body.data.generateStatus } : { code: body.code }
}

describe('what the simulator keeps of a photo', () => {
  it('names every file it makes after the photo’s SHA-256, and drops all of a photo the operator no longer holds', async () => {
    const [kept, dropped] = await Promise.all([gradientPng(640, 360), gradientPng(360, 640)])
    const [keptHash, droppedHash] = [imageHashOf(kept), imageHashOf(dropped)]
    held.add(keptHash).add(droppedHash)
    const a = await render(kept)
    const b = await render(dropped)
    const c = await render(dropped, true) // the upload route: the bucket holds the photo itself
    expect(filesOf(keptHash).sort()).toEqual([expect.stringMatching(/\.jpg$/), expect.stringMatching(/\.mp4$/)])
    expect(filesOf(droppedHash)).toHaveLength(2)

    expect(await sim.sweep()).toBe(0) // both still held: nothing goes
    expect(asked.at(-1)?.sort()).toEqual([keptHash, droppedHash].sort())

    held.delete(droppedHash) // the photo's owner deleted it (or their account)
    expect(await sim.sweep()).toBeGreaterThan(0)
    expect(filesOf(droppedHash)).toEqual([])
    expect(fs.readdirSync(cacheDir).every((name) => name.startsWith(`${keptHash}-`))).toBe(true)
    for (const task of [b, c]) {
      expect(await statusOf(task.taskId)).toEqual({ code: 100051 }) // no such task any more
      expect((await fetch(task.videoUrl)).status).toBe(404)
    }
    expect((await fetch(c.imageUrl)).status).toBe(404) // nor the uploaded photo
    // The other photo's result is untouched.
    expect(await statusOf(a.taskId)).toEqual({ code: 0, generateStatus: 5 })
    expect((await fetch(a.videoUrl)).status).toBe(200)
  })

  it('keeps a result 7 days as LibTV does: a task and its files a minute past that go, younger ones stay', async () => {
    const photo = await gradientPng(500, 500)
    const hash = imageHashOf(photo)
    held.add(hash)
    const task = await render(photo)
    const [video, cover] = filesOf(hash).map((name) => path.join(cacheDir, name))

    const ago = (ms: number) => new Date(Date.now() - ms)
    for (const file of [video!, cover!]) fs.utimesSync(file, ago(6 * DAY), ago(6 * DAY))
    clockOffset = 6 * DAY
    await sim.sweep()
    expect(filesOf(hash)).toHaveLength(2)
    expect(await statusOf(task.taskId)).toEqual({ code: 0, generateStatus: 5 })

    for (const file of [video!, cover!]) fs.utimesSync(file, ago(7 * DAY + MINUTE), ago(7 * DAY + MINUTE))
    clockOffset = 7 * DAY + MINUTE
    await sim.sweep()
    expect(filesOf(hash)).toEqual([])
    expect(await statusOf(task.taskId)).toEqual({ code: 100051 })
    clockOffset = 0
  })

  it('counts the 7 days from the last task that used a cached clip', async () => {
    const photo = await gradientPng(420, 420)
    const hash = imageHashOf(photo)
    held.add(hash)
    await render(photo)
    const files = filesOf(hash).map((name) => path.join(cacheDir, name))
    const old = new Date(Date.now() - 6 * DAY)
    for (const file of files) fs.utimesSync(file, old, old)
    await render(photo) // a new task, served from the cache: its result is new
    for (const file of files) expect(Date.now() - fs.statSync(file).mtimeMs).toBeLessThan(MINUTE)
  })
})

describe('sweepClipCache', () => {
  it('removes files by age and by source, and leaves others', async () => {
    const dir = path.join(tmp.dir, 'sweep')
    fs.mkdirSync(dir)
    const [a, b] = ['a'.repeat(64), 'b'.repeat(64)]
    const write = (name: string, ageMs: number) => {
      fs.writeFileSync(path.join(dir, name), 'x')
      const t = new Date(Date.now() - ageMs)
      fs.utimesSync(path.join(dir, name), t, t)
    }
    write(`${a}-push_in-5s-240x240-24fps.mp4`, DAY)
    write(`${a}-push_in-5s-240x240-24fps.abc.src`, 0) // a render in progress
    write(`${b}-drift-5s-240x240-24fps.mp4`, 8 * DAY)
    write(`${b}-orbit-5s-240x240-24fps.mp4`, DAY)
    write('stray-file', 8 * DAY)
    const removed = await sweepClipCache(dir, { keepMs: 7 * DAY, gone: (hash) => hash === a })
    expect(removed).toBe(4)
    expect(fs.readdirSync(dir)).toEqual([`${b}-orbit-5s-240x240-24fps.mp4`])
    expect(await sweepClipCache(path.join(dir, 'missing'), { keepMs: DAY, gone: () => true })).toBe(0)
  })
})
