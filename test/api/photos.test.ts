import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMG2VIDEO_PATH } from '../../src/libtv/api.js'
import { videoPaths } from '../../src/storage.js'
import { ContractChecker } from '../support/contract.js'
import { productPhotos } from '../support/product-photos.js'
import {
  newRenderUser,
  probeMedia,
  type RenderStack,
  type RenderUser,
  startRenderStack,
  videoRow,
  waitForFinish,
} from '../support/render.js'

// Several photos per brief through the API (issue 24), over real HTTP with the real worker and the
// simulator at the real output size: three photos in, a Xiaohongshu 1080×1440 video out whose
// every shot LibTV received with only that shot's photo. Every JSON answer is checked against the
// published document. Also the attacks: another person's imageId in `photos` and in a saved shot.

let stack: RenderStack
let alice: RenderUser
let bob: RenderUser
let contract: ContractChecker
let photos: Awaited<ReturnType<typeof productPhotos>>

beforeAll(async () => {
  // No stand-in stitch size: the video is made at the preset's own 1080×1440.
  stack = await startRenderStack({ worker: { stitchSize: undefined } })
  alice = await newRenderUser(stack.app)
  bob = await newRenderUser(stack.app)
  contract = new ContractChecker(await (await fetch(`${stack.app.url}/api/v1/openapi.json`)).json())
  photos = await productPhotos()
}, 60_000)
afterAll(async () => {
  await stack?.close()
})

const api = () => `${stack.app.url}/api/v1`
async function call(who: RenderUser, method: string, path: string, body?: object | FormData) {
  const headers: Record<string, string> = { authorization: `Bearer ${who.apiKey}` }
  if (body && !(body instanceof FormData)) headers['content-type'] = 'application/json'
  const url = `${api()}${path}`
  const res = await fetch(url, {
    method,
    headers,
    body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
  })
  return { status: res.status, body: (await contract.check(method, url, res)) as any }
}
const file = (bytes: Buffer, name: string) => new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' })
async function upload(who: RenderUser, bytes: Buffer): Promise<string> {
  const form = new FormData()
  form.append('image', file(bytes, 'photo.jpg'))
  const res = await call(who, 'POST', '/images', form)
  expect(res.status).toBe(201)
  return res.body.id
}

const brief = {
  productName: 'Halo Desk Lamp',
  description: 'A desk lamp that follows the sun.',
  sellingPoints: ['USB-C charging', 'Folds flat', 'Warm to cool light'],
  audience: 'Students',
  callToAction: 'Shop now',
  lengthSeconds: 20,
  template: 'feature-tour',
}

