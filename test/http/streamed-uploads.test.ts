// Hole 8 of issue 9: a multipart upload is streamed to a temporary file under DATA_DIR/tmp while
// it arrives, its size limit enforced while streaming; it is never held whole in memory; a client
// that stops sending is cut off; the temporary files always go away.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import { sweepUploadTemp, uploadTempDir } from '../../src/storage.js'
import { briefRows, goodBrief, imageRows, newUser, type TestUser } from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { startUpload } from '../support/uploads.js'

// A real garbage collection before each reading, so what is measured is what is still held.
v8.setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void
const heldBytes = async () => {
  for (let i = 0; i < 3; i++) {
    gc()
    await new Promise((r) => setTimeout(r, 20)) // let finalizers of external memory run
  }
  return process.memoryUsage().arrayBuffers
}

const MB = 1024 * 1024
let app: TestApp
/** Five people, one upload each: one person may have only two photos decoding or waiting at once. */
const people: TestUser[] = []
let scratch: string
const photos: string[] = []

beforeAll(async () => {
  app = await startTestApp()
  for (let i = 0; i < 5; i++) people.push(await newUser(app))
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-photos-'))
  // Five near-limit photos (13-14 MB): real PNGs (stored, not compressed) that sharp decodes, each
  // a different colour and size. Made by sharp straight to files, so no copy is in this process's
  // memory (a pixel buffer made here would be held by sharp for a while and blur the reading).
  for (let i = 0; i < 5; i++) {
    const [w, h] = [2200 - i * 10, 2200 + i * 6]
    const file = path.join(scratch, `photo-${i}.png`)
    await sharp({ create: { width: w, height: h, channels: 3, background: { r: 40 * i, g: 120, b: 200 - 30 * i } } })
      .png({ compressionLevel: 0 })
      .toFile(file)
    photos.push(file)
  }
})
afterAll(async () => {
  await app?.close()
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true })
})

const tmpDir = () => uploadTempDir(app.dataDir)
const tmpFiles = () => (fs.existsSync(tmpDir()) ? fs.readdirSync(tmpDir()) : [])
const tmpBytes = () =>
  tmpFiles().reduce((sum, f) => sum + (fs.statSync(path.join(tmpDir(), f), { throwIfNoEntry: false })?.size ?? 0), 0)

/** Waits up to `ms` for `probe`; false (and a line saying what) when it never came. */
async function until(what: string, probe: () => boolean, ms: number) {
  const deadline = Date.now() + ms
  while (!probe()) {
    if (Date.now() > deadline) {
      console.log(`gave up waiting ${ms} ms for ${what}`)
      return false
    }
    await new Promise((r) => setTimeout(r, 25))
  }
  return true
}

