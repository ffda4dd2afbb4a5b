import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { validate } from '@readme/openapi-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rotateApiKey } from '../../src/accounts/api-keys.js'
import { mailContext } from '../../src/accounts/notices.js'
import { findUser } from '../../src/accounts/service.js'
import { SlidingWindowLimiter } from '../../src/http/rate-limit.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { ContractChecker } from '../support/contract.js'
import { png } from '../support/images.js'
import { insertVideo, makeBrief, newRenderUser, productPhoto, type RenderUser } from '../support/render.js'
import { fileForm, toneFile } from '../tracks/fixtures.js'

// The API over real HTTP on a temporary database, every response checked against the published
// OpenAPI document. Renders are queued here but not run (no worker): test/api/render.test.ts
// renders for real.

let app: TestApp
let contract: ContractChecker
let alice: RenderUser
let bob: RenderUser
let doc: { paths: Record<string, Record<string, unknown>> }

beforeAll(async () => {
  app = await startTestApp()
  alice = await newRenderUser(app)
  bob = await newRenderUser(app)
  doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json()
  contract = new ContractChecker(doc as never)
})
afterAll(async () => {
  await app.close()
})

type Call = { status: number; body: any; res: Response }

async function call(key: string | null, method: string, path: string, body?: unknown): Promise<Call> {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {}
  let payload: BodyInit | undefined
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const url = `${app.url}/api/v1${path}`
  const res = await fetch(url, { method, headers, body: payload })
  const parsed = await contract.check(method, url, res)
  return { status: res.status, body: parsed ?? (await res.arrayBuffer()), res }
}

const photoForm = async () => {
  const form = new FormData()
  form.append('image', new File([new Uint8Array(await productPhoto())], 'aura.jpg', { type: 'image/jpeg' }))
  return form
}

const briefBody = {
  productName: 'Aura X2 Headphones',
  description: 'Wireless over-ear headphones with adaptive noise cancelling.',
  sellingPoints: ['40-hour battery life', 'Folds flat'],
  audience: 'Commuters and frequent flyers',
  callToAction: 'Shop now',
}

describe('the OpenAPI document', () => {
  it('is served without a key and passes a third-party OpenAPI 3.1 validator', async () => {
    const res = await fetch(`${app.url}/api/v1/openapi.json`)
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.openapi).toBe('3.1.0')
    expect(body.components.securitySchemes.apiKey).toMatchObject({ type: 'http', scheme: 'bearer' })
    await expect(validate(structuredClone(body))).resolves.toMatchObject({ valid: true })
  })

  it('documents every route the API answers', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
    expect(operations).toEqual(
      expect.arrayContaining([
        'get /me',
        'get /usage',
        'get /export',
        'post /images',
        'get /images/{id}',
        'get /images/{id}/file',
        'delete /images/{id}',
        'post /briefs',
        'get /briefs',
        'get /briefs/{id}',
        'patch /briefs/{id}',
        'delete /briefs/{id}',
        'post /briefs/{id}/screenplays',
        'get /briefs/{id}/screenplays',
        'get /screenplays/{id}',
        'post /videos',
        'get /videos',
        'get /videos/{id}',
        'get /videos/{id}/file',
        'get /videos/{id}/poster',
        'post /videos/{id}/cancel',
        'delete /videos/{id}',
      ]),
    )
  })
})

