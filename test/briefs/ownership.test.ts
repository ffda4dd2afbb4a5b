import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs } from '../../db/schema.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import {
  briefRows,
  createBrief,
  editorFields,
  type Fields,
  fieldError,
  goodBrief,
  hiddenImageId,
  imageFiles,
  imageRows,
  multipart,
  newUser,
  pageOf,
  postBrief,
  postFields,
  postMultipart,
  readEditor,
  screenplayRows,
  type TestUser,
  type Upload,
  uploadPreview,
} from './helpers.js'

let app: TestApp
let alice: TestUser
let bob: TestUser
let photo: Upload
let aliceBrief: { id: string; imageId: string }
let aliceEditor: Fields
let snapshot: () => unknown

beforeAll(async () => {
  app = await startTestApp()
  ;[alice, bob] = [await newUser(app), await newUser(app)]
  photo = { bytes: await img.jpeg(800, 600), name: 'a.jpg', type: 'image/jpeg' }
  aliceBrief = await createBrief(alice.client, photo, { productName: 'Alice Secret Product' })
  aliceEditor = editorFields(readEditor(await (await alice.client.get(`/briefs/${aliceBrief.id}/screenplay`)).text()))
  expect((await postFields(alice.client, `/briefs/${aliceBrief.id}/screenplay`, aliceEditor)).status).toBe(303)
  // Everything of Alice's that Bob must not be able to change.
  snapshot = () => ({
    briefs: briefRows(app, alice.id),
    images: imageRows(app, alice.id),
    files: imageFiles(app, alice.id),
    screenplays: screenplayRows(app, aliceBrief.id),
  })
})
afterAll(async () => {
  await app?.close()
})

type Probe = {
  label: string
  send: (client: TestUser['client'], briefId: string, imageId: string) => Promise<Response>
}

const probes: Probe[] = [
  { label: 'GET the screenplay', send: (c, b) => c.get(`/briefs/${b}/screenplay`) },
  { label: 'GET a saved version', send: (c, b) => c.get(`/briefs/${b}/screenplay?version=1`) },
  { label: 'GET a variation', send: (c, b) => c.get(`/briefs/${b}/screenplay?variation=3&template=unboxing`) },
  { label: 'GET the edit form', send: (c, b) => c.get(`/briefs/${b}/edit`) },
  {
    label: 'POST an edit',
    send: (c, b) => postBrief(c, goodBrief({ productName: 'Hijacked' }), undefined, `/briefs/${b}/edit`),
  },
  {
    label: 'POST an edit with a new photo',
    send: (c, b) => postBrief(c, goodBrief({ productName: 'Hijacked' }), photo, `/briefs/${b}/edit`),
  },
  { label: 'POST a delete', send: (c, b) => c.postForm(`/briefs/${b}/delete`) },
  { label: 'POST a confirmed delete', send: (c, b) => c.postForm(`/briefs/${b}/delete`, { confirm: 'yes' }) },
  { label: 'POST a screenplay save', send: (c, b) => postFields(c, `/briefs/${b}/screenplay`, aliceEditor) },
  {
    label: 'POST a screenplay move',
    send: (c, b) => postFields(c, `/briefs/${b}/screenplay`, { ...aliceEditor, intent: 'up:2' }),
  },
  { label: 'GET the photo thumbnail', send: (c, _b, i) => c.get(`/images/${i}/thumb`) },
  { label: 'GET the full photo', send: (c, _b, i) => c.get(`/images/${i}/full`) },
  { label: 'GET a range of the full photo', send: (c, _b, i) => c.get(`/images/${i}/full`, { range: 'bytes=0-9' }) },
]

describe("another user's brief, screenplay and photo", () => {
  it.each(probes)('$label: 404, the same page as for an id that does not exist', async ({ send }) => {
    const before = snapshot()
    const theirs = await pageOf(await send(bob.client, aliceBrief.id, aliceBrief.imageId))
    const nobodys = await pageOf(await send(bob.client, randomUUID(), randomUUID()))
    expect(theirs.status).toBe(404)
    expect(theirs).toEqual(nobodys)
    expect(theirs.body).not.toContain('Alice Secret Product')
    expect(snapshot()).toEqual(before)
    // Bob got nothing either: no brief, no screenplay, no photo stored by the attempt.
    expect(briefRows(app, bob.id)).toEqual([])
    expect(imageRows(app, bob.id)).toEqual([])
  })

  it('the owner still gets every one of them', async () => {
    for (const { label, send } of probes.filter((p) => p.label.startsWith('GET'))) {
      const res = await send(alice.client, aliceBrief.id, aliceBrief.imageId)
      expect(res.status, label).toBe(label.includes('range') ? 206 : 200)
    }
  })

  it("does not appear on the other user's list of briefs", async () => {
    const projects = await (await bob.client.get('/briefs')).text()
    expect(projects).not.toContain('Alice Secret Product')
    expect(projects).not.toContain(aliceBrief.id)
    expect(projects).toContain('No briefs yet')
  })

  it('the short /briefs/:id link reveals nothing either', async () => {
    const theirs = await bob.client.get(`/briefs/${aliceBrief.id}`)
    const random = randomUUID()
    const nobodys = await bob.client.get(`/briefs/${random}`)
    expect(theirs.status).toBe(nobodys.status)
    if (theirs.status === 303) {
      expect(theirs.headers.get('location')).toBe(`/briefs/${aliceBrief.id}/screenplay`)
      expect(nobodys.headers.get('location')).toBe(`/briefs/${random}/screenplay`)
    }
  })
})

