// A Refusal (a plan's storage cap, a full disk) is one sentence for a person: a page for the
// browser, RFC 9457 problem+json with the same words, its own type and members for a program.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs } from '../../db/schema.js'
import { StorageFull } from '../../src/accounts/storage-caps.js'
import { saveProductImage } from '../../src/briefs/images.js'
import { createBrief } from '../../src/briefs/service.js'
import { DiskLow } from '../../src/http/disk.js'
import { refusalProblem } from '../../src/http/refusal.js'
import { english, type Said } from '../../src/i18n/said.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { decodeHtml } from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { briefInput, newRenderUser, productPhoto } from '../support/render.js'

const SAID: Said = { key: 'briefs.cap.briefs', values: { plan: 'free', cap: 10, used: 10 } }
const SENTENCE = english(SAID)

let app: TestApp
beforeAll(async () => {
  app = await startTestApp({}, (hono) => {
    hono.get('/api/test/thrown-cap', () => {
      throw new StorageFull('briefs', 10, 10, SAID)
    })
    hono.get('/api/test/thrown-disk', () => {
      throw new DiskLow()
    })
    hono.get('/api/test/mapped', (c) => refusalProblem(c, new StorageFull('videos', 10, 10, SAID)))
    hono.get('/test/thrown-cap', () => {
      throw new StorageFull('briefs', 10, 10, SAID)
    })
  })
})
afterAll(async () => {
  await app?.close()
})

describe('refusals for a program', () => {
  it.each([
    ['/api/test/thrown-cap', 'briefs'],
    ['/api/test/mapped', 'videos'],
  ])('%s: a storage cap is a 403 problem+json with its own type and which cap', async (path, kind) => {
    const res = await fetch(app.url + path)
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(await res.json()).toEqual({
      type: '/docs/api#problem-storage-full',
      title: 'Storage limit reached',
      status: 403,
      detail: SENTENCE,
      errors: [],
      kind,
      used: 10,
      cap: 10,
    })
  })

  it('a full disk is a 507 problem+json', async () => {
    const res = await fetch(`${app.url}/api/test/thrown-disk`)
    expect(res.status).toBe(507)
    expect(await res.json()).toMatchObject({
      type: '/docs/api#problem-insufficient-storage',
      title: 'Server storage is full',
      status: 507,
      detail: expect.stringMatching(/^The server is running out of disk space/),
    })
  })

  it('through the API, one brief over the cap is a 403 storage-full problem, and nothing is written', async () => {
    const user = await newRenderUser(app)
    const image = await saveProductImage(app.db, app.dataDir, user.id, await productPhoto())
    const brief = briefSchema.parse(briefInput())
    for (let i = 0; i < 10; i++) createBrief(app.db, user.id, brief, image.id)
    const res = await fetch(`${app.url}/api/v1/briefs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${user.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...briefInput(), imageId: image.id }),
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({
      type: '/docs/api#problem-storage-full',
      detail:
        'Your Free plan keeps up to 10 briefs, and you have 10. Delete a brief you no longer need, then save this one.',
      kind: 'briefs',
      used: 10,
      cap: 10,
    })
    expect(app.db.select().from(briefs).where(eq(briefs.userId, user.id)).all()).toHaveLength(10)
  })
})

describe('refusals for a person', () => {
  it('an error page answered to htmx with 403 or 507 is not swapped into the part that asked', async () => {
    const thrown = await fetch(`${app.url}/test/thrown-cap`, { headers: { 'hx-request': 'true' } })
    expect(thrown.status).toBe(403)
    expect(thrown.headers.get('hx-reswap')).toBe('none')
    // A form from another site, sent by htmx: refused, and the page that asked stays as it was.
    const crossSite = await fetch(`${app.url}/briefs/${crypto.randomUUID()}/screenplay`, {
      method: 'POST',
      headers: {
        'hx-request': 'true',
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'intent=save',
    })
    expect(crossSite.status).toBe(403)
    expect(crossSite.headers.get('hx-reswap')).toBe('none')
    // Without htmx nothing changes.
    expect((await fetch(`${app.url}/test/thrown-cap`)).headers.get('hx-reswap')).toBeNull()
  })

  it('thrown on a page, it is an error page with the sentence, and is not logged as a failure', async () => {
    const res = await fetch(`${app.url}/test/thrown-cap`)
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const text = decodeHtml(await res.text())
    expect(text).toContain('Storage limit reached')
    expect(text).toContain(SENTENCE)
    expect(app.logs.filter((l) => l.msg === 'unhandled error')).toEqual([])
  })
})