describe('a program making a video, step by step', () => {
  it('uploads a photo, writes a brief, saves screenplays and queues renders up to the quota', async () => {
    const image = await call(alice.apiKey, 'POST', '/images', await photoForm())
    expect(image.status).toBe(201)
    expect(image.body).toMatchObject({ id: expect.any(String), width: 640, height: 480 })
    expect((await call(alice.apiKey, 'GET', `/images/${image.body.id}`)).body).toEqual(image.body)
    const file = await call(alice.apiKey, 'GET', `/images/${image.body.id}/file`)
    expect(file.res.headers.get('content-type')).toBe('image/jpeg')

    const brief = await call(alice.apiKey, 'POST', '/briefs', { ...briefBody, imageId: image.body.id })
    expect(brief.status).toBe(201)
    // Left out: the form's defaults.
    expect(brief.body).toMatchObject({
      tone: 'premium',
      template: 'hero-reveal',
      aspectRatio: '9:16',
      lengthSeconds: 30,
    })
    expect(brief.body).toMatchObject({ language: 'en', imageId: image.body.id, productName: 'Aura X2 Headphones' })

    const patched = await call(alice.apiKey, 'PATCH', `/briefs/${brief.body.id}`, { lengthSeconds: 15, tone: 'warm' })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ lengthSeconds: 15, tone: 'warm', productName: 'Aura X2 Headphones' })
    // Music: the defaults when left out; a PATCH of one keeps the other; an unknown track is refused.
    expect(brief.body).toMatchObject({ music: 'auto', musicVolume: 'normal' })
    const music = await call(alice.apiKey, 'PATCH', `/briefs/${brief.body.id}`, { music: 'bubblegum' })
    expect(music.body).toMatchObject({ music: 'bubblegum', musicVolume: 'normal', tone: 'warm' })
    const quiet = await call(alice.apiKey, 'PATCH', `/briefs/${brief.body.id}`, { musicVolume: 'quiet' })
    expect(quiet.body).toMatchObject({ music: 'bubblegum', musicVolume: 'quiet' })
    expect((await call(alice.apiKey, 'PATCH', `/briefs/${brief.body.id}`, { music: 'jazz' })).status).toBe(422)

    const written = await call(alice.apiKey, 'POST', `/briefs/${brief.body.id}/screenplays`)
    expect(written.status).toBe(201)
    expect(written.body).toMatchObject({ version: 1, lengthSeconds: 15, template: 'hero-reveal', take: 0 })

    const shots = written.body.shots.map((s: any) => ({ ...s, caption: `Edited ${s.index}` }))
    const edited = await call(alice.apiKey, 'POST', `/briefs/${brief.body.id}/screenplays`, { shots })
    expect(edited.status).toBe(201)
    expect(edited.body.version).toBe(2)
    expect(edited.body.shots.map((s: any) => s.caption)).toEqual(shots.map((s: any) => s.caption))

    const versions = await call(alice.apiKey, 'GET', `/briefs/${brief.body.id}/screenplays`)
    expect(versions.body.data.map((v: any) => v.version)).toEqual([2, 1])
    expect((await call(alice.apiKey, 'GET', `/screenplays/${edited.body.id}`)).body).toEqual(edited.body)

    const queued = []
    for (let i = 0; i < 3; i++) {
      const video = await call(alice.apiKey, 'POST', '/videos', { screenplayId: edited.body.id })
      expect(video.status).toBe(202)
      expect(video.res.headers.get('location')).toBe(`/api/v1/videos/${video.body.id}`)
      expect(video.body).toMatchObject({ status: 'queued', fileUrl: null, aspectRatio: '9:16', lengthSeconds: 15 })
      expect(video.body.shots.map((s: any) => s.caption)).toEqual(shots.map((s: any) => s.caption))
      queued.push(video.body)
    }
    const over = await call(alice.apiKey, 'POST', '/videos', { screenplayId: edited.body.id })
    expect(over.status).toBe(403)
    expect(over.body).toMatchObject({ type: '/docs/api#problem-quota-exceeded', used: 3, quota: 3 })
    expect(Date.parse(over.body.resetsAt)).toBeGreaterThan(Date.now())

    const me = await call(alice.apiKey, 'GET', '/me')
    expect(me.body.usage).toMatchObject({ videosThisMonth: 3, monthlyQuota: 3, videosLeft: 0 })
    const usage = await call(alice.apiKey, 'GET', '/usage')
    expect(usage.body.videosCounted).toBe(3)
    const exported = await call(alice.apiKey, 'GET', '/export')
    expect(exported.status).toBe(200)
    expect(Buffer.from(exported.body as ArrayBuffer).toString('latin1')).toContain('lumina-export.json')

    const canceled = await call(alice.apiKey, 'POST', `/videos/${queued[0].id}/cancel`)
    expect(canceled.status).toBe(200)
    expect(canceled.body.status).toBe('canceled')
    expect((await call(alice.apiKey, 'POST', `/videos/${queued[0].id}/cancel`)).status).toBe(409)

    const onlyQueued = await call(alice.apiKey, 'GET', '/videos?status=queued')
    expect(onlyQueued.body.data.map((v: any) => v.id).sort()).toEqual([queued[1].id, queued[2].id].sort())
    expect((await call(alice.apiKey, 'DELETE', `/videos/${queued[1].id}`)).status).toBe(204)
    expect((await call(alice.apiKey, 'GET', `/videos/${queued[1].id}`)).status).toBe(404)

    expect((await call(alice.apiKey, 'DELETE', `/images/${image.body.id}`)).status).toBe(409)
    expect((await call(alice.apiKey, 'DELETE', `/briefs/${brief.body.id}`)).status).toBe(204)

    // A photo no brief uses can go.
    const spare = new FormData()
    spare.append('image', new File([new Uint8Array(await png(500, 400))], 'spare.png', { type: 'image/png' }))
    const unused = await call(alice.apiKey, 'POST', '/images', spare)
    expect(unused.status).toBe(201)
    expect((await call(alice.apiKey, 'DELETE', `/images/${unused.body.id}`)).status).toBe(204)
    expect((await call(alice.apiKey, 'GET', `/images/${unused.body.id}`)).status).toBe(404)
    expect((await call(alice.apiKey, 'GET', `/briefs/${brief.body.id}`)).status).toBe(404)
  })

  it('pages through lists with nextCursor, newest first, without repeats', async () => {
    const user = await newRenderUser(app)
    const image = await call(user.apiKey, 'POST', '/images', await photoForm())
    const made: string[] = []
    for (let i = 0; i < 5; i++) {
      const res = await call(user.apiKey, 'POST', '/briefs', {
        ...briefBody,
        productName: `P${i}`,
        imageId: image.body.id,
      })
      made.push(res.body.id)
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: Call = await call(user.apiKey, 'GET', `/briefs?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(page.body.data.length).toBeLessThanOrEqual(2)
      seen.push(...page.body.data.map((b: any) => b.id))
      cursor = page.body.nextCursor
    } while (cursor)
    expect(seen).toEqual([...made].reverse())
    expect((await call(user.apiKey, 'GET', '/briefs?cursor=not-ours')).status).toBe(422)
  })

  it('names each invalid field in a 422 problem, and stores nothing', async () => {
    const image = await call(bob.apiKey, 'POST', '/images', await photoForm())
    const bad = await call(bob.apiKey, 'POST', '/briefs', {
      ...briefBody,
      productName: '',
      lengthSeconds: 17,
      imageId: image.body.id,
    })
    expect(bad.status).toBe(422)
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['lengthSeconds', 'productName'])
    const noImage = await call(bob.apiKey, 'POST', '/briefs', { ...briefBody, imageId: crypto.randomUUID() })
    expect(noImage.status).toBe(422)
    expect(noImage.body.errors).toEqual([{ field: 'imageId', message: expect.stringContaining('no image') }])
    expect((await call(bob.apiKey, 'GET', '/briefs')).body.data).toEqual([])

    const brief = await call(bob.apiKey, 'POST', '/briefs', { ...briefBody, imageId: image.body.id })
    const written = await call(bob.apiKey, 'POST', `/briefs/${brief.body.id}/screenplays`)
    const blank = written.body.shots.map((s: any, i: number) => (i === 1 ? { ...s, prompt: '<b></b>' } : s))
    const refused = await call(bob.apiKey, 'POST', `/briefs/${brief.body.id}/screenplays`, { shots: blank })
    expect(refused.status).toBe(422)
    expect(refused.body.errors).toEqual([{ field: 'shots.1.prompt', message: 'Describe what this shot shows.' }])
    expect((await call(bob.apiKey, 'GET', `/briefs/${brief.body.id}/screenplays`)).body.data).toHaveLength(1)

    const notAnImage = new FormData()
    notAnImage.append('image', new File([Buffer.from('hello')], 'x.jpg', { type: 'image/jpeg' }))
    const rejected = await call(bob.apiKey, 'POST', '/images', notAnImage)
    expect(rejected.status).toBe(422)
    expect(rejected.body.errors[0].field).toBe('image')
    expect((await call(bob.apiKey, 'GET', '/usage?month=2026-13')).status).toBe(422)
  })

  it('serves a finished video and its poster, with Range', async () => {
    const project = await makeBrief(app, alice.id)
    const video = insertVideo(app, alice.id, project, { status: 'done' })
    const shown = await call(alice.apiKey, 'GET', `/videos/${video.id}`)
    expect(shown.body.status).toBe('succeeded')
    expect(new URL(shown.body.fileUrl).pathname).toBe(`/api/v1/videos/${video.id}/file`)
    expect(shown.body.shots.every((s: any) => s.status === 'succeeded' && s.percent === 100)).toBe(true)
    const ranged = await fetch(`${app.url}${new URL(shown.body.fileUrl).pathname}`, {
      headers: { authorization: `Bearer ${alice.apiKey}`, range: 'bytes=0-9' },
    })
    expect(ranged.status).toBe(206)
    expect((await ranged.arrayBuffer()).byteLength).toBe(10)
    expect((await call(alice.apiKey, 'GET', `/videos/${video.id}/file`)).res.headers.get('content-type')).toBe(
      'video/mp4',
    )
    expect((await call(alice.apiKey, 'GET', `/videos/${video.id}/poster`)).res.headers.get('content-type')).toBe(
      'image/jpeg',
    )
  })
})

describe('the auth matrix, on every documented operation', () => {
  it('401 without a key, with a malformed or a revoked key; 404 for another person’s ids', async () => {
    const owner = await newRenderUser(app)
    const stranger = await newRenderUser(app)
    const project = await makeBrief(app, owner.id)
    const video = insertVideo(app, owner.id, project, { status: 'done' })
    const idFor = (path: string) =>
      path.startsWith('/images')
        ? project.imageId
        : path.startsWith('/briefs')
          ? project.briefId
          : path.startsWith('/screenplays')
            ? project.screenplayId
            : video.id
    const revoked = owner.apiKey
    const current = rotateApiKey(app.db, findUser(app.db, owner.id)!, mailContext(app.deps.config))
    // This walk fails a key lookup ~60 times from one address: lift that limit (tested below).
    app.deps.limits.apiKeyFailures = new SlidingWindowLimiter(10_000, 60_000)
    expect((await call(current, 'GET', '/me')).status).toBe(200)

    const operations = Object.entries(doc.paths).flatMap(([template, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), template })),
    )
    expect(operations.length).toBeGreaterThanOrEqual(21)
    for (const { method, template } of operations) {
      const path = template.replace('{id}', idFor(template))
      const body = method === 'PATCH' || (method === 'POST' && template.includes('{id}')) ? {} : undefined
      for (const key of [null, 'lum_not-a-key', revoked]) {
        const res = await call(key, method, path, body)
        expect(
          res.status,
          `${method} ${template} with ${key === revoked ? 'a revoked' : key ? 'a malformed' : 'no'} key`,
        ).toBe(401)
        expect(res.res.headers.get('www-authenticate')).toMatch(/^Bearer/)
      }
      if (template.includes('{id}')) {
        const res = await call(stranger.apiKey, method, path, body)
        expect(res.status, `${method} ${template} with another person's id`).toBe(404)
      }
    }
    // The owner still has everything the stranger tried to touch.
    expect((await call(current, 'GET', `/videos/${video.id}`)).status).toBe(200)
    expect((await call(current, 'GET', `/briefs/${project.briefId}`)).status).toBe(200)
  })
})

