// "Make 3 variants" through the pages: three ordinary videos that differ in template, tone, music
// and take, counted as three; refused (by the page and the server) with fewer than 3 left, also
// when two requests race; the compare page and "Keep this one" only for their owner.
import { randomUUID } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { screenplays, tracks, usageRecords, users, videos } from '../../db/schema.js'
import { submitRender } from '../../src/render/submit.js'
import { savedScreenplaySchema } from '../../src/screenplay/saved.js'
import { decodeHtml } from '../briefs/helpers.js'
import { englishWords, htmlLang, visibleText } from '../i18n/scan.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { makeBrief, newRenderUser, type RenderUser } from '../support/render.js'

let app: TestApp

beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
})

const text = (html: string) =>
  decodeHtml(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()

function variantsOf(userId: string) {
  return app.db
    .select({ video: videos, body: screenplays.body, version: screenplays.version })
    .from(videos)
    .innerJoin(screenplays, eq(screenplays.id, videos.screenplayId))
    .where(and(eq(videos.userId, userId)))
    .all()
    .filter((row) => row.video.variantGroupId !== null)
    .sort((a, b) => a.version - b.version)
}

function counted(userId: string) {
  return app.db
    .select()
    .from(usageRecords)
    .where(and(eq(usageRecords.userId, userId), isNull(usageRecords.voidedAt)))
    .all().length
}

async function panel(user: RenderUser, briefId: string) {
  const html = await (await user.client.get(`/briefs/${briefId}/screenplay`)).text()
  const section = /<section[^>]*data-testid="variants-panel"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1]
  if (!section) throw new Error('no variants panel on the screenplay page')
  return {
    text: text(section),
    allowance: text(/data-testid="variants-allowance"[^>]*>([\s\S]*?)<\/span>/.exec(section)?.[1] ?? ''),
    disabled:
      /<button[^>]*\bdisabled\b[^>]*data-testid="make-variants"|<button(?=[^>]*data-testid="make-variants")[^>]*\bdisabled\b/.test(
        section,
      ),
  }
}

function makeVariants(user: RenderUser, briefId: string) {
  return user.client.send('/variants', {
    method: 'POST',
    body: new URLSearchParams({ briefId }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: user.client.origin },
  })
}

