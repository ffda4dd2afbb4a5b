// Issue 19, item 4: with an Idempotency-Key, the API once read a POST's body whole into memory
// (up to the app's 40 MB net) to hash it, before the route's own limit: an over-limit upload was
// read to its end, a photo skipped its streaming to disk, and a form skipped its field and file
// limits. The key is now a step after the route's limit and parser; these send the attacks.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import type { Hono } from 'hono'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { images } from '../../db/schema.js'
import type { AppEnv } from '../../src/http/env.js'
import { uploadTempDir } from '../../src/storage.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { requestOnFreshConnection } from '../support/fresh-request.js'
import { newRenderUser, productPhoto } from '../support/render.js'
import { startUpload } from '../support/uploads.js'

const MB = 1024 * 1024
let app: TestApp
let routes: { method: string; path: string }[] = []
let scratch: string
let nearLimitPhoto: string
let oversized: string

beforeAll(async () => {
  app = await startTestApp({}, (hono: Hono<AppEnv>) => {
    // Read after start-up, when every sub-app is mounted.
    queueMicrotask(() => {
      routes = hono.routes.map(({ method, path }) => ({ method, path }))
    })
  })
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-idem-'))
  // A real PNG of about 14 MB (stored, not compressed), made by sharp straight to a file.
  nearLimitPhoto = path.join(scratch, 'near-limit.png')
  await sharp({ create: { width: 2200, height: 2200, channels: 3, background: { r: 30, g: 140, b: 90 } } })
    .png({ compressionLevel: 0 })
    .toFile(nearLimitPhoto)
  // Over the API's 20 MB upload limit, under the app's 40 MB net.
  oversized = path.join(scratch, 'oversized.bin')
  fs.writeFileSync(oversized, Buffer.alloc(30 * MB, 7))
})
afterAll(async () => {
  await app?.close()
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true })
})

const tmpDir = () => uploadTempDir(app.dataDir)
const tmpBytes = () =>
  (fs.existsSync(tmpDir()) ? fs.readdirSync(tmpDir()) : []).reduce(
    (sum, f) => sum + (fs.statSync(path.join(tmpDir(), f), { throwIfNoEntry: false })?.size ?? 0),
    0,
  )
const imagesOf = (userId: string) => app.db.select().from(images).where(eq(images.userId, userId)).all()
const withKey = (apiKey: string, key?: string) => ({
  authorization: `Bearer ${apiKey}`,
  ...(key === undefined ? {} : { 'idempotency-key': key }),
})
/** The answer, or null if none came within `ms`. */
const within = <T>(ms: number, answer: Promise<T>) =>
  Promise.race([answer, new Promise<null>((resolve) => setTimeout(() => resolve(null), ms))])

async function until(probe: () => boolean, ms: number) {
  const deadline = Date.now() + ms
  while (!probe()) {
    if (Date.now() > deadline) return false
    await new Promise((r) => setTimeout(r, 25))
  }
  return true
}