describe("another user's photo id in a brief form", () => {
  it('is refused on a new brief, and nothing is attached or created', async () => {
    const before = snapshot()
    const res = await postBrief(bob.client, goodBrief({ productName: 'Borrowed Photo', imageId: aliceBrief.imageId }))
    const html = await res.text()
    expect(res.status).toBe(422)
    expect(html).toContain('That photo is no longer available. Please choose it again.')
    expect(hiddenImageId(html)).toBeUndefined()
    expect(html).not.toContain(`/images/${aliceBrief.imageId}/`)
    expect(briefRows(app, bob.id)).toEqual([])
    expect(snapshot()).toEqual(before)
  })

  it('wins over a good photo sent alongside it: still refused, the photo is not stored', async () => {
    const res = await postBrief(bob.client, goodBrief({ imageId: aliceBrief.imageId }), photo)
    expect(res.status).toBe(422)
    expect(briefRows(app, bob.id)).toEqual([])
    expect(imageRows(app, bob.id)).toEqual([])
  })

  it("is refused on an edit of one's own brief, which keeps its own photo", async () => {
    const carol = await newUser(app)
    const own = await createBrief(carol.client, { ...photo, bytes: await img.png(700, 700) })
    const before = app.db.select().from(briefs).where(eq(briefs.id, own.id)).get()
    const res = await postBrief(
      carol.client,
      goodBrief({ productName: 'Changed', imageId: aliceBrief.imageId }),
      undefined,
      `/briefs/${own.id}/edit`,
    )
    const html = await res.text()
    expect(res.status).toBe(422)
    expect(html).toContain('That photo is no longer available')
    expect(hiddenImageId(html)).toBe(own.imageId) // the form shows the brief's own photo again
    expect(app.db.select().from(briefs).where(eq(briefs.id, own.id)).get()).toEqual(before)
  })

  it('a made-up or malformed imageId is refused the same way', async () => {
    for (const imageId of [randomUUID(), 'not-an-id', "' OR 1=1 --"]) {
      const res = await postBrief(bob.client, goodBrief({ imageId }))
      expect(res.status, imageId).toBe(422)
      expect(await res.text()).toContain('That photo is no longer available')
    }
    expect(briefRows(app, bob.id)).toEqual([])
  })
})

describe('malformed ids', () => {
  const paths = [
    '/briefs/123/screenplay',
    '/briefs/not-a-uuid/edit',
    `/briefs/${randomUUID().toUpperCase().replace(/-/g, '')}/screenplay`,
    '/briefs/..%2F..%2Fetc%2Fpasswd/screenplay',
    '/images/123/thumb',
    '/images/not-a-uuid/full',
    `/images/${randomUUID()}/original`,
    `/images/${randomUUID()}`,
    '/images/..%2F..%2Flumina.db/full',
  ]
  it.each(paths)('GET %s is a 404', async (path) => {
    const res = await alice.client.get(path)
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Page not found')
  })

  it('POSTs to malformed ids are 404s and change nothing', async () => {
    const before = snapshot()
    for (const path of ['/briefs/123/delete', '/briefs/xyz/edit', '/briefs/1/screenplay']) {
      const res = path.endsWith('/edit')
        ? await postMultipart(alice.client, path, multipart(goodBrief()))
        : await postFields(alice.client, path, aliceEditor)
      expect(res.status, path).toBe(404)
    }
    expect(snapshot()).toEqual(before)
  })

  it('a bad query on the screenplay page is a 404 too', async () => {
    for (const query of ['?version=0', '?version=abc', '?version=99', '?variation=-1', '?variation=1.5']) {
      expect((await alice.client.get(`/briefs/${aliceBrief.id}/screenplay${query}`)).status, query).toBe(404)
    }
  })
})

describe('signed out', () => {
  it('every brief page and photo sends the visitor to sign in, and serves nothing', async () => {
    for (const path of [
      '/briefs',
      '/briefs/new',
      `/briefs/${aliceBrief.id}/screenplay`,
      `/briefs/${aliceBrief.id}/edit`,
      `/images/${aliceBrief.imageId}/thumb`,
      `/images/${aliceBrief.imageId}/full`,
    ]) {
      const res = await fetch(app.url + path, { redirect: 'manual' })
      expect(res.status, path).toBe(303)
      expect(res.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(path)}`)
      expect(res.headers.get('content-type') ?? '').not.toMatch(/^image\//)
    }
  })

  it('a signed-out delete does nothing', async () => {
    const before = snapshot()
    const res = await fetch(`${app.url}/briefs/${aliceBrief.id}/delete`, {
      method: 'POST',
      headers: { origin: app.url },
      redirect: 'manual',
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/signin')
    expect(snapshot()).toEqual(before)
  })
})

describe('the other user', () => {
  it('has his own brief and his own copy of the same photo (the 404s above are not a broken set-up)', async () => {
    const own = await createBrief(bob.client, photo, { productName: 'Bob Own' })
    expect(briefRows(app, bob.id).map((b) => b.id)).toEqual([own.id])
    // Same bytes as Alice's photo: a row and a file of his own, under another id.
    expect(own.imageId).not.toBe(aliceBrief.imageId)
    expect(imageRows(app, bob.id)[0]!.sha256).toBe(imageRows(app, alice.id)[0]!.sha256)
    expect((await bob.client.get(`/images/${own.imageId}/full`)).status).toBe(200)
    expect((await bob.client.get(`/images/${aliceBrief.imageId}/full`)).status).toBe(404)
    const bad = await postBrief(bob.client, goodBrief({ brandColor: 'red', imageId: own.imageId }))
    expect(fieldError(await bad.text(), 'brandColor')).toMatch(/#1A2B3C/)
    const preview = await uploadPreview(bob.client, photo)
    expect(hiddenImageId(await preview.text())).toBe(own.imageId)
  })
})
