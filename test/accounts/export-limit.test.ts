// Issue 19 (low): the account page's archive (/account/export.zip), which reads every photo and
// video of the account from disk, had no limit at all while GET /api/v1/export had one. They now
// count on one budget per person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { API_LIMITS } from '../../src/deps.js'
import { FixedWindowLimiter } from '../../src/http/fixed-window.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { newRenderUser } from '../support/render.js'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(() => app.close())

/** A fixed window that never turns over during the test: the counts are the test's alone. */
function frozenBudget() {
  app.deps.limits.api.costly = new FixedWindowLimiter(API_LIMITS.costly, 60_000, () => 30_000)
}

describe('the account page export is limited like the API export', () => {
  it('answers the page with 429, Retry-After and a page saying when, past the per-person budget', async () => {
    frozenBudget()
    const ann = await newRenderUser(app)
    for (let i = 0; i < API_LIMITS.costly; i++) {
      const res = await ann.client.get('/account/export.zip')
      expect(res.status, `download ${i + 1}`).toBe(200)
      await res.arrayBuffer()
    }
    const refused = await ann.client.get('/account/export.zip')
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await refused.text()).toContain('Downloads of your data are limited to a few a minute')
    // Someone else is not affected.
    const ben = await newRenderUser(app)
    expect((await ben.client.get('/account/export.zip')).status).toBe(200)
  })

  it('counts the page and the API together', async () => {
    frozenBudget()
    const cat = await newRenderUser(app)
    const api = () => fetch(`${app.url}/api/v1/export`, { headers: { authorization: `Bearer ${cat.apiKey}` } })
    for (let i = 0; i < API_LIMITS.costly / 2; i++) {
      expect((await (await api()).arrayBuffer()).byteLength).toBeGreaterThan(0)
      expect((await (await cat.client.get('/account/export.zip')).arrayBuffer()).byteLength).toBeGreaterThan(0)
    }
    expect((await api()).status).toBe(429)
    expect((await cat.client.get('/account/export.zip')).status).toBe(429)
  })
})
