// variantGroupId in the API's video JSON (issue 25: "each variant is an ordinary video everywhere
// else"): the videos of one "variants" answer share it, an ordinary video has null, and GET, the
// list and the answer of POST agree, every answer checked against the published OpenAPI document.
// Renders are queued, not run.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { videos } from '../../db/schema.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { ContractChecker } from '../support/contract.js'
import { makeBrief, newRenderUser, type RenderUser } from '../support/render.js'

let app: TestApp
let contract: ContractChecker
let alice: RenderUser
let project: Awaited<ReturnType<typeof makeBrief>>

beforeAll(async () => {
  app = await startTestApp()
  contract = new ContractChecker((await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as never)
  alice = await newRenderUser(app, 'creator')
  project = await makeBrief(app, alice.id)
})
afterAll(async () => {
  await app?.close()
})

async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const url = `${app.url}/api/v1${path}`
  const headers: Record<string, string> = { authorization: `Bearer ${alice.apiKey}` }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  return { status: res.status, body: (await contract.check(method, url, res)) as any }
}

describe('variantGroupId on every video of the API', () => {
  it('is the same id on each video of a variants answer, and the one stored', async () => {
    const made = await call('POST', '/videos', { screenplayId: project.screenplayId, variants: 3 })
    expect(made.status).toBe(202)
    const data = made.body.data as { id: string; variantGroupId: string | null }[]
    expect(data).toHaveLength(3)
    const groups = new Set(data.map((v) => v.variantGroupId))
    expect(groups.size).toBe(1)
    const [group] = groups
    expect(group).toMatch(/^[0-9a-f-]{36}$/)
    const stored = app.db.select().from(videos).where(eq(videos.id, data[0]!.id)).get()
    expect(stored?.variantGroupId).toBe(group)
    for (const video of data) expect((await call('GET', `/videos/${video.id}`)).body.variantGroupId).toBe(group)
    const list = (await call('GET', '/videos')).body.data as { id: string; variantGroupId: string | null }[]
    for (const video of data) expect(list.find((v) => v.id === video.id)?.variantGroupId).toBe(group)
  })

  it('is null on an ordinary video, in its answer, GET and the list', async () => {
    const made = await call('POST', '/videos', { screenplayId: project.screenplayId })
    expect(made.status).toBe(202)
    expect(made.body).toHaveProperty('variantGroupId', null)
    expect((await call('GET', `/videos/${made.body.id}`)).body).toHaveProperty('variantGroupId', null)
    const list = (await call('GET', '/videos')).body.data as { id: string; variantGroupId: string | null }[]
    expect(list.find((v) => v.id === made.body.id)).toHaveProperty('variantGroupId', null)
  })
})
