// The list of briefs: most recently changed first, twelve a page like the library (a Studio plan
// keeps up to 500), and the same list through the API, paged by its cursor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveProductImage } from '../../src/briefs/images.js'
import { createBrief } from '../../src/briefs/service.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { briefInput, newRenderUser, productPhoto, type RenderUser } from '../support/render.js'
import { decodeHtml } from './helpers.js'

let app: TestApp
let alice: RenderUser
/** Alice's briefs as the list must show them: most recently changed first, ties by id. */
let expected: Array<{ id: string; name: string; updatedAt: number }>

const DAY = 24 * 3600_000
const START = Date.UTC(2026, 9, 3, 10, 0)
const COUNT = 26 // three pages of 12; more than the API's default page of 20

async function addBriefs(user: RenderUser, n: number, at: (i: number) => number, name = (i: number) => `Brief ${i}`) {
  const image = await saveProductImage(app.db, app.dataDir, user.id, await productPhoto())
  // Saved in a shuffled order, so the order on the page cannot come from the order of saving.
  const order = Array.from({ length: n }, (_, i) => (i * 7) % n)
  return order.map((i) => {
    const brief = briefSchema.parse(briefInput({ productName: name(i) }))
    const saved = createBrief(app.db, user.id, brief, image.id, at(i))
    return { id: saved.id, name: name(i), updatedAt: at(i) }
  })
}

/** The cards of a page of the list, each by its id and its heading. */
function cards(html: string) {
  return [
    ...html.matchAll(/<a href="\/briefs\/([0-9a-f-]{36})\/screenplay" class="item-link">[\s\S]*?<h2>([^<]*)<\/h2>/g),
  ].map((m) => ({ id: m[1]!, name: decodeHtml(m[2]!) }))
}

beforeAll(async () => {
  app = await startTestApp()
  alice = await newRenderUser(app, 'studio')
  // Two briefs changed at the same moment on each side of the first page's end (ids break the tie).
  const at = (i: number) => START + (COUNT - (i === 11 ? 12 : i)) * DAY
  expected = (await addBriefs(alice, COUNT, at)).sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1))
  const bob = await newRenderUser(app)
  await addBriefs(
    bob,
    3,
    () => START + 100 * DAY,
    () => 'Bob brief',
  )
})
afterAll(async () => {
  await app?.close()
})

describe('the briefs page', () => {
  it('shows the first twelve, most recently changed first, and says how many there are', async () => {
    const html = await (await alice.client.get('/briefs')).text()
    expect(html).toContain('26 briefs, most recently changed first')
    expect(cards(html)).toEqual(expected.slice(0, 12).map(({ id, name }) => ({ id, name })))
    expect(html).not.toContain('Bob brief')
    expect(html).toContain('Page 1 of 3')
    expect(html).toContain('href="/briefs?page=2"')
    expect(html).not.toContain('href="/briefs?page=0"')
  })

  it('pages through every brief once, with links both ways', async () => {
    const seen: string[] = []
    for (let page = 1; page <= 3; page++) {
      const html = await (await alice.client.get(`/briefs?page=${page}`)).text()
      expect(html).toContain(`Page ${page} of 3`)
      if (page > 1) expect(html).toContain(`href="/briefs?page=${page - 1}"`)
      expect(html.includes(`href="/briefs?page=${page + 1}"`)).toBe(page < 3)
      seen.push(...cards(html).map((c) => c.id))
    }
    expect(seen).toEqual(expected.map((b) => b.id))
  })

  it('past the last page: no card, still the whole count and the way back', async () => {
    const html = await (await alice.client.get('/briefs?page=4')).text()
    expect(cards(html)).toHaveLength(0)
    expect(html).toContain('26 briefs, most recently changed first')
    expect(html).toContain('This page is past the end of your briefs.')
    expect(html).toContain('href="/briefs"')
  })

  it('rejects a page number that is not one', async () => {
    for (const q of ['0', '-1', 'abc', '1.5', '100000'])
      expect((await alice.client.get(`/briefs?page=${q}`)).status, q).toBe(404)
  })

  it('starts empty for a new user, without page links', async () => {
    const carol = await newRenderUser(app)
    const html = await (await carol.client.get('/briefs')).text()
    expect(html).toContain('No briefs yet')
    expect(html).toContain('0 briefs, most recently changed first')
    expect(html).not.toContain('class="pagination"')
  })
})

describe('GET /api/v1/briefs', () => {
  const list = async (query: string) => {
    const res = await fetch(`${app.url}/api/v1/briefs${query}`, {
      headers: { authorization: `Bearer ${alice.apiKey}` },
    })
    expect(res.status).toBe(200)
    return (await res.json()) as { data: Array<{ id: string }>; nextCursor: string | null }
  }

  it('answers a page of 20 by default, and the cursor walks every brief once, in the order of the page', async () => {
    const first = await list('')
    expect(first.data.map((b) => b.id)).toEqual(expected.slice(0, 20).map((b) => b.id))
    expect(first.nextCursor).toEqual(expect.any(String))
    const second = await list(`?cursor=${first.nextCursor}`)
    expect(second.data.map((b) => b.id)).toEqual(expected.slice(20).map((b) => b.id))
    expect(second.nextCursor).toBeNull()
    // Pages of 12, as the briefs page shows them: the tie at the end of the first is kept in order.
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(`?limit=12${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...page.data.map((b) => b.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(expected.map((b) => b.id))
  })

  it('documents limit and cursor exactly as GET /videos does', async () => {
    const doc = (await (await fetch(`${app.url}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, { get: { parameters: Array<{ name: string; in: string; schema: unknown }> } }>
    }
    const params = (path: string) =>
      doc.paths[path]!.get.parameters.filter((p) => p.name === 'limit' || p.name === 'cursor')
    expect(params('/briefs').map((p) => p.name)).toEqual(['limit', 'cursor'])
    expect(params('/briefs')).toEqual(params('/videos'))
    const limit = params('/briefs').find((p) => p.name === 'limit')!
    expect(limit.schema).toMatchObject({ minimum: 1, maximum: 100, default: 20 })
  })
})