describe('Idempotency-Key on uploads keeps the route’s limits and its streaming to disk', () => {
  it('streams a photo sent with a key to disk while it arrives, and replays the answer to a retry', async () => {
    const alice = await newRenderUser(app)
    const key = randomUUID()
    const photo = { file: nearLimitPhoto, name: 'p.png', type: 'image/png', field: 'image' }
    const upload = () => startUpload(app, null, '/api/v1/images', { photo, headers: withKey(alice.apiKey, key) })
    const first = upload()
    await first.send() // all but the closing boundary: the server has the photo, the body is not complete
    const size = fs.statSync(nearLimitPhoto).size
    // Read whole into memory first (before the fix), nothing reached the disk until the body ended.
    expect(await until(() => tmpBytes() >= size * 0.95, 5000), 'the photo on disk while it arrives').toBe(true)
    const answer = await first.finish()
    expect(answer.status).toBe(201)

    // A retry (another multipart boundary) gets the first answer; nothing is stored twice.
    const retry = upload()
    await retry.send()
    const replayed = await retry.finish()
    expect(replayed.status).toBe(201)
    expect(replayed.headers['idempotent-replayed']).toBe('true')
    expect(replayed.body).toBe(answer.body)
    expect(imagesOf(alice.id)).toHaveLength(1)

    // The same key with another photo is the documented conflict.
    const other = new FormData()
    other.append('image', new File([new Uint8Array(await productPhoto())], 'q.jpg', { type: 'image/jpeg' }))
    const conflict = await fetch(`${app.url}/api/v1/images`, {
      method: 'POST',
      headers: withKey(alice.apiKey, key),
      body: other,
    })
    expect(conflict.status).toBe(422)
    expect((await conflict.json()).type).toBe('/docs/api#problem-idempotency-mismatch')
    expect(imagesOf(alice.id)).toHaveLength(1)
    expect(await until(() => tmpBytes() === 0, 2000), 'temporary files removed').toBe(true)
  })

  it('refuses a declared body over the route’s limit at once, before the client has sent it', async () => {
    const bob = await newRenderUser(app)
    const up = startUpload(app, null, '/api/v1/images', {
      photo: { file: oversized, name: 'big.jpg', type: 'image/jpeg', field: 'image' },
      headers: withKey(bob.apiKey, randomUUID()),
    })
    await up.send(256 * 1024) // a 30 MB body is announced; a quarter of a megabyte of it is sent
    const answer = await within(3000, up.answer)
    up.abort()
    // Before the fix the key read on, waiting for the other 29.75 MB.
    expect(answer, 'no answer while the body was still to come').not.toBeNull()
    expect(answer!.status).toBe(413)
    expect(answer!.headers['content-type']).toBe('application/problem+json')
    expect(answer!.body).toContain('Photos can be at most 15 MB')
    expect(imagesOf(bob.id)).toEqual([])
  })

  it('cuts a chunked body off at the route’s 20 MB limit, not at the app’s 40 MB net', async () => {
    const carol = await newRenderUser(app)
    const up = startUpload(app, null, '/api/v1/images', {
      photo: { file: oversized, name: 'big.jpg', type: 'image/jpeg', field: 'image' },
      headers: withKey(carol.apiKey, randomUUID()),
      chunked: true,
    })
    await up.send(24 * MB) // stops early if the server answers; never finished
    const answer = await within(5000, up.answer)
    up.abort()
    expect(answer, 'no answer after 24 MB of an unfinished body').not.toBeNull()
    expect(answer!.status).toBe(413)
    expect(answer!.body).toContain('Photos can be at most 15 MB')
    expect(imagesOf(carol.id)).toEqual([])
    expect(await until(() => tmpBytes() === 0, 2000), 'temporary files removed').toBe(true)
  })

  it('refuses a form with too many fields with a key exactly as without one', async () => {
    const dave = await newRenderUser(app)
    const photo = new Uint8Array(await productPhoto())
    const send = async (key?: string) => {
      const form = new FormData()
      for (let i = 0; i < 150; i++) form.append(`field${i}`, 'x')
      form.append('image', new File([photo], 'p.jpg', { type: 'image/jpeg' }))
      const encoded = new Response(form)
      // A connection of its own: the server refuses before reading the whole body, then closes it.
      return requestOnFreshConnection(`${app.url}/api/v1/images`, {
        method: 'POST',
        headers: { ...withKey(dave.apiKey, key), 'content-type': encoded.headers.get('content-type') ?? '' },
        body: new Uint8Array(await encoded.arrayBuffer()),
      })
    }
    const without = await send()
    const keyed = await send(randomUUID())
    expect(without.status).toBe(400)
    // Before the fix the key's copy skipped the field limit: the photo was stored (201).
    expect(keyed.status).toBe(without.status)
    expect(JSON.parse(keyed.body).detail).toBe(JSON.parse(without.body).detail)
    expect(imagesOf(dave.id)).toEqual([])
  })

  it('every POST route of the API honours the key (a walk of the route table)', async () => {
    const erin = await newRenderUser(app)
    const posts = [
      ...new Set(routes.filter((r) => r.method === 'POST' && r.path.startsWith('/api/v1/')).map((r) => r.path)),
    ]
    expect(posts).toEqual(expect.arrayContaining(['/api/v1/images', '/api/v1/videos', '/api/v1/briefs']))
    const replayed: Record<string, string | null> = {}
    for (const route of posts) {
      const url = `${app.url}${route.replace(/\{id\}|:id\b/g, randomUUID())}`
      const key = randomUUID()
      const send = () =>
        fetch(url, {
          method: 'POST',
          headers: { ...withKey(erin.apiKey, key), 'content-type': 'application/json' },
          body: '{}',
        })
      const first = await send()
      expect(first.status, route).toBeLessThan(500)
      replayed[route] = (await send()).headers.get('idempotent-replayed')
    }
    expect(replayed).toEqual(Object.fromEntries(posts.map((route) => [route, 'true'])))
  })
})
