// Issue 23, after a render: "Make it 1:1" (the same brief in another format, the edits carried over
// or the person told why not), "Duplicate and edit", the finished shots' frames, the measured time
// estimate, "Email me when it's ready", and another person's ids answered with 404 everywhere.
import fs from 'node:fs'
import path from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs, mailOutbox, screenplays, users, videoShots, videos } from '../../db/schema.js'
import { frames } from '../../src/screenplay/engine.js'
import { goodBrief, postBrief } from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { insertVideo, makeBrief, newRenderUser, type RenderUser } from '../support/render.js'

let app: TestApp
let alice: RenderUser
let bob: RenderUser

beforeAll(async () => {
  app = await startTestApp()
  ;[alice, bob] = await Promise.all([newRenderUser(app), newRenderUser(app)])
})
afterAll(async () => {
  await app?.close()
})

const briefOf = (id: string) => app.db.select().from(briefs).where(eq(briefs.id, id)).get()!
const versionsOf = (briefId: string) =>
  app.db.select().from(screenplays).where(eq(screenplays.briefId, briefId)).orderBy(screenplays.version).all()
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')

/** A finished 9:16 video of a brief whose screenplay had its first caption edited and shots 2 and 3 swapped. */
async function editedVideo(user: RenderUser, overrides: Record<string, unknown> = {}) {
  const project = await makeBrief(app, user.id, overrides, (s) => {
    const [first, second, third, ...rest] = s.shots
    const shots = [{ ...first!, caption: 'Light that never flickers' }, third!, second!, ...rest].map((shot, i) => ({
      ...shot,
      index: i + 1,
    }))
    return { ...s, shots }
  })
  const video = insertVideo(app, user.id, project, { status: 'done', aspectRatio: '9:16' })
  return { project, videoId: video.id }
}

