// Every video page and file route answers another user exactly like an id that does not exist.
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderJobs, usageRecords, videos } from '../../db/schema.js'
import { pageOf } from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import {
  insertVideo,
  makeBrief,
  newRenderUser,
  postRender,
  type RenderUser,
  usageRows,
  videoRow,
} from '../support/render.js'

let app: TestApp
let alice: RenderUser
let bob: RenderUser
let project: Awaited<ReturnType<typeof makeBrief>>
let done: { id: string }
let rendering: { id: string }

const counts = () => ({
  videos: app.db.select().from(videos).all().length,
  jobs: app.db.select().from(renderJobs).all().length,
  usage: app.db.select().from(usageRecords).all().length,
})

beforeAll(async () => {
  app = await startTestApp()
  alice = await newRenderUser(app)
  bob = await newRenderUser(app)
  project = await makeBrief(app, alice.id, { productName: 'Alice Secret Product' })
  done = insertVideo(app, alice.id, project, { title: 'Alice Secret Product', status: 'done' })
  rendering = insertVideo(app, alice.id, project, { title: 'Alice Secret Product', status: 'rendering' })
})
afterAll(async () => {
  await app?.close()
})

type Client = RenderUser['client']
const routes: Array<{ label: string; send: (c: Client, id: string) => Promise<Response>; ownerStatus: number }> = [
  { label: 'GET the video page', send: (c, id) => c.get(`/videos/${id}`), ownerStatus: 200 },
  {
    label: 'GET the live status',
    send: (c, id) => c.get(`/videos/${id}/status`, { 'hx-request': 'true' }),
    ownerStatus: 200,
  },
  { label: 'GET video.mp4', send: (c, id) => c.get(`/videos/${id}/video.mp4`), ownerStatus: 200 },
  {
    label: 'GET a range of video.mp4',
    send: (c, id) => c.get(`/videos/${id}/video.mp4`, { range: 'bytes=0-9' }),
    ownerStatus: 206,
  },
  {
    label: 'GET video.mp4 to download',
    send: (c, id) => c.get(`/videos/${id}/video.mp4?download=1`),
    ownerStatus: 200,
  },
  { label: 'GET poster.jpg', send: (c, id) => c.get(`/videos/${id}/poster.jpg`), ownerStatus: 200 },
  // Clips are working files of the render, served to nobody.
  { label: 'GET clips/1.mp4', send: (c, id) => c.get(`/videos/${id}/clips/1.mp4`), ownerStatus: 404 },
  {
    label: 'GET clips/3.mp4 to download',
    send: (c, id) => c.get(`/videos/${id}/clips/3.mp4?download=1`),
    ownerStatus: 404,
  },
]

describe("another user's finished video", () => {
  it.each(routes)('$label: 404, the same answer as for a random id', async ({ send }) => {
    const theirs = await pageOf(await send(bob.client, done.id))
    const nobodys = await pageOf(await send(bob.client, randomUUID()))
    expect(theirs.status).toBe(404)
    expect(theirs).toEqual(nobodys)
    expect(theirs.body).not.toContain('Alice Secret Product')
  })

  it.each(routes)('$label: the owner gets it ($ownerStatus)', async ({ send, ownerStatus }) => {
    const res = await send(alice.client, done.id)
    expect(res.status).toBe(ownerStatus)
    await res.arrayBuffer()
  })

  it('is not in the other user’s library', async () => {
    const html = await (await bob.client.get('/videos')).text()
    expect(html).not.toContain(done.id)
    expect(html).not.toContain('Alice Secret Product')
    expect(html).toContain('No videos yet')
  })

  it('is not reachable signed out', async () => {
    const anonymous = new (alice.client.constructor as new (url: string) => Client)(app.url)
    for (const { label, send } of routes) {
      const res = await send(anonymous, done.id)
      expect([302, 303, 401, 404], label).toContain(res.status)
      expect(await res.text(), label).not.toContain('Alice Secret Product')
    }
  })
})

describe("another user's rendering video", () => {
  it('cannot be canceled: 404 like a random id, and it keeps rendering and counting', async () => {
    const before = counts()
    const theirs = await pageOf(await bob.client.postForm(`/videos/${rendering.id}/cancel`, { counts: '1' }))
    const nobodys = await pageOf(await bob.client.postForm(`/videos/${randomUUID()}/cancel`, { counts: '1' }))
    expect(theirs.status).toBe(404)
    expect(theirs).toEqual(nobodys)
    expect(videoRow(app, rendering.id)?.status).toBe('rendering')
    expect(usageRows(app, alice.id, rendering.id)[0]?.voidedAt).toBeNull()
    expect(counts()).toEqual(before)
  })

  it('has no files to anyone until it is done (the owner gets 404 too)', async () => {
    for (const file of ['video.mp4', 'poster.jpg', 'clips/1.mp4']) {
      expect((await alice.client.get(`/videos/${rendering.id}/${file}`)).status, file).toBe(404)
    }
  })
})

describe("rendering another user's screenplay", () => {
  it('is 404 like a random id, and nothing is created for either user', async () => {
    const before = counts()
    const theirs = await pageOf(await postRender(bob.client, project.screenplayId))
    const nobodys = await pageOf(await postRender(bob.client, randomUUID()))
    expect(theirs.status).toBe(404)
    expect(theirs).toEqual(nobodys)
    expect(counts()).toEqual(before)
    expect(app.db.select().from(videos).where(eq(videos.userId, bob.id)).all()).toEqual([])
    expect(usageRows(app, bob.id)).toEqual([])
  })

  it('is refused without our Origin (CSRF), and nothing is created', async () => {
    const before = counts()
    const res = await alice.client.send('/videos', {
      method: 'POST',
      body: new URLSearchParams({ screenplayId: project.screenplayId }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    })
    expect(res.status).toBe(403)
    expect(counts()).toEqual(before)
  })

  it('a malformed id is a plain 404', async () => {
    for (const path of [
      '/videos/not-a-uuid',
      '/videos/not-a-uuid/video.mp4',
      `/videos/${done.id}/clips/0.mp4`,
      `/videos/${done.id}/clips/9.mp4`,
      `/videos/${done.id}/other.mp4`,
    ]) {
      expect((await alice.client.get(path)).status, path).toBe(404)
    }
    expect((await postRender(alice.client, 'not-a-uuid')).status).toBe(404)
  })
})
