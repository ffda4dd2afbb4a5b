// The library: the user's videos newest first, twelve a page, each with poster, status, length and date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VideoStatus } from '../../db/states.js'
import { decodeHtml } from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { insertVideo, makeBrief, newRenderUser, type RenderUser } from '../support/render.js'

let app: TestApp
let alice: RenderUser
/** Newest first, as the library must list them. */
let expected: Array<{
  id: string
  status: string
  createdAt: number
  lengthSeconds: number
  title: string
  aspectRatio: string
}>

const STATUSES: VideoStatus[] = ['done', 'failed', 'canceled', 'rendering', 'queued', 'done', 'done']
const LABELS: Record<string, string> = {
  done: 'Ready',
  failed: 'Failed',
  canceled: 'Canceled',
  rendering: 'Rendering shots',
  queued: 'Queued',
}
const DAY = 24 * 3600_000
const START = Date.UTC(2026, 9, 3, 10, 0) // 3 Oct 2026

type Card = { id: string; title: string; poster: boolean; meta: string }
function cards(html: string): Card[] {
  return html
    .split('<li class="card item-card" data-testid="video-card">')
    .slice(1)
    .map((chunk) => {
      const li = chunk.slice(0, chunk.indexOf('</li>'))
      return {
        id: /<a href="\/videos\/([0-9a-f-]{36})"/.exec(li)?.[1] ?? '',
        title: decodeHtml(/<h2>([^<]*)<\/h2>/.exec(li)?.[1] ?? ''),
        poster: /<img src="\/videos\/[0-9a-f-]{36}\/poster\.jpg"/.test(li),
        meta: decodeHtml(/<p class="muted small">([\s\S]*?)<\/p>/.exec(li)?.[1] ?? '')
          .replace(/<[^>]+>/g, '')
          .replace(/\s+/g, ' ')
          .trim(),
      }
    })
}

beforeAll(async () => {
  app = await startTestApp()
  alice = await newRenderUser(app)
  const bob = await newRenderUser(app)
  const project = await makeBrief(app, alice.id)
  const made = []
  // Inserted in a shuffled order, so newest-first cannot come from insertion order.
  const order = [4, 11, 0, 13, 7, 2, 9, 12, 1, 5, 10, 3, 8, 6]
  for (const i of order) {
    const spec = {
      status: STATUSES[i % STATUSES.length]!,
      createdAt: START + i * DAY + i * 60_000,
      title: `Video number ${i} <b>&</b>`,
      lengthSeconds: i % 2 === 0 ? 15 : 30,
      shots: i % 2 === 0 ? 3 : 6,
      aspectRatio: (['9:16', '16:9', '1:1'] as const)[i % 3]!,
    }
    made.push({ ...insertVideo(app, alice.id, project, spec), ...spec })
  }
  expected = made.sort((a, b) => b.createdAt - a.createdAt).map((v) => ({ ...v }))
  // Someone else's videos never show up.
  const bobs = await makeBrief(app, bob.id)
  for (let i = 0; i < 3; i++) insertVideo(app, bob.id, bobs, { title: 'Bob video', createdAt: START + 30 * DAY })
})
afterAll(async () => {
  await app?.close()
})

describe('the library', () => {
  it('shows the first twelve, newest first, and says how many there are', async () => {
    const html = await (await alice.client.get('/videos')).text()
    expect(html).toContain('14 videos, newest first')
    expect(cards(html).map((c) => c.id)).toEqual(expected.slice(0, 12).map((v) => v.id))
    expect(html).not.toContain('Bob video')
  })

  it('pages on to the two oldest, with links both ways', async () => {
    const first = await (await alice.client.get('/videos')).text()
    expect(first).toContain('Page 1 of 2')
    expect(first).toContain('href="/videos?page=2"')
    expect(first).not.toContain('href="/videos?page=0"')
    const second = await (await alice.client.get('/videos?page=2')).text()
    expect(second).toContain('Page 2 of 2')
    expect(second).toContain('href="/videos?page=1"')
    expect(second).not.toContain('href="/videos?page=3"')
    expect(cards(second).map((c) => c.id)).toEqual(expected.slice(12).map((v) => v.id))
  })

  it('past the last page: no card, still the whole count and the way back', async () => {
    // Page 3 has no row to carry the count (src/render/library.ts asks for it separately).
    const html = await (await alice.client.get('/videos?page=3')).text()
    expect(cards(html)).toHaveLength(0)
    expect(html).toContain('14 videos, newest first')
    expect(html).toContain('This page is past the end of your library.')
  })

  it('shows each video’s poster (when done), title, status, length, aspect and date', async () => {
    const shown = [
      ...cards(await (await alice.client.get('/videos')).text()),
      ...cards(await (await alice.client.get('/videos?page=2')).text()),
    ]
    expect(shown).toHaveLength(14)
    const date = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    shown.forEach((card, i) => {
      const v = expected[i]!
      expect(card.title).toBe(v.title)
      expect(card.poster, `${v.status} poster`).toBe(v.status === 'done')
      expect(card.meta).toBe(
        `${LABELS[v.status]} · ${v.lengthSeconds} s · ${v.aspectRatio} · ${date.format(v.createdAt)}`,
      )
    })
    // Dates as people read them, e.g. "16 Oct 2026".
    expect(shown[0]!.meta).toMatch(/\d{1,2} [A-Z][a-z]{2} 2026$/)
  })

  it('rejects a page number that is not one', async () => {
    for (const q of ['0', '-1', 'abc', '1.5', '100000'])
      expect((await alice.client.get(`/videos?page=${q}`)).status, q).toBe(404)
  })

  it('starts empty for a new user, pointing at the projects', async () => {
    const carol = await newRenderUser(app)
    const html = await (await carol.client.get('/videos')).text()
    expect(html).toContain('No videos yet')
    expect(html).toContain('0 videos, newest first')
    expect(html).not.toContain('class="pagination"')
  })
})
