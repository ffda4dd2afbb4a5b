// Below MIN_FREE_DISK_MB of free space on the data disk, photo uploads and new renders are
// refused with a clear message (507), nothing is stored, and what was typed comes back.
import os from 'node:os'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { videos } from '../../db/schema.js'
import { freeDiskBytes } from '../../src/storage.js'
import {
  briefRows,
  controlValue,
  decodeHtml,
  goodBrief,
  imageFiles,
  imageRows,
  newUser,
  photoAreaError,
  postBrief,
  type TestUser,
  uploadPreview,
} from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import { makeBrief, postRender } from '../support/render.js'

const MB = 1024 * 1024
const FULL = 'The server is running out of disk space, so new photos and renders are paused until we free some.'

describe('below the margin (free space read through the runtime)', () => {
  let app: TestApp
  let user: TestUser
  let free = 0
  let photo: Buffer

  beforeAll(async () => {
    // The default margin (512 MB); the free space is whatever the test says.
    app = await startTestApp({}, undefined, { freeDiskBytes: async () => free })
    user = await newUser(app)
    photo = await img.jpeg(800, 600)
  })
  afterAll(async () => {
    await app?.close()
  })
  beforeEach(() => {
    free = 511 * MB
  })

  it('refuses the photo preview with a clear message and stores nothing', async () => {
    const res = await uploadPreview(user.client, { bytes: photo, name: 'photo.jpg', type: 'image/jpeg' })
    expect(res.status).toBe(507)
    const html = await res.text()
    expect(html.startsWith('<div id="photo-preview"')).toBe(true) // the fragment htmx swaps in
    expect(photoAreaError(html)).toContain(FULL)
    expect(imageRows(app, user.id)).toEqual([])
    expect(imageFiles(app, user.id)).toEqual([])
  })

  it('keeps the typed brief and refuses only its photo', async () => {
    const res = await postBrief(user.client, goodBrief({ productName: 'Kept Lamp' }), {
      bytes: photo,
      name: 'lamp.jpg',
      type: 'image/jpeg',
    })
    expect(res.status).toBe(507)
    const html = await res.text()
    expect(photoAreaError(html)).toContain(FULL)
    expect(controlValue(html, 'productName')).toBe('Kept Lamp')
    expect(controlValue(html, 'callToAction')).toBe('Shop now')
    expect(briefRows(app, user.id)).toEqual([])
    expect(imageFiles(app, user.id)).toEqual([])
  })

  it('starts no render, and says why', async () => {
    const project = await makeBrief(app, user.id)
    const res = await postRender(user.client, project.screenplayId)
    expect(res.status).toBe(507)
    const text = decodeHtml(await res.text())
    expect(text).toContain('Server storage is full')
    expect(text).toContain(FULL)
    expect(app.db.select().from(videos).where(eq(videos.userId, user.id)).all()).toEqual([])
    // The same render starts once the disk has room: the refusal was the disk's.
    free = 513 * MB
    expect((await postRender(user.client, project.screenplayId)).status).toBe(303)
  })

  it('refuses photo uploads and renders through the API too, as a 507 problem', async () => {
    const auth = { authorization: `Bearer ${user.apiKey}` }
    const project = await makeBrief(app, user.id)
    const photosBefore = imageRows(app, user.id).length
    const form = new FormData()
    form.append('image', new File([new Uint8Array(photo)], 'p.jpg', { type: 'image/jpeg' }))
    const upload = await fetch(`${app.url}/api/v1/images`, { method: 'POST', headers: auth, body: form })
    expect(upload.status).toBe(507)
    expect(upload.headers.get('content-type')).toBe('application/problem+json')
    expect(await upload.json()).toMatchObject({
      type: '/docs/api#problem-insufficient-storage',
      detail: expect.stringContaining(FULL),
    })
    const render = await fetch(`${app.url}/api/v1/videos`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ screenplayId: project.screenplayId }),
    })
    expect(render.status).toBe(507)
    expect(imageRows(app, user.id)).toHaveLength(photosBefore)
    expect(app.db.select().from(videos).where(eq(videos.screenplayId, project.screenplayId)).all()).toEqual([])
  })

  it('tells the operator in the log', async () => {
    await uploadPreview(user.client, { bytes: photo, name: 'photo.jpg', type: 'image/jpeg' })
    expect(app.logs).toContainEqual(
      expect.objectContaining({
        level: 40,
        freeMb: 511,
        minFreeMb: 512,
        msg: 'data disk below MIN_FREE_DISK_MB: refusing uploads and new renders',
      }),
    )
  })

  it('accepts the same photo at the margin', async () => {
    free = 512 * MB
    const res = await uploadPreview(user.client, { bytes: photo, name: 'photo.jpg', type: 'image/jpeg' })
    expect(res.status).toBe(200)
    expect(imageRows(app, user.id).length).toBeGreaterThan(0)
  })
})

describe('MIN_FREE_DISK_MB=0', () => {
  it('turns the check off', async () => {
    const app = await startTestApp({ MIN_FREE_DISK_MB: '0' }, undefined, { freeDiskBytes: async () => 0 })
    try {
      const user = await newUser(app)
      const res = await uploadPreview(user.client, { bytes: await img.jpeg(800, 600), name: 'p.jpg' })
      expect(res.status).toBe(200)
    } finally {
      await app.close()
    }
  })
})

describe('the real statfs', () => {
  it('reads a positive number of free bytes for a temporary folder', async () => {
    const free = await freeDiskBytes(os.tmpdir())
    expect(Number.isSafeInteger(free)).toBe(true)
    expect(free).toBeGreaterThan(0)
  })

  it('refuses uploads when the margin is larger than any disk (1 PB)', async () => {
    const app = await startTestApp({ MIN_FREE_DISK_MB: '1000000000' })
    try {
      const user = await newUser(app)
      const res = await uploadPreview(user.client, { bytes: await img.jpeg(800, 600), name: 'p.jpg' })
      expect(res.status).toBe(507)
      expect(decodeHtml(await res.text())).toContain(FULL)
      expect(imageRows(app, user.id)).toEqual([])
    } finally {
      await app.close()
    }
  })
})
