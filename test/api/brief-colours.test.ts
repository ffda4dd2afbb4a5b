// A brief's colours through the API's PATCH: set, kept when other fields change, cleared with null
// (back to the brand kit's, or the default), and a bad value refused with the field named, nothing
// lost. Every answer is checked against the published OpenAPI document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp, type TestApp } from '../support/app.js'
import { ContractChecker } from '../support/contract.js'
import { makeBrief, newRenderUser, type RenderUser } from '../support/render.js'

let app: TestApp
let contract: ContractChecker
let alice: RenderUser
let briefId: string

beforeAll(async () => {
  app = await startTestApp()
  contract = new ContractChecker((await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as never)
  alice = await newRenderUser(app, 'creator')
  briefId = (await makeBrief(app, alice.id)).briefId
})
afterAll(async () => {
  await app?.close()
})

async function call(method: 'GET' | 'PATCH', body?: unknown) {
  const url = `${app.url}/api/v1/briefs/${briefId}`
  const headers: Record<string, string> = { authorization: `Bearer ${alice.apiKey}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, body: (await contract.check(method, url, res)) as any }
}

describe('a brief’s colours over PATCH', () => {
  it('sets them, keeps them when other fields change, and clears each with null', async () => {
    const set = await call('PATCH', { accentColor: '#00AA55', brandColor: '#112233' })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({ accentColor: '#00AA55', brandColor: '#112233' })

    const other = await call('PATCH', { productName: 'Halo Lamp Two' })
    expect(other.status).toBe(200)
    expect(other.body).toMatchObject({ productName: 'Halo Lamp Two', accentColor: '#00AA55', brandColor: '#112233' })

    const cleared = await call('PATCH', { accentColor: null })
    expect(cleared.status).toBe(200)
    expect(cleared.body.accentColor).toBeUndefined()
    expect(cleared.body.brandColor).toBe('#112233')
    expect((await call('GET')).body.accentColor).toBeUndefined()

    const both = await call('PATCH', { brandColor: null })
    expect(both.status).toBe(200)
    expect(both.body.brandColor).toBeUndefined()
  })

  it('refuses a colour that is not #RRGGBB, naming the field, and keeps the saved one', async () => {
    expect((await call('PATCH', { accentColor: '#ABCDEF' })).status).toBe(200)
    const bad = await call('PATCH', { accentColor: 'green' })
    expect(bad.status).toBe(422)
    expect(JSON.stringify(bad.body)).toContain('accentColor')
    expect((await call('GET')).body.accentColor).toBe('#ABCDEF')
  })
})
