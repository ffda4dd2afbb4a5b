import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { signUpUser } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'

let app: TestApp
beforeEach(async () => {
  app = await startTestApp()
})
afterEach(async () => {
  await app.close()
})

const me = (key: string | null, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/v1/me`, { headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers } })

async function expectProblem(res: Response, status: number) {
  expect(res.status).toBe(status)
  expect(res.headers.get('content-type')).toBe('application/problem+json')
  const body = (await res.json()) as { type: string; title: string; status: number; errors: unknown[] }
  expect(body.status).toBe(status)
  expect(body.title).toBeTruthy()
  expect(Array.isArray(body.errors)).toBe(true)
  return body
}

describe('API key authentication', () => {
  it('returns the profile for a valid key', async () => {
    const { apiKey, email } = await signUpUser(app)
    const res = await me(apiKey)
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, any>
    expect(body.email).toBe(email)
    expect(body.plan).toEqual({ id: 'free', name: 'Free', monthlyVideos: 3, concurrentRenders: 1 })
    expect(body.usage.videosThisMonth).toBe(0)
    expect(body.usage.monthlyQuota).toBe(3)
    expect(body.apiKeyPrefix).toBe(apiKey.slice(0, 12))
    expect(JSON.stringify(body)).not.toContain(apiKey)
  })

  it('answers 401 problem+json without a key, with a malformed header, or with an unknown key', async () => {
    const { apiKey } = await signUpUser(app)
    const missing = await me(null)
    expect(missing.headers.get('www-authenticate')).toMatch(/^Bearer/)
    await expectProblem(missing, 401)
    await expectProblem(await me(null, { authorization: `Basic ${apiKey}` }), 401)
    await expectProblem(await me(`lum_${'A'.repeat(43)}`), 401)
    await expectProblem(await me('lum_short'), 401)
  })

  it('ignores the session cookie on the API', async () => {
    const { client } = await signUpUser(app)
    const res = await client.get('/api/v1/me')
    await expectProblem(res, 401)
  })

  it('rotating revokes the old key at once and reveals the new one once', async () => {
    const { client, apiKey } = await signUpUser(app)
    const res = await client.postForm('/account/api-key', { confirm: 'yes' })
    expect(res.status).toBe(303)
    const page = await (await client.get('/account')).text()
    const newKey = /value="(lum_[A-Za-z0-9_-]{43})"/.exec(page)?.[1]
    expect(newKey).toBeDefined()
    expect(newKey).not.toBe(apiKey)
    await expectProblem(await me(apiKey), 401)
    expect((await me(newKey!)).status).toBe(200)
    expect(await (await client.get('/account')).text()).not.toContain(newKey!)
  })

  it('answers unknown API paths with problem+json', async () => {
    const { apiKey } = await signUpUser(app)
    await expectProblem(await fetch(`${app.url}/api/v1/nope`, { headers: { authorization: `Bearer ${apiKey}` } }), 404)
    await expectProblem(await fetch(`${app.url}/api/nope`), 404)
  })

  it('rotation needs the browser session and our origin', async () => {
    const { client, apiKey } = await signUpUser(app)
    const crossSite = await client.postForm('/account/api-key', {}, { origin: 'https://evil.example' })
    expect(crossSite.status).toBe(403)
    expect((await me(apiKey)).status).toBe(200)
    const anonymous = await new BrowserClient(app.url).postForm('/account/api-key')
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toBe('/signin')
  })
})
