import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { idempotencyKeys, videos } from '../../db/schema.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { makeBrief, newRenderUser, productPhoto, type RenderUser, usageRows } from '../support/render.js'

let app: TestApp
let alice: RenderUser
let project: Awaited<ReturnType<typeof makeBrief>>

beforeAll(async () => {
  app = await startTestApp()
  alice = await newRenderUser(app, 'creator')
  project = await makeBrief(app, alice.id)
})
afterAll(async () => {
  await app.close()
})

function post(path: string, body: unknown, key?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${alice.apiKey}` }
  if (key !== undefined) headers['idempotency-key'] = key
  if (!(body instanceof FormData)) headers['content-type'] = 'application/json'
  return fetch(`${app.url}/api/v1${path}`, {
    method: 'POST',
    headers,
    body: body instanceof FormData ? body : JSON.stringify(body),
  })
}

const videosOf = () => app.db.select().from(videos).where(eq(videos.userId, alice.id)).all()

describe('Idempotency-Key', () => {
  it('replays the first answer to the same key and body, and renders nothing twice', async () => {
    const key = crypto.randomUUID()
    const first = await post('/videos', { screenplayId: project.screenplayId }, key)
    expect(first.status).toBe(202)
    const firstBody = await first.text()
    const again = await post('/videos', { screenplayId: project.screenplayId }, key)
    expect(again.status).toBe(202)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(again.headers.get('location')).toBe(first.headers.get('location'))
    expect(await again.text()).toBe(firstBody)
    expect(videosOf()).toHaveLength(1)
    expect(usageRows(app, alice.id)).toHaveLength(1)
    // Without a key, the same body is a new request.
    expect((await post('/videos', { screenplayId: project.screenplayId })).status).toBe(202)
    expect(videosOf()).toHaveLength(2)
  })

  it('refuses the same key with another body with 422, creating nothing', async () => {
    const key = crypto.randomUUID()
    expect((await post('/videos', { screenplayId: project.screenplayId }, key)).status).toBe(202)
    const before = videosOf().length
    const other = await makeBrief(app, alice.id, { productName: 'Other' })
    const res = await post('/videos', { screenplayId: other.screenplayId }, key)
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect((await res.json()).type).toBe('/docs/api#problem-idempotency-mismatch')
    expect(videosOf()).toHaveLength(before)
  })

  it('gives ten simultaneous requests with one key one video, one usage record and one answer', async () => {
    const user = await newRenderUser(app, 'creator')
    const own = await makeBrief(app, user.id)
    const key = crypto.randomUUID()
    const send = () =>
      fetch(`${app.url}/api/v1/videos`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${user.apiKey}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify({ screenplayId: own.screenplayId }),
      })
    const answers = await Promise.all(Array.from({ length: 10 }, send))
    const bodies = await Promise.all(answers.map((r) => r.text()))
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(202))
    expect(new Set(bodies).size).toBe(1)
    expect(app.db.select().from(videos).where(eq(videos.userId, user.id)).all()).toHaveLength(1)
    expect(usageRows(app, user.id)).toHaveLength(1)
  })

  it('matches a retried upload although multipart boundaries differ, and keeps keys only as hashes', async () => {
    const upload = async () => {
      const form = new FormData()
      form.append('image', new File([new Uint8Array(await productPhoto())], 'p.jpg', { type: 'image/jpeg' }))
      return form
    }
    const key = `upload-${crypto.randomUUID()}`
    const first = await post('/images', await upload(), key)
    expect(first.status).toBe(201)
    const again = await post('/images', await upload(), key)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    expect(await again.json()).toEqual(await first.json())
    const stored = app.db.select().from(idempotencyKeys).all()
    expect(stored.length).toBeGreaterThan(0)
    expect(JSON.stringify(stored)).not.toContain(key)
  })

  it('refuses a malformed key with 422 and runs nothing', async () => {
    const before = videosOf().length
    const res = await post('/videos', { screenplayId: project.screenplayId }, 'has spaces in it')
    expect(res.status).toBe(422)
    expect(videosOf()).toHaveLength(before)
  })
})