describe('Make 3 variants', () => {
  let alice: RenderUser
  let briefId: string
  let groupId: string

  beforeAll(async () => {
    alice = await newRenderUser(app, 'creator')
    briefId = (await makeBrief(app, alice.id, { tone: 'premium', template: 'hero-reveal', music: 'auto' })).briefId
  })

  it('the screenplay page says it uses 3 of the videos left, and what differs', async () => {
    expect(await panel(alice, briefId)).toMatchObject({
      allowance: 'Uses 3 of your 30 videos left this month.',
      disabled: false,
    })
    expect((await panel(alice, briefId)).text).toContain('each with its own template, tone and music')
  })

  it('makes three ordinary videos of one set, differing in template, tone, music and screenplay', async () => {
    const res = await makeVariants(alice, briefId)
    expect(res.status).toBe(303)
    groupId = /^\/variants\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1] ?? ''
    expect(groupId).not.toBe('')
    const rows = variantsOf(alice.id)
    expect(rows).toHaveLength(3)
    expect(new Set(rows.map((r) => r.video.variantGroupId))).toEqual(new Set([groupId]))
    const bodies = rows.map((r) => savedScreenplaySchema.parse(r.body))
    // The first is the brief's own template and tone; the others the most different ones.
    expect(bodies[0]!.template).toBe('hero-reveal')
    expect(rows[0]!.video.variantTone).toBe('premium')
    expect(new Set(bodies.map((b) => b.template)).size).toBe(3)
    expect(new Set(rows.map((r) => r.video.variantTone)).size).toBe(3)
    expect(new Set(rows.map((r) => r.video.variantMusic)).size).toBe(3)
    // Each its own screenplay version (so each video refers to exactly what it used), all different.
    expect(new Set(rows.map((r) => r.video.screenplayId)).size).toBe(3)
    expect(new Set(bodies.map((b) => JSON.stringify(b.shots))).size).toBe(3)
    expect(rows.map((r) => r.version)).toEqual([2, 3, 4])
    expect(rows.map((r) => r.video.variantPosition)).toEqual([1, 2, 3])
    for (const { video } of rows)
      expect(video).toMatchObject({ status: 'queued', briefId, title: 'Aura X2 Headphones' })
    expect(counted(alice.id)).toBe(3)
    // Ordinary videos: each has its own page and is in the library.
    for (const { video } of rows) {
      const page = await alice.client.get(`/videos/${video.id}`)
      expect(page.status).toBe(200)
      // Its page leads back to the set.
      expect(await page.text()).toMatch(new RegExp(`href="/variants/${groupId}"[^>]*>\\s*Compare the variants`))
    }
    const library = await (await alice.client.get('/videos')).text()
    for (const { video } of rows) expect(library).toContain(`/videos/${video.id}`)
  })

  it('the compare page shows the three with how each differs, progress and Keep this one', async () => {
    const res = await alice.client.get(`/variants/${groupId}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    const cards = html.match(/data-testid="variant"/g) ?? []
    expect(cards).toHaveLength(3)
    const differs = [...html.matchAll(/data-testid="variant-differs">([\s\S]*?)<\/p>/g)].map((m) => text(m[1]!))
    expect(differs[0]).toMatch(/^Template: Hero reveal · Tone: Premium · Music: .+/)
    expect(new Set(differs).size).toBe(3)
    expect(text(html)).toContain('Queued: 0%')
    expect(html.match(/>\s*Keep this one\s*</g)).toHaveLength(3)
    // Still rendering: each card asks for itself, and the page reloads without JavaScript.
    expect(html.match(/hx-trigger="every 2s"/g)).toHaveLength(3)
    expect(html).toContain('http-equiv="refresh"')
  })

  it('a second set of the same brief gets new takes', async () => {
    const first = variantsOf(alice.id).map((r) => savedScreenplaySchema.parse(r.body))
    // Asked again at once, it is the same click (a double click): the same set, nothing more.
    const again = await makeVariants(alice, briefId)
    expect(again.headers.get('location')).toBe(`/variants/${groupId}`)
    expect(variantsOf(alice.id)).toHaveLength(3)
    expect(counted(alice.id)).toBe(3)
    // A minute later it is a new set.
    app.db
      .update(videos)
      .set({ createdAt: Date.now() - 60_000 })
      .where(eq(videos.variantGroupId, groupId))
      .run()
    expect((await makeVariants(alice, briefId)).status).toBe(303)
    const all = variantsOf(alice.id)
    expect(all).toHaveLength(6)
    const second = all.slice(3).map((r) => savedScreenplaySchema.parse(r.body))
    expect(second.map((s) => s.variation)).toEqual([1, 1, 1])
    expect(first.map((s) => s.variation)).toEqual([0, 0, 0])
    expect(second.map((s) => JSON.stringify(s.shots))).not.toEqual(first.map((s) => JSON.stringify(s.shots)))
  })

  describe('another person', () => {
    let mallory: RenderUser
    beforeAll(async () => {
      mallory = await newRenderUser(app, 'creator')
    })

    it('cannot see the compare page, a card, or make variants of the brief', async () => {
      expect((await mallory.client.get(`/variants/${groupId}`)).status).toBe(404)
      const [first] = variantsOf(alice.id)
      expect((await mallory.client.get(`/variants/${groupId}/cards/${first!.video.id}`)).status).toBe(404)
      expect((await makeVariants(mallory, briefId)).status).toBe(404)
      expect(variantsOf(mallory.id)).toEqual([])
      expect(counted(mallory.id)).toBe(0)
    })

    it('cannot keep one of them (deleting the others), confirmed or not', async () => {
      const before = variantsOf(alice.id).length
      const [first] = variantsOf(alice.id)
      const path = `/variants/${groupId}/keep/${first!.video.id}`
      expect((await mallory.client.postForm(path, {})).status).toBe(404)
      expect((await mallory.client.postForm(path, { confirm: 'yes' })).status).toBe(404)
      expect(variantsOf(alice.id)).toHaveLength(before)
    })

    it('cannot make Alice keep a video of Mallory’s own through Alice’s set', async () => {
      const own = await makeBrief(app, mallory.id)
      const theirs = submitRender(app.db, mallory.id, own.screenplayId, 'kling-v2-1')
      const res = await alice.client.postForm(`/variants/${groupId}/keep/${theirs.id}`, { confirm: 'yes' })
      expect(res.status).toBe(404)
      expect(variantsOf(alice.id)).toHaveLength(6)
      expect(app.db.select().from(videos).where(eq(videos.id, theirs.id)).get()).toBeDefined()
    })
  })

  it('Keep this one asks first, then deletes the others of the set and keeps it', async () => {
    const set = variantsOf(alice.id).filter((r) => r.video.variantGroupId === groupId)
    const keep = set[1]!.video.id
    const path = `/variants/${groupId}/keep/${keep}`
    const asked = await alice.client.postForm(path, {})
    expect(asked.status).toBe(200)
    expect(text(await asked.text())).toContain('Keep this variant and delete the others?')
    expect(variantsOf(alice.id).filter((r) => r.video.variantGroupId === groupId)).toHaveLength(3)

    const done = await alice.client.postForm(path, { confirm: 'yes' })
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe(`/variants/${groupId}?kept=1`)
    const left = variantsOf(alice.id).filter((r) => r.video.variantGroupId === groupId)
    expect(left.map((r) => r.video.id)).toEqual([keep])
    // The other set is untouched; usage already counted stays counted (the renders were asked for).
    expect(variantsOf(alice.id)).toHaveLength(4)
    const page = await (await alice.client.get(`/variants/${groupId}?kept=1`)).text()
    expect(text(page)).toContain('Kept. The other variants and their files were deleted.')
    expect(page.match(/data-testid="variant"/g)).toHaveLength(1)
    expect(text(page)).toContain('Variant 2') // the kept one keeps its name
    expect(page).not.toContain('Keep this one')
  })

  it('a brief that names a track keeps it for every variant, and the page says so', async () => {
    const named = await makeBrief(app, alice.id, { music: 'gold-leaf', tone: 'warm', template: 'lifestyle' })
    // Each now plays another part of it (another take of a built-in track): the panel says that.
    expect((await panel(alice, named.briefId)).text).toContain(
      'All three play the music the brief names: Gold Leaf (premium, slower). Each plays another part of it',
    )
    const res = await makeVariants(alice, named.briefId)
    const group = /\/variants\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '')![1]!
    const rows = variantsOf(alice.id).filter((r) => r.video.variantGroupId === group)
    expect(rows.map((r) => r.video.variantMusic)).toEqual([null, null, null])
    expect(new Set(rows.map((r) => r.video.variantTone)).size).toBe(3)
    const page = await (await alice.client.get(`/variants/${group}`)).text()
    const differs = [...page.matchAll(/data-testid="variant-differs">([\s\S]*?)<\/p>/g)].map((m) => text(m[1]!))
    for (const line of differs) expect(line).toMatch(/· Music: Gold Leaf \(premium, slower\)$/)
    expect(rows.map((r) => r.video.variantMusicStartMs)).toEqual([null, null, null])
  })

  it('a brief that names the person’s own track plays another part of it in each, and the page says where', async () => {
    const trackId = randomUUID()
    app.db
      .insert(tracks)
      .values({ id: trackId, userId: alice.id, title: 'Shop jingle', durationMs: 150_000, bytes: 1, createdAt: 0 })
      .run()
    const own = await makeBrief(app, alice.id, { music: `track:${trackId}`, lengthSeconds: 30 })
    const res = await makeVariants(alice, own.briefId)
    const group = /\/variants\/([0-9a-f-]{36})/.exec(res.headers.get('location') ?? '')![1]!
    const rows = variantsOf(alice.id).filter((r) => r.video.variantGroupId === group)
    // 150 s of song under a 32.5 s video (30 s and the end card): 117.5 s to share, a third each.
    expect(rows.map((r) => r.video.variantMusicStartMs)).toEqual([0, 39_000, 78_000])
    expect(rows.map((r) => r.video.variantMusic)).toEqual([null, null, null])
    const page = await (await alice.client.get(`/variants/${group}`)).text()
    const differs = [...page.matchAll(/data-testid="variant-differs">([\s\S]*?)<\/p>/g)].map((m) => text(m[1]!))
    expect(differs.map((line) => line.replace(/^.*· Music: /, ''))).toEqual([
      'your own track, from 0:00',
      'your own track, from 0:39',
      'your own track, from 1:18',
    ])
  })
})

describe('the quota', () => {
  it('with fewer than 3 left, the page says why and the server refuses, starting nothing', async () => {
    const bob = await newRenderUser(app, 'free') // 3 a month
    const project = await makeBrief(app, bob.id)
    submitRender(app.db, bob.id, project.screenplayId, 'kling-v2-1')
    const shown = await panel(bob, project.briefId)
    expect(shown.disabled).toBe(true)
    expect(shown.allowance).toMatch(
      /^Three variants need 3 videos, and you have 2 left this month\. Your quota resets on /,
    )
    const res = await makeVariants(bob, project.briefId)
    expect(res.status).toBe(403)
    expect(text(await res.text())).toContain(
      'Making 3 variants uses 3 videos, and you have 2 left this month (1 of 3 used).',
    )
    expect(variantsOf(bob.id)).toEqual([])
    expect(counted(bob.id)).toBe(1)
    // Nor was a screenplay version written for them.
    expect(app.db.select().from(screenplays).where(eq(screenplays.userId, bob.id)).all()).toHaveLength(1)
  })

  it('a double click (two simultaneous posts of one brief) makes one set, both sent to it', async () => {
    const carol = await newRenderUser(app, 'creator')
    const project = await makeBrief(app, carol.id)
    const answers = await Promise.all([makeVariants(carol, project.briefId), makeVariants(carol, project.briefId)])
    expect(answers.map((a) => a.status)).toEqual([303, 303])
    expect(answers[0]!.headers.get('location')).toBe(answers[1]!.headers.get('location'))
    expect(variantsOf(carol.id)).toHaveLength(3)
    expect(counted(carol.id)).toBe(3)
  })

  it('two simultaneous requests (two briefs) with exactly 3 left: one set starts, the other is refused whole', async () => {
    const frank = await newRenderUser(app, 'free')
    const one = await makeBrief(app, frank.id)
    const two = await makeBrief(app, frank.id)
    const answers = await Promise.all([makeVariants(frank, one.briefId), makeVariants(frank, two.briefId)])
    expect(answers.map((a) => a.status).sort()).toEqual([303, 403])
    expect(variantsOf(frank.id)).toHaveLength(3)
    expect(counted(frank.id)).toBe(3)
  })

  it('two threads on their own SQLite connections, at the same instant, with 3 left: exactly one set', async () => {
    const erin = await newRenderUser(app, 'free')
    const project = await makeBrief(app, erin.id)
    const barrier = new SharedArrayBuffer(8)
    const flags = new Int32Array(barrier)
    const threads = [0, 1].map(
      () =>
        new Worker(new URL('./race-worker.mjs', import.meta.url), {
          workerData: {
            databasePath: app.deps.config.databasePath,
            barrier,
            userId: erin.id,
            briefId: project.briefId,
          },
        }),
    )
    const outcomes = threads.map(
      (w) =>
        new Promise<{ type: string; message?: string }>((resolve, reject) => {
          w.on('message', (m: { type: string }) => m.type !== 'ready' && resolve(m))
          w.once('error', reject)
        }),
    )
    while (Atomics.load(flags, 1) < threads.length) await new Promise((r) => setTimeout(r, 20))
    Atomics.store(flags, 0, 1)
    Atomics.notify(flags, 0)
    const results = await Promise.all(outcomes)
    await Promise.all(threads.map((t) => t.terminate()))
    expect(results.map((r) => r.type).sort()).toEqual(['ok', 'quota'])
    expect(variantsOf(erin.id)).toHaveLength(3)
    expect(counted(erin.id)).toBe(3)
  }, 60_000)

  it('a brief that is not there is a 404', async () => {
    const dave = await newRenderUser(app, 'creator')
    expect((await makeVariants(dave, randomUUID())).status).toBe(404)
  })
})

describe('in Chinese', () => {
  for (const locale of ['zh-CN', 'zh-HK'] as const) {
    it(`${locale}: the panel, the compare page and the keep question have no English word`, async () => {
      const user = await newRenderUser(app, 'creator')
      app.db.update(users).set({ locale }).where(eq(users.id, user.id)).run()
      // zh-HK with the person's own track: the panel and the cards then say which part each plays.
      const trackId = randomUUID()
      app.db
        .insert(tracks)
        .values({ id: trackId, userId: user.id, title: 'Jingle', durationMs: 150_000, bytes: 1, createdAt: 0 })
        .run()
      const music = locale === 'zh-HK' ? { music: `track:${trackId}` } : {}
      const project = await makeBrief(app, user.id, { language: locale, lengthSeconds: 30, ...music })
      const product = ['Aura', 'X2', 'Headphones']
      const editor = await (await user.client.get(`/briefs/${project.briefId}/screenplay`)).text()
      const section = /<section[^>]*data-testid="variants-panel"[\s\S]*?<\/section>/.exec(editor)?.[0] ?? ''
      expect(section).not.toBe('')
      expect(englishWords(visibleText(section), product)).toEqual([])
      const made = await makeVariants(user, project.briefId)
      const group = /\/variants\/([0-9a-f-]{36})/.exec(made.headers.get('location') ?? '')![1]!
      const page = await (await user.client.get(`/variants/${group}`)).text()
      expect(htmlLang(page)).toBe(locale)
      expect(englishWords(visibleText(page), product)).toEqual([])
      if (locale === 'zh-HK') expect(visibleText(page)).toContain('由 0:39 開始')
      const first = variantsOf(user.id)[0]!.video.id
      const asked = await (await user.client.postForm(`/variants/${group}/keep/${first}`, {})).text()
      expect(englishWords(visibleText(asked), product)).toEqual([])
    })
  }
})