describe('Make it 1:1 (the same brief, another format)', () => {
  it('saves the video’s own screenplay reframed, captions and order kept, and opens it ready to render', async () => {
    const { project, videoId } = await editedVideo(alice)
    const source = versionsOf(project.briefId)[0]!
    const res = await alice.client.postForm(`/videos/${videoId}/format`, { aspectRatio: '1:1' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/briefs/${project.briefId}/screenplay?version=2&made=kept&from=1`)

    const [, made] = versionsOf(project.briefId)
    const before = source.body as typeof project.screenplay
    const after = made!.body as typeof project.screenplay
    expect(after.aspectRatio).toBe('1:1')
    expect(after.shots.map((s) => s.caption)).toEqual(before.shots.map((s) => s.caption))
    expect(after.shots[0]!.caption).toBe('Light that never flickers')
    expect(after.shots.map((s) => s.beat)).toEqual(before.shots.map((s) => s.beat))
    for (const shot of after.shots) {
      expect(shot.prompt).toContain(frames['1:1'])
      expect(shot.prompt).not.toContain(frames['9:16'])
    }
    // The brief asks for 1:1 now; the video keeps its version and format.
    expect((briefOf(project.briefId).data as { aspectRatio: string }).aspectRatio).toBe('1:1')
    const video = app.db.select().from(videos).where(eq(videos.id, videoId)).get()!
    expect([video.aspectRatio, video.screenplayId]).toEqual(['9:16', project.screenplayId])

    // The editor says what happened, shows no mismatch, and Render is not held back.
    const page = await (await alice.client.get(res.headers.get('location')!)).text()
    expect(text(page)).toContain('Version 2 is version 1 for 1:1: your captions and shot order are kept.')
    expect(page).not.toContain('data-testid="mismatch"')
    expect(page).not.toContain('data-testid="render-blocked"')
  })

  it('writes a fresh take and says so when the brief changed since the video', async () => {
    const { project, videoId } = await editedVideo(alice)
    // The brief's captions are now to be Traditional Chinese: the old English captions no longer fit.
    const changed = { ...(briefOf(project.briefId).data as object), language: 'zh-HK' }
    app.db
      .update(briefs)
      .set({ data: changed, updatedAt: Date.now() + 1000 })
      .where(eq(briefs.id, project.briefId))
      .run()
    const res = await alice.client.postForm(`/videos/${videoId}/format`, { aspectRatio: '16:9' })
    expect(res.headers.get('location')).toContain('made=fresh')
    const made = versionsOf(project.briefId).at(-1)!.body as typeof project.screenplay
    expect([made.aspectRatio, made.language]).toEqual(['16:9', 'zh-HK'])
    expect(made.shots.map((s) => s.caption)).not.toContain('Light that never flickers')
    const page = await (await alice.client.get(res.headers.get('location')!)).text()
    expect(text(page)).toContain('the brief changed since version 1, so its captions could not be carried over')
    expect(page).not.toContain('data-testid="mismatch"')
  })

  it('leaves a platform preset that does not show the new format for no preset', async () => {
    const { project, videoId } = await editedVideo(alice, { preset: 'tiktok', lengthSeconds: 15 })
    await alice.client.postForm(`/videos/${videoId}/format`, { aspectRatio: '16:9' })
    const data = briefOf(project.briefId).data as { aspectRatio: string; preset: string }
    expect([data.aspectRatio, data.preset]).toEqual(['16:9', 'custom'])
  })

  it('offers every other format on a finished video’s page, and nothing of it while rendering', async () => {
    const { videoId, project } = await editedVideo(alice)
    const html = await (await alice.client.get(`/videos/${videoId}`)).text()
    for (const aspect of ['16:9', '1:1', '3:4', '4:5']) expect(html).toContain(`>Make it ${aspect}</button>`)
    expect(html).not.toContain('>Make it 9:16<')
    expect(html).toContain(`href="/briefs/new?from=${project.briefId}"`)
    expect(html).toContain(`href="/briefs/${project.briefId}/edit"`)
    const rendering = insertVideo(app, alice.id, project, { status: 'rendering' })
    const live = await (await alice.client.get(`/videos/${rendering.id}`)).text()
    expect(live).not.toContain('Make it 1:1')
    expect(live).toContain('<div id="next-steps"></div>')
  })
})

describe('another person’s ids are a 404, and nothing is written', () => {
  it('Make it, the copy of a brief, and a shot’s frame', async () => {
    const { project, videoId } = await editedVideo(alice)
    const briefBefore = briefOf(project.briefId)
    const made = await bob.client.postForm(`/videos/${videoId}/format`, { aspectRatio: '1:1' })
    expect(made.status).toBe(404)
    expect(versionsOf(project.briefId)).toHaveLength(1)
    expect(briefOf(project.briefId)).toEqual(briefBefore)

    const copy = await bob.client.get(`/briefs/new?from=${project.briefId}`)
    expect(copy.status).toBe(404)
    expect(await copy.text()).not.toContain('Aura X2')

    const rendering = insertVideo(app, alice.id, project, { status: 'rendering', clips: true })
    const frame = path.join(path.dirname(rendering.paths.clip(1)), 'shot-1.jpg')
    fs.writeFileSync(frame, Buffer.from([0xff, 0xd8, 0xff, 0xd9]))
    expect((await alice.client.get(`/videos/${rendering.id}/shots/1.jpg`)).status).toBe(200)
    expect((await bob.client.get(`/videos/${rendering.id}/shots/1.jpg`)).status).toBe(404)
    // Not a way to reach other files either.
    expect((await alice.client.get(`/videos/${rendering.id}/shots/1.mp4`)).status).toBe(404)
    expect((await alice.client.get(`/videos/${rendering.id}/shots/9.jpg`)).status).toBe(404)
  })
})

describe('Duplicate and edit', () => {
  it('opens the brief form filled from the brief, with its photo, posting a new brief', async () => {
    const { project } = await editedVideo(alice)
    const res = await alice.client.get(`/briefs/new?from=${project.briefId}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(text(html)).toContain('A copy of “Aura X2 Headphones”')
    expect(html).toContain('value="Aura X2 Headphones"')
    expect(html).toContain(`name="imageId" value="${project.imageId}"`)
    expect(html).toContain('action="/briefs"')
    // Saved as typed (the product renamed), it is a second brief on the same photo; the first is untouched.
    const res2 = await postBrief(
      alice.client,
      goodBrief({ productName: 'Aura X3 Headphones', imageId: project.imageId }),
    )
    expect(res2.status).toBe(303)
    const copyId = /\/briefs\/([0-9a-f-]{36})\/screenplay/.exec(res2.headers.get('location') ?? '')?.[1]
    expect(copyId).toBeDefined()
    expect(copyId).not.toBe(project.briefId)
    expect(briefOf(copyId!).imageId).toBe(project.imageId)
    expect(briefOf(project.briefId).productName).toBe('Aura X2 Headphones')
  })
})

describe('the time estimate', () => {
  /** A rendering video whose shots have the given timings (ms ago started / finished). */
  function timedVideo(
    project: Awaited<ReturnType<typeof makeBrief>>,
    timings: ({ started: number; finished?: number; seconds?: 5 | 10 } | null)[],
    resolution: '720p' | '1080p' = '720p',
  ) {
    const { id } = insertVideo(app, alice.id, project, { status: 'rendering', shots: timings.length })
    app.db.update(videos).set({ resolution }).where(eq(videos.id, id)).run()
    const now = Date.now()
    timings.forEach((t, i) => {
      app.db
        .update(videoShots)
        .set({
          status: t?.finished !== undefined ? 'done' : t ? 'running' : 'queued',
          startedAt: t ? now - t.started : null,
          finishedAt: t?.finished !== undefined ? now - t.finished : null,
          durationSeconds: t?.seconds ?? 5,
        })
        .where(and(eq(videoShots.videoId, id), eq(videoShots.position, i + 1)))
        .run()
    })
    return id
  }
  const timeLeft = async (id: string) =>
    /data-testid="time-left">([^<]*)</.exec(await (await alice.client.get(`/videos/${id}/status`)).text())?.[1]

  it('says nothing before anything was measured', async () => {
    const project = await makeBrief(app, alice.id)
    // 1080p: no render in this mode has finished a shot in this database yet.
    const id = timedVideo(project, [{ started: 5_000 }, { started: 5_000 }, null], '1080p')
    expect(await timeLeft(id)).toBeUndefined()
  })

  it('from this render’s finished shots: the longest shot still to go', async () => {
    const project = await makeBrief(app, alice.id)
    // Shot 1 took 4 minutes for 5 s; shot 2 (10 s) started 1 minute ago: about 7 minutes to go.
    const id = timedVideo(project, [
      { started: 300_000, finished: 60_000 },
      { started: 60_000, seconds: 10 },
      { started: 60_000 },
    ])
    expect(await timeLeft(id)).toBe('About 7 minutes left')
  })

  it('from recent renders of the same mode when this one has finished nothing yet', async () => {
    const project = await makeBrief(app, alice.id)
    // A finished 720p render above measured 48 s a clip-second; this queued one has not started.
    const id = timedVideo(project, [null, null, null])
    expect(await timeLeft(id)).toMatch(/^About \d+ minutes? left$/)
    // Once the render is done, no estimate and no bars.
    app.db.update(videos).set({ status: 'done' }).where(eq(videos.id, id)).run()
    expect(await timeLeft(id)).toBeUndefined()
  })
})

describe('Email me when it’s ready', () => {
  it('is remembered from the render bar and marks the video; the mail is queued when it finishes', async () => {
    const carol = await newRenderUser(app, 'creator')
    const project = await makeBrief(app, carol.id)
    const editor = await (await carol.client.get(`/briefs/${project.briefId}/screenplay`)).text()
    expect(editor).toContain('Email me when it’s ready')
    expect(editor).not.toMatch(/name="notifyWhenReady" value="1" checked/)

    const render = (fields: Record<string, string>) =>
      carol.client.postForm('/videos', { screenplayId: project.screenplayId, ...fields })
    const first = await render({ notifyAsked: '1', notifyWhenReady: '1' })
    expect(first.status).toBe(303)
    const firstId = first.headers.get('location')!.split('/').pop()!
    const row = (id: string) => app.db.select().from(videos).where(eq(videos.id, id)).get()!
    expect(row(firstId).notifyWhenReady).toBe(true)
    expect(app.db.select().from(users).where(eq(users.id, carol.id)).get()!.notifyWhenReady).toBe(true)
    // The editor remembers the choice.
    const again = await (await carol.client.get(`/briefs/${project.briefId}/screenplay`)).text()
    expect(again).toMatch(/name="notifyWhenReady" value="1" checked/)
    // Unticked (the box sends nothing, notifyAsked says it was there): forgotten, and not asked.
    const second = await render({ notifyAsked: '1' })
    expect(row(second.headers.get('location')!.split('/').pop()!).notifyWhenReady).toBe(false)
    expect(app.db.select().from(users).where(eq(users.id, carol.id)).get()!.notifyWhenReady).toBe(false)

    // The end of the render queues the mail in the account's language, with the video's link.
    app.db.update(users).set({ locale: 'zh-HK' }).where(eq(users.id, carol.id)).run()
    const { finishJob } = await import('../../src/render/outcomes.js')
    const { claimJob } = await import('../../src/render/queue.js')
    const ctx = { productName: 'Lumina.AI', contactEmail: 'help@example.com', baseUrl: new URL(app.url) }
    let job = claimJob(app.db, 'test-worker')
    while (job && job.videoId !== firstId) job = claimJob(app.db, 'test-worker')
    expect(job?.videoId).toBe(firstId)
    finishJob(app.db, job!, 'test-worker', { state: 'done', outputBytes: 10 }, Date.now(), ctx)
    const mails = app.db.select().from(mailOutbox).where(eq(mailOutbox.userId, carol.id)).all()
    const ready = mails.filter((m) => m.kind === 'video-ready')
    expect(ready).toHaveLength(1)
    expect(ready[0]!.subject).toContain('你的影片已完成')
    expect(ready[0]!.text).toContain(`${app.url}/videos/${firstId}?lang=zh-HK`)
    expect(ready[0]!.html).toContain('開啟影片')

    // A failed one says so; a video rendered without the box ticked sends nothing.
    const failedOne = await render({ notifyAsked: '1', notifyWhenReady: '1' })
    const failedId = failedOne.headers.get('location')!.split('/').pop()!
    const secondId = second.headers.get('location')!.split('/').pop()!
    const left = new Set([failedId, secondId])
    for (let next = claimJob(app.db, 'test-worker'); next && left.size > 0; next = claimJob(app.db, 'test-worker')) {
      // Each of carol's is failed as soon as it is claimed, which frees her plan's render slot.
      if (!left.delete(next.videoId)) continue
      finishJob(app.db, next, 'test-worker', { state: 'failed', reason: 'x' }, Date.now(), ctx)
    }
    expect(left.size).toBe(0)
    const kinds = app.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.userId, carol.id))
      .all()
      .map((m) => m.kind)
      .filter((kind) => kind.startsWith('video-'))
    expect(kinds.sort()).toEqual(['video-failed', 'video-ready'])
  })
})
