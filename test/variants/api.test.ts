// POST /api/v1/videos with "variants": the answer's shape (checked against the published OpenAPI
// document), ordinary videos afterwards, Idempotency-Key replays, the quota refusal, owner checks,
// and the one-call multipart with variants inside the brief. Renders are queued, not run.
import { randomUUID } from 'node:crypto'
import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { usageRecords, videos } from '../../db/schema.js'
import { submitRender } from '../../src/render/submit.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { ContractChecker } from '../support/contract.js'
import { makeBrief, newRenderUser, productPhoto, type RenderUser } from '../support/render.js'

let app: TestApp
let contract: ContractChecker

beforeAll(async () => {
  app = await startTestApp()
  contract = new ContractChecker((await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as never)
})
afterAll(async () => {
  await app?.close()
})

type Call = { status: number; body: any; res: Response }

async function call(key: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Call> {
  const all: Record<string, string> = { authorization: `Bearer ${key}`, ...headers }
  let payload: BodyInit
  if (body instanceof FormData) payload = body
  else {
    all['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const url = `${app.url}/api/v1${path}`
  const res = await fetch(url, { method: 'POST', headers: all, body: payload })
  return { status: res.status, body: await contract.check('POST', url, res), res }
}

async function get(key: string, path: string) {
  const url = `${app.url}/api/v1${path}`
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}` } })
  return { status: res.status, body: (await contract.check('GET', url, res)) as any }
}

const counted = (userId: string) =>
  app.db
    .select()
    .from(usageRecords)
    .where(and(eq(usageRecords.userId, userId), isNull(usageRecords.voidedAt)))
    .all().length

describe('POST /api/v1/videos with variants', () => {
  let alice: RenderUser
  let project: Awaited<ReturnType<typeof makeBrief>>

  beforeAll(async () => {
    alice = await newRenderUser(app, 'creator')
    project = await makeBrief(app, alice.id)
  })

  it('answers 202 with { data: [ <video>, … ] }: ordinary videos of one set, one screenplay each', async () => {
    const answer = await call(alice.apiKey, '/videos', { screenplayId: project.screenplayId, variants: 3 })
    expect(answer.status).toBe(202)
    expect(Object.keys(answer.body)).toEqual(['data'])
    const data = answer.body.data as Array<Record<string, unknown>>
    expect(data).toHaveLength(3)
    for (const video of data) expect(video).toMatchObject({ status: 'queued', briefId: project.briefId })
    expect(new Set(data.map((v) => v.screenplayId)).size).toBe(3)
    expect(data.map((v) => v.screenplayId)).not.toContain(project.screenplayId)
    const rows = data.map(
      (v) =>
        app.db
          .select()
          .from(videos)
          .where(eq(videos.id, v.id as string))
          .get()!,
    )
    expect(new Set(rows.map((r) => r.variantGroupId)).size).toBe(1)
    expect(new Set(rows.map((r) => r.variantTone)).size).toBe(3)
    expect(counted(alice.id)).toBe(3)
    // Each is an ordinary video: GET /videos/{id} and the list know it.
    for (const video of data) expect((await get(alice.apiKey, `/videos/${video.id}`)).body).toEqual(video)
    const list = await get(alice.apiKey, '/videos')
    for (const video of data) expect(list.body.data.map((v: { id: string }) => v.id)).toContain(video.id)
  })

  it('without variants the answer is unchanged: one video, with its Location', async () => {
    const answer = await call(alice.apiKey, '/videos', { screenplayId: project.screenplayId })
    expect(answer.status).toBe(202)
    expect(answer.body.id).toBeDefined()
    expect(answer.body.data).toBeUndefined()
    expect(answer.res.headers.get('location')).toBe(`/api/v1/videos/${answer.body.id}`)
  })

  it('Idempotency-Key: a retry gets the same variants, and nothing more is made or counted', async () => {
    const key = `variants-${randomUUID()}`
    const body = { screenplayId: project.screenplayId, variants: 2 }
    const first = await call(alice.apiKey, '/videos', body, { 'idempotency-key': key })
    const before = counted(alice.id)
    const again = await call(alice.apiKey, '/videos', body, { 'idempotency-key': key })
    expect(first.status).toBe(202)
    expect(again.status).toBe(202)
    expect(again.res.headers.get('idempotent-replayed')).toBe('true')
    expect(again.body.data.map((v: { id: string }) => v.id)).toEqual(first.body.data.map((v: { id: string }) => v.id))
    expect(counted(alice.id)).toBe(before)
  })

  it('variants must be 2 to 4: anything else is a 422 naming the field, and nothing is made', async () => {
    const before = counted(alice.id)
    for (const variants of [1, 5, 2.5, '3']) {
      const answer = await call(alice.apiKey, '/videos', { screenplayId: project.screenplayId, variants })
      expect(answer.status, String(variants)).toBe(422)
      expect(answer.body.errors.map((e: { field: string }) => e.field)).toContain('variants')
    }
    expect(counted(alice.id)).toBe(before)
  })

  it('another person’s screenplay is a 404, and nothing is made', async () => {
    const mallory = await newRenderUser(app, 'creator')
    const answer = await call(mallory.apiKey, '/videos', { screenplayId: project.screenplayId, variants: 3 })
    expect(answer.status).toBe(404)
    expect(counted(mallory.id)).toBe(0)
    expect(app.db.select().from(videos).where(eq(videos.userId, mallory.id)).all()).toEqual([])
  })

  it('with fewer videos left than asked: 403 with the reason, in the caller’s language, nothing made', async () => {
    const bob = await newRenderUser(app, 'free')
    const own = await makeBrief(app, bob.id)
    submitRender(app.db, bob.id, own.screenplayId, 'kling-v2-1')
    const answer = await call(bob.apiKey, '/videos', { screenplayId: own.screenplayId, variants: 3 })
    expect(answer.status).toBe(403)
    expect(answer.body).toMatchObject({ needed: 3, left: 2, used: 1, quota: 3 })
    expect(answer.body.type).toContain('quota-exceeded') // the same type as a single render's refusal
    expect(answer.body.detail).toMatch(
      /^Making 3 variants uses 3 videos, and 2 are left this month \(1 of 3 used\)\. The quota resets at .+Z\. Nothing was started\.$/,
    )
    const zh = await call(
      bob.apiKey,
      '/videos',
      { screenplayId: own.screenplayId, variants: 3 },
      {
        'accept-language': 'zh-CN',
      },
    )
    expect(zh.body.detail).toContain('生成 3 个变体需要 3 个视频')
    expect(counted(bob.id)).toBe(1)
    // Two variants still fit.
    expect((await call(bob.apiKey, '/videos', { screenplayId: own.screenplayId, variants: 2 })).status).toBe(202)
    expect(counted(bob.id)).toBe(3)
  })

  it('the one-call multipart takes variants inside the brief', async () => {
    const carol = await newRenderUser(app, 'creator')
    const form = new FormData()
    form.append('image', new File([new Uint8Array(await productPhoto())], 'aura.jpg', { type: 'image/jpeg' }))
    form.append(
      'brief',
      JSON.stringify({
        productName: 'Aura X2 Headphones',
        description: 'Wireless over-ear headphones with adaptive noise cancelling.',
        sellingPoints: ['40-hour battery life', 'Folds flat'],
        audience: 'Commuters and frequent flyers',
        callToAction: 'Shop now',
        variants: 3,
      }),
    )
    const answer = await call(carol.apiKey, '/videos', form)
    expect(answer.status).toBe(202)
    expect(answer.body.data).toHaveLength(3)
    expect(new Set(answer.body.data.map((v: { briefId: string }) => v.briefId)).size).toBe(1)
    expect(counted(carol.id)).toBe(3)

    const bad = new FormData()
    bad.append('image', new File([new Uint8Array(await productPhoto())], 'aura.jpg', { type: 'image/jpeg' }))
    bad.append(
      'brief',
      JSON.stringify({
        productName: 'Aura X2 Headphones',
        description: 'Wireless over-ear headphones.',
        sellingPoints: ['Folds flat'],
        audience: 'Commuters',
        callToAction: 'Shop now',
        variants: 9,
      }),
    )
    const refused = await call(carol.apiKey, '/videos', bad)
    expect(refused.status).toBe(422)
    expect(refused.body.errors.map((e: { field: string }) => e.field)).toContain('brief.variants')
  })

  it('the OpenAPI document describes variants and the list answer', async () => {
    const doc = (await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as any
    expect(doc.components.schemas.VideoCreate.properties.variants).toMatchObject({ minimum: 2, maximum: 4 })
    expect(doc.components.schemas.VideoVariants.properties.data.type).toBe('array')
    expect(doc.paths['/videos'].post.description).toContain('"variants": 2–4')
  })
})