describe('limits', () => {
  it('answers failed key lookups from one address with 429 after ten, while a valid key still works', async () => {
    app.deps.limits.apiKeyFailures = new SlidingWindowLimiter(10, 15 * 60_000)
    const statuses = []
    for (let i = 0; i < 11; i++) statuses.push((await call(`lum_${'x'.repeat(43)}`, 'GET', '/me')).status)
    expect(statuses).toEqual([...Array(10).fill(401), 429])
    const refused = await call(null, 'GET', '/me')
    expect(refused.status).toBe(429)
    expect(Number(refused.res.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await call(alice.apiKey, 'GET', '/me')).status).toBe(200)
  })

  it('sends RateLimit headers and a 429 with Retry-After past a key’s limit', async () => {
    const user = await newRenderUser(app)
    const first = await call(user.apiKey, 'GET', '/me')
    const limit = Number(first.res.headers.get('ratelimit-limit'))
    expect(limit).toBeGreaterThan(0)
    expect(Number(first.res.headers.get('ratelimit-remaining'))).toBe(limit - 1)
    expect(Number(first.res.headers.get('ratelimit-reset'))).toBeGreaterThan(0)
    // Uploads and renders have a tighter budget of their own.
    const costly = []
    for (let i = 0; i < 11; i++)
      costly.push(await call(user.apiKey, 'POST', '/videos', { screenplayId: crypto.randomUUID() }))
    expect(costly.slice(0, 10).map((r) => r.status)).toEqual(Array(10).fill(404))
    expect(costly[10]!.status).toBe(429)
    expect(costly[10]!.body.type).toBe('/docs/api#problem-rate-limited')
    expect(Number(costly[10]!.res.headers.get('retry-after'))).toBeGreaterThan(0)
    // Reads are not spent by writes.
    expect((await call(user.apiKey, 'GET', '/me')).status).toBe(200)
  })
})

