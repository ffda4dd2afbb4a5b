// The library: the user's videos newest first, twelve a page, each with poster, status, length and date.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { VideoStatus } from '../../db/states.js'
import { saveScreenplayVersion } from '../../src/briefs/screenplays.js'
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

type Card = { id: string; title: string; poster: boolean; meta: string; li: string }
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
        li,
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
      // Issue 23: the screenplay version too, so takes of one brief tell apart.
      expect(card.meta).toBe(
        `${LABELS[v.status]} · ${v.lengthSeconds} s · ${v.aspectRatio} · version 1 · ${date.format(v.createdAt)}`,
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

describe('cards that tell videos apart (issue 23)', () => {
  it('draws the poster at its own ratio with a play mark, the format and the length on it', async () => {
    const shown = [
      ...cards(await (await alice.client.get('/videos')).text()),
      ...cards(await (await alice.client.get('/videos?page=2')).text()),
    ]
    const sizes: Record<string, string> = {
      '9:16': 'width="90" height="160"',
      '16:9': 'width="160" height="90"',
      '1:1': 'width="160" height="160"',
    }
    shown.forEach((card, i) => {
      const v = expected[i]!
      if (v.status === 'done') {
        expect(card.li).toContain(sizes[v.aspectRatio])
        expect(card.li).toContain('class="play-mark"')
        expect(card.li).toContain(`href="/videos/${v.id}/video.mp4?download=1"`)
      } else {
        expect(card.li).not.toContain('class="play-mark"')
        expect(card.li).not.toContain('video.mp4')
      }
      expect(card.li).toContain(`<span class="frame-badge frame-format" aria-hidden="true">${v.aspectRatio}</span>`)
      expect(card.li).toContain(`<span class="frame-badge frame-length" aria-hidden="true">0:${v.lengthSeconds}</span>`)
      expect(card.li).toContain(`action="/videos/${v.id}/delete"`)
    })
    // No 4:3 crop left in the style sheet for video posters.
    const css = await (await fetch(`${app.url}/static/app.css`)).text()
    expect(css).toMatch(/\.video-poster \{[^}]*object-fit: contain/)
  })

  it('numbers each card by the screenplay version it was made from', async () => {
    const dora = await newRenderUser(app)
    const project = await makeBrief(app, dora.id)
    const v2 = saveScreenplayVersion(app.db, dora.id, project.briefId, project.screenplay)
    insertVideo(app, dora.id, project, { title: 'Take one', createdAt: START })
    insertVideo(app, dora.id, { ...project, screenplayId: v2.id }, { title: 'Take two', createdAt: START + DAY })
    const shown = cards(await (await dora.client.get('/videos')).text())
    expect(shown.map((c) => [c.title, /version (\d+)/.exec(c.meta)?.[1]])).toEqual([
      ['Take two', '2'],
      ['Take one', '1'],
    ])
  })

  it("deletes from the card: asks first without JavaScript, then removes it; never another person's", async () => {
    const erin = await newRenderUser(app)
    const project = await makeBrief(app, erin.id)
    const video = insertVideo(app, erin.id, project, { title: 'To delete' })
    // A plain post without the confirmation gets the question, nothing deleted.
    const asked = await erin.client.postForm(`/videos/${video.id}/delete`, {})
    expect(asked.status).toBe(200)
    expect(await asked.text()).toContain('Delete this video?')
    expect((await erin.client.get(`/videos/${video.id}`)).status).toBe(200)
    // Someone else, confirmed: the same 404 as for a random id, and the video stays.
    const stranger = await alice.client.postForm(`/videos/${video.id}/delete`, { confirm: 'yes' })
    expect(stranger.status).toBe(404)
    expect((await erin.client.get(`/videos/${video.id}`)).status).toBe(200)
    const done = await erin.client.postForm(`/videos/${video.id}/delete`, { confirm: 'yes' })
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe('/videos?deleted=1')
    expect((await erin.client.get(`/videos/${video.id}`)).status).toBe(404)
    expect(await (await erin.client.get('/videos?deleted=1')).text()).toContain('The video was deleted.')
  })
})

describe('a video page links its screenplay and the other videos of its brief', () => {
  it("links the screenplay version it was made from, and lists the brief's videos with this one marked", async () => {
    const finn = await newRenderUser(app)
    const project = await makeBrief(app, finn.id)
    const other = await makeBrief(app, finn.id)
    const a = insertVideo(app, finn.id, project, { title: 'Lamp', aspectRatio: '9:16', createdAt: START })
    const b = insertVideo(app, finn.id, project, { title: 'Lamp', aspectRatio: '1:1', createdAt: START + DAY })
    const elsewhere = insertVideo(app, finn.id, other, { title: 'Other brief' })
    const html = await (await finn.client.get(`/videos/${a.id}`)).text()
    expect(html).toContain(`href="/briefs/${project.briefId}/screenplay?version=1"`)
    expect(html).toContain('Screenplay, version 1')
    const list = /data-testid="from-brief">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? ''
    expect(list).toContain('Videos from this brief')
    expect(list).toContain(`<a href="/videos/${a.id}" aria-current="page">`)
    expect(list).toContain(`<a href="/videos/${b.id}">`)
    expect(list).not.toContain(elsewhere.id)
    // A brief with one video has nothing to list.
    expect(await (await finn.client.get(`/videos/${elsewhere.id}`)).text()).not.toContain('data-testid="from-brief"')
  })
})

describe('downloaded files tell takes apart (issue 23)', () => {
  it('names the file after the product, format, length and screenplay version', async () => {
    const gus = await newRenderUser(app)
    const project = await makeBrief(app, gus.id)
    const v2 = saveScreenplayVersion(app.db, gus.id, project.briefId, project.screenplay)
    const names: string[] = []
    for (const [screenplayId, aspectRatio, lengthSeconds] of [
      [project.screenplayId, '9:16', 30],
      [v2.id, '9:16', 30],
      [v2.id, '1:1', 15],
    ] as const) {
      const video = insertVideo(
        app,
        gus.id,
        { ...project, screenplayId },
        { title: 'Halo Desk Lamp', aspectRatio, lengthSeconds },
      )
      const res = await gus.client.get(`/videos/${video.id}/video.mp4?download=1`)
      expect(res.status).toBe(200)
      await res.arrayBuffer()
      names.push(res.headers.get('content-disposition') ?? '')
    }
    expect(names).toEqual([
      `attachment; filename="halo-desk-lamp-9x16-30s-v1.mp4"; filename*=UTF-8''Halo%20Desk%20Lamp-9x16-30s-v1.mp4`,
      `attachment; filename="halo-desk-lamp-9x16-30s-v2.mp4"; filename*=UTF-8''Halo%20Desk%20Lamp-9x16-30s-v2.mp4`,
      `attachment; filename="halo-desk-lamp-1x1-15s-v2.mp4"; filename*=UTF-8''Halo%20Desk%20Lamp-1x1-15s-v2.mp4`,
    ])
  })

  it('keeps a Chinese name in filename* (RFC 5987) beside an ASCII fallback', async () => {
    const hana = await newRenderUser(app)
    const project = await makeBrief(app, hana.id)
    const video = insertVideo(app, hana.id, project, { title: '光環檯燈', aspectRatio: '16:9', lengthSeconds: 15 })
    const res = await hana.client.get(`/videos/${video.id}/video.mp4?download=1`)
    await res.arrayBuffer()
    const disposition = res.headers.get('content-disposition') ?? ''
    expect(disposition).toMatch(/^attachment; filename="lumina-video-16x9-15s-v1\.mp4"; filename\*=UTF-8''/)
    expect(decodeURIComponent(disposition.split("UTF-8''")[1]!)).toBe('光環檯燈-16x9-15s-v1.mp4')
  })
})
