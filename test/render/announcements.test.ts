// Issue 20: a render's progress is announced to screen readers. The video page has one polite live
// region outside the part htmx swaps every poll; each poll's answer puts only what is new into it
// (out of band), so it is the same element throughout (test/e2e/announcements.test.ts watches that
// in a browser). The poll says which shots its page already shows as done (?shown=).
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { videoShots, videos } from '../../db/schema.js'
import { decodeHtml } from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { insertVideo, makeBrief, newRenderUser, type RenderUser } from '../support/render.js'

let app: TestApp
let user: RenderUser
let project: Awaited<ReturnType<typeof makeBrief>>

beforeAll(async () => {
  app = await startTestApp()
  user = await newRenderUser(app)
  project = await makeBrief(app, user.id)
})
afterAll(async () => {
  await app?.close()
})

function shotDone(videoId: string, ...positions: number[]) {
  for (const position of positions)
    app.db
      .update(videoShots)
      .set({ status: 'done', percent: 100 })
      .where(and(eq(videoShots.videoId, videoId), eq(videoShots.position, position)))
      .run()
}

/** A poll as htmx sends it: the address the swapped part asked for. */
async function poll(url: string) {
  const res = await user.client.get(url, { 'hx-request': 'true' })
  expect(res.status).toBe(200)
  const html = await res.text()
  return {
    res,
    html,
    /** The sentences put in the live region, none when it is left alone. */
    said: [
      ...(/<div id="render-announcer" hx-swap-oob="innerHTML">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '').matchAll(
        /<p>([^<]*)<\/p>/g,
      ),
    ].map((m) => decodeHtml(m[1]!)),
    /** Where the next poll goes (none once finished). */
    next: decodeHtml(/<section id="video-status"[^>]*hx-get="([^"]+)"/.exec(html)?.[1] ?? '') || undefined,
  }
}

describe('the video page while it renders', () => {
  it('has one polite live region, outside the part each poll replaces, and a place for the player', async () => {
    const id = insertVideo(app, user.id, project, { status: 'rendering', shots: 4 }).id
    shotDone(id, 2)
    const html = await (await user.client.get(`/videos/${id}`)).text()
    const regions = [...html.matchAll(/<div id="render-announcer"[^>]*>/g)].map((m) => m[0])
    expect(regions).toEqual([
      '<div id="render-announcer" class="visually-hidden" aria-live="polite" data-testid="render-announcer">',
    ])
    // Empty at first: what the page shows is read as the page; only changes are announced.
    expect(html).toContain('data-testid="render-announcer"></div>')
    const status = /<section id="video-status"[\s\S]*?<\/section>/.exec(html)![0]
    expect(status).not.toContain('render-announcer')
    expect(html.indexOf('id="render-announcer"')).toBeGreaterThan(html.indexOf(status) + status.length)
    // The first poll says the page shows shot 2 as done already.
    expect(decodeHtml(/<section id="video-status"[^>]*hx-get="([^"]+)"/.exec(status)![1]!)).toBe(
      `/videos/${id}/status?shown=2`,
    )
    expect(html).toContain('<div id="video-player"></div>')
    expect(html).toContain('<noscript id="refresh-without-script">')
  })

  it('announces each shot as it is rendered, once, then the end, and puts the player in place', async () => {
    const id = insertVideo(app, user.id, project, { status: 'rendering', shots: 4 }).id
    let next = `/videos/${id}/status?shown=`
    const step = async () => {
      const answer = await poll(next)
      next = answer.next ?? ''
      return answer
    }

    expect((await step()).said).toEqual([]) // nothing new: the region is left alone
    shotDone(id, 1)
    expect((await step()).said).toEqual(['Shot 1 of 4 is rendered.'])
    expect(next).toBe(`/videos/${id}/status?shown=1`)
    expect((await step()).said).toEqual([]) // not again
    shotDone(id, 3, 2) // two between polls, in any order: both, in shot order
    expect((await step()).said).toEqual(['Shot 2 of 4 is rendered.', 'Shot 3 of 4 is rendered.'])
    expect(next).toBe(`/videos/${id}/status?shown=1,2,3`)

    shotDone(id, 4)
    app.db
      .update(videos)
      .set({ status: 'done', stitchProgress: 100, outputBytes: 64, finishedAt: Date.now() })
      .where(eq(videos.id, id))
      .run()
    const last = await step()
    expect(last.said).toEqual([
      'Shot 4 of 4 is rendered.',
      'Your video is ready. The player is at the top of the page.',
    ])
    // Finished in place: no reload, no next poll, the player out of band, no more refresh without script.
    expect(last.res.headers.get('hx-refresh')).toBeNull()
    expect(last.next).toBeUndefined()
    expect(last.html).toContain('data-status="done"')
    expect(last.html).toMatch(/<section id="video-player" class="card player-card" hx-swap-oob="true">/)
    expect(last.html).toContain(`src="/videos/${id}/video.mp4"`)
    expect(last.html).toContain('<div id="refresh-without-script" hx-swap-oob="delete"></div>')
    // The page itself, loaded now, shows the player and nothing to announce.
    const page = await (await user.client.get(`/videos/${id}`)).text()
    expect(page).toContain('data-testid="render-announcer"></div>')
    expect(page).not.toContain('refresh-without-script')
  })

  it('announces a failed and a canceled render, without a player', async () => {
    for (const [status, sentence] of [
      ['failed', 'The video could not be made. The reason is shown on the page.'],
      ['canceled', 'The render was canceled.'],
    ] as const) {
      const id = insertVideo(app, user.id, project, { status: 'rendering', shots: 3 }).id
      shotDone(id, 1)
      app.db.update(videos).set({ status, finishedAt: Date.now() }).where(eq(videos.id, id)).run()
      const last = await poll(`/videos/${id}/status?shown=1`)
      expect(last.said).toEqual([sentence])
      expect(last.next).toBeUndefined()
      expect(last.html).not.toContain('video-player')
      expect(last.html).toContain('<div id="refresh-without-script" hx-swap-oob="delete"></div>')
    }
  })

  it('reads ?shown= leniently: anything but shot positions is ignored', async () => {
    const id = insertVideo(app, user.id, project, { status: 'rendering', shots: 3 }).id
    shotDone(id, 1, 2)
    expect((await poll(`/videos/${id}/status?shown=x,,-1,2,1.5,99999`)).said).toEqual(['Shot 1 of 3 is rendered.'])
    expect((await poll(`/videos/${id}/status?shown=1,2`)).said).toEqual([])
  })
})