describe('photos on a brief', () => {
  let ids: { front: string; detail: string; inUse: string }
  let briefId: string

  it('takes 1–5 photos in order, with roles by position when left out; PATCH without them keeps them', async () => {
    ids = {
      front: await upload(alice, photos.front),
      detail: await upload(alice, photos.detail),
      inUse: await upload(alice, photos.inUse),
    }
    const created = await call(alice, 'POST', '/briefs', {
      ...brief,
      preset: 'xiaohongshu',
      photos: [{ imageId: ids.front }, { imageId: ids.detail }, { imageId: ids.inUse }],
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ aspectRatio: '3:4', resolution: '1080p', imageId: ids.front })
    expect(created.body.photos).toEqual([
      { imageId: ids.front, role: 'main' },
      { imageId: ids.detail, role: 'detail' },
      { imageId: ids.inUse, role: 'in-use' },
    ])
    briefId = created.body.id
    const kept = await call(alice, 'PATCH', `/briefs/${briefId}`, { audience: 'Night owls' })
    expect(kept.body.photos).toHaveLength(3)

    const six = await call(alice, 'PATCH', `/briefs/${briefId}`, {
      photos: Array.from({ length: 6 }, () => ({ imageId: ids.front })),
    })
    expect(six.status).toBe(422)
    expect(six.body.errors[0].field).toBe('photos')
  })

  it('an older client’s imageId still works: that photo, as the main one', async () => {
    const created = await call(alice, 'POST', '/briefs', { ...brief, imageId: ids.detail })
    expect(created.status).toBe(201)
    expect(created.body.photos).toEqual([{ imageId: ids.detail, role: 'main' }])
    expect(created.body.imageId).toBe(ids.detail)
  })

  it('refuses another person’s photo in `photos` (create and PATCH), as if it did not exist', async () => {
    const bobs = await upload(bob, photos.inUse)
    const stolen = await call(alice, 'POST', '/briefs', {
      ...brief,
      photos: [{ imageId: ids.front }, { imageId: bobs, role: 'in-use' }],
    })
    expect(stolen.status).toBe(422)
    expect(stolen.body.errors).toEqual([{ field: 'photos.1.imageId', message: expect.stringContaining('no image') }])
    const missing = await call(alice, 'POST', '/briefs', { ...brief, photos: [{ imageId: crypto.randomUUID() }] })
    expect(missing.body.errors).toEqual(stolen.body.errors.map((e: object) => ({ ...e, field: 'photos.0.imageId' })))
    const patched = await call(alice, 'PATCH', `/briefs/${briefId}`, { photos: [{ imageId: bobs }] })
    expect(patched.status).toBe(422)
    expect((await call(alice, 'GET', `/briefs/${briefId}`)).body.photos).toHaveLength(3)
  })

  it('a saved shot names one of the brief’s photos, never another person’s', async () => {
    const bobs = await upload(bob, photos.front)
    const written = await call(alice, 'POST', `/briefs/${briefId}/screenplays`, {})
    const shots = written.body.shots.map(({ index: _i, ...shot }: { index: number }) => shot)
    const attack = await call(alice, 'POST', `/briefs/${briefId}/screenplays`, {
      shots: shots.map((shot: object, i: number) => (i === 1 ? { ...shot, imageId: bobs } : shot)),
    })
    expect(attack.status).toBe(422)
    expect(attack.body.errors).toEqual([{ field: 'shots.1.imageId', message: expect.any(String) }])
    const picked = await call(alice, 'POST', `/briefs/${briefId}/screenplays`, {
      shots: shots.map((shot: object, i: number) => (i === 1 ? { ...shot, imageId: ids.inUse } : shot)),
    })
    expect(picked.status).toBe(201)
    expect(picked.body.shots[1].imageId).toBe(ids.inUse)
  })

  it('renders a 1080×1440 video; LibTV gets, per shot, only that shot’s photo and prompt', async () => {
    const written = await call(alice, 'POST', `/briefs/${briefId}/screenplays`, {})
    expect(written.status).toBe(201)
    const shots: { prompt: string; imageId: string; beat: string }[] = written.body.shots
    expect(shots[0]!.imageId).toBe(ids.front)
    expect(shots.at(-1)!.imageId).toBe(ids.front)
    for (let i = 1; i < shots.length; i++) expect(shots[i]!.imageId).not.toBe(shots[i - 1]!.imageId)
    expect(new Set(shots.map((s) => s.imageId))).toEqual(new Set([ids.front, ids.detail, ids.inUse]))

    const before = stack.sim.requests.length
    const queued = await call(alice, 'POST', '/videos', { screenplayId: written.body.id })
    expect(queued.status).toBe(202)
    await waitForFinish(stack.app, queued.body.id, 240_000)
    const row = videoRow(stack.app, queued.body.id)
    expect(row?.status, row?.failureReason ?? '').toBe('done')
    const media = await probeMedia(videoPaths(stack.app.dataDir, alice.id, queued.body.id).video)
    expect([media.width, media.height]).toEqual([1080, 1440])

    const submits = stack.sim.requests.slice(before).filter((r) => r.path === IMG2VIDEO_PATH)
    expect(submits).toHaveLength(shots.length)
    const others = Object.values(ids)
    for (const submit of submits) {
      const params = (submit.body as { generateParams: { prompt: string; startFrame: string } }).generateParams
      const shot = shots.find((s) => s.prompt === params.prompt)
      expect(shot, 'each submit is one shot’s prompt').toBeDefined()
      // The start frame is that shot's photo, framed 3:4 at 1080p, and names no other photo.
      expect(new URL(params.startFrame).pathname).toBe(`/libtv/images/${shot!.imageId}.3x4-1080p.jpg`)
      for (const other of others.filter((id) => id !== shot!.imageId))
        expect(JSON.stringify(submit.body)).not.toContain(other)
    }
  }, 300_000)
})

describe('POST /videos with several photos', () => {
  const briefField = JSON.stringify({ ...brief, lengthSeconds: 15, preset: 'xiaohongshu' })

  it('takes up to 5 `image` parts: the brief holds them in order, the first as the main photo', async () => {
    const form = new FormData()
    form.append('image', file(photos.front, 'front.jpg'))
    form.append('image', file(photos.detail, 'detail.jpg'))
    form.append('image', file(photos.inUse, 'in-use.jpg'))
    form.append('brief', briefField)
    const res = await call(alice, 'POST', '/videos', form)
    expect(res.status).toBe(202)
    const made = await call(alice, 'GET', `/briefs/${res.body.briefId}`)
    expect(made.body.photos.map((p: { role: string }) => p.role)).toEqual(['main', 'detail', 'in-use'])
    const screenplay = await call(alice, 'GET', `/screenplays/${res.body.screenplayId}`)
    expect(screenplay.body.shots.every((s: { imageId?: string }) => s.imageId)).toBe(true)
    await call(alice, 'POST', `/videos/${res.body.id}/cancel`) // not rendered: the first test did that
  })

  it('refuses a sixth with a 422 that says so, and keeps nothing', async () => {
    const briefsBefore = (await call(alice, 'GET', '/briefs?limit=100')).body.data.length
    const form = new FormData()
    for (let i = 0; i < 6; i++) form.append('image', file(photos.front, `p${i}.jpg`))
    form.append('brief', briefField)
    const res = await call(alice, 'POST', '/videos', form)
    expect(res.status).toBe(422)
    expect(res.body.errors).toEqual([{ field: 'image', message: expect.stringContaining('at most 5 photos') }])
    expect((await call(alice, 'GET', '/briefs?limit=100')).body.data.length).toBe(briefsBefore)
  })
})