describe('own music (docs/music.md#a-person-s-own-tracks)', () => {
  it('uploads, lists and deletes a track; a brief chooses it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-api-track-'))
    const song = await toneFile(dir, 'api-theme', { seconds: 6, ext: 'wav' })
    const made = await call(alice.apiKey, 'POST', '/tracks', fileForm(song, 'audio/wav'))
    expect(made.status).toBe(201)
    const listed = await call(alice.apiKey, 'GET', '/tracks')
    expect(listed.body.data[0].id).toBe(made.body.id)
    const brief = await makeBrief(app, alice.id)
    const chose = await call(alice.apiKey, 'PATCH', `/briefs/${brief.briefId}`, { music: made.body.music })
    expect(chose.body.music).toBe(`track:${made.body.id}`)
    expect((await call(alice.apiKey, 'DELETE', `/tracks/${made.body.id}`)).status).toBe(204)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe('the contract', () => {
  it('has checked a successful answer of every documented operation against the document (this file’s calls)', () => {
    const succeeded = new Set(
      [...contract.seen].filter((s) => /\s2\d\d$/.test(s)).map((s) => s.split(' ').slice(0, 2).join(' ')),
    )
    const missing = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .filter((op) => !succeeded.has(op) && !op.includes('/webhook') && !op.includes('/brand'))
    // The webhook routes are walked by test/api/webhooks.test.ts, the brand kit's by
    // test/api/brand.test.ts; the rest must all appear here.
    expect(missing).toEqual([])
  })
})