describe('uploads are streamed to disk, never held whole in memory', () => {
  it('five near-limit photos at once: while they arrive they are on disk, and memory grows by a fraction of them', async () => {
    const sizes = photos.map((p) => fs.statSync(p).size)
    expect(Math.min(...sizes)).toBeGreaterThan(13 * MB) // near the 15 MB limit
    expect(Math.max(...sizes)).toBeLessThan(15 * MB)
    const before = await heldBytes()
    // Three htmx previews (two with a Content-Length, one chunked) and two no-JS brief forms (one chunked).
    const uploads = photos.map((file, i) =>
      i < 3
        ? startUpload(app, people[i]!.client, '/images', {
            photo: { file, name: `p${i}.png`, type: 'image/png' },
            htmx: true,
            chunked: i === 2,
          })
        : startUpload(app, people[i]!.client, '/briefs', {
            photo: { file, name: `p${i}.png`, type: 'image/png' },
            fields: goodBrief({ productName: `Streamed ${i}` }),
            chunked: i === 4,
          }),
    )
    // Everything but the closing boundary: the server has all of each photo, none is complete.
    await Promise.all(uploads.map((u) => u.send()))
    const total = sizes.reduce((a, b) => a + b, 0)
    const onDisk = await until('the photos on disk', () => tmpBytes() >= total * 0.95, 5000)
    const held = (await heldBytes()) - before
    console.log(
      `5 uploads, ${(total / MB).toFixed(1)} MB in flight: ${(tmpBytes() / MB).toFixed(1)} MB in DATA_DIR/tmp, ${(held / MB).toFixed(1)} MB more held in memory`,
    )
    expect(onDisk).toBe(true)
    // Buffered, they hold at least their 69 MB (61-82 MB measured before the fix); streamed, only
    // chunks in flight remain (under 2 MB measured).
    expect(held).toBeLessThan(total / 4)

    const answers = await Promise.all(uploads.map((u) => u.finish()))
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 303, 303])
    for (const a of answers.slice(0, 3)) expect(a.body).toMatch(/<input type="hidden" name="imageId"/)
    for (const [i, person] of people.entries()) {
      expect(imageRows(app, person.id)).toHaveLength(1)
      expect(briefRows(app, person.id).map((b) => b.productName)).toEqual(i < 3 ? [] : [`Streamed ${i}`])
    }
    // The temporary files are gone once each answer is sent.
    expect(await until('temp files removed', () => tmpFiles().length === 0, 2000)).toBe(true)
  })

  it('a chunked body over the upload limit is cut off while streaming with the preview box, nothing kept', async () => {
    const file = path.join(scratch, 'big.bin')
    fs.writeFileSync(file, Buffer.alloc(21 * MB, 7))
    const bob = await newUser(app)
    const up = startUpload(app, bob.client, '/images', {
      photo: { file, name: 'big.jpg', type: 'image/jpeg' },
      htmx: true,
      chunked: true,
    })
    await up.send().catch(() => {}) // the server may stop reading once it has answered
    const answer = await up.finish()
    expect(answer.status).toBe(413)
    expect(answer.body.startsWith('<div id="photo-preview"')).toBe(true)
    expect(answer.body).toContain('Photos can be at most 15 MB')
    expect(imageRows(app, bob.id)).toEqual([])
    expect(await until('temp files removed', () => tmpFiles().length === 0, 2000)).toBe(true)
  })

  it('a client that stops sending is answered 408 after the idle timeout; its temporary file is removed', async () => {
    const impatient = await startTestApp({ BODY_IDLE_SECONDS: '1' })
    onTestFinished(() => impatient.close())
    const carol = await newUser(impatient)
    const up = startUpload(impatient, carol.client, '/images', {
      photo: { file: photos[0]!, name: 'slow.png', type: 'image/png' },
      htmx: true,
    })
    const started = Date.now()
    await up.send(3 * MB) // then nothing more
    const answer = await Promise.race([up.answer, new Promise<null>((r) => setTimeout(() => r(null), 6000))])
    up.abort()
    expect(answer, 'no answer 6 s after the client went quiet').not.toBeNull()
    expect(answer!.status).toBe(408)
    expect(answer!.body.startsWith('<div id="photo-preview"')).toBe(true) // the preview box says so
    expect(answer!.body).toContain('Your connection stopped sending, so we stopped waiting for it.')
    expect(Date.now() - started).toBeLessThan(5000)
    expect(imageRows(impatient, carol.id)).toEqual([])
    const left = () => fs.readdirSync(uploadTempDir(impatient.dataDir))
    expect(await until('temp files removed', () => left().length === 0, 2000)).toBe(true)
  })

  it('a client that goes away mid-upload leaves no temporary file behind', async () => {
    const dave = await newUser(app)
    const up = startUpload(app, dave.client, '/briefs', {
      photo: { file: photos[1]!, name: 'gone.png', type: 'image/png' },
      fields: goodBrief(),
    })
    await up.send(5 * MB)
    expect(await until('the part sent on disk', () => tmpBytes() >= 4 * MB, 2000)).toBe(true)
    up.abort()
    expect(await until('temp files removed', () => tmpFiles().length === 0, 3000)).toBe(true)
    expect(briefRows(app, dave.id)).toEqual([])
    expect(imageRows(app, dave.id)).toEqual([])
  })

  it('start-up sweeps what a crash left in DATA_DIR/tmp', async () => {
    fs.mkdirSync(tmpDir(), { recursive: true })
    fs.writeFileSync(path.join(tmpDir(), 'upload-left-by-a-crash.part'), Buffer.alloc(1024))
    await sweepUploadTemp(app.dataDir)
    expect(tmpFiles()).toEqual([])
  })
})
