// Quotas: twenty simultaneous Render clicks at the edge of the quota never exceed it; over the
// quota nothing is created; the Render panel says what a render will use.
import { randomUUID } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderJobs, usageRecords, videoShots, videos } from '../../db/schema.js'
import { quotaMonth } from '../../src/accounts/plans.js'
import { submitRender } from '../../src/render/submit.js'
import { decodeHtml } from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { makeBrief, newRenderUser, postRender, type RenderUser } from '../support/render.js'

let app: TestApp

const longDay = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })

function rowsOf(userId: string) {
  return {
    videos: app.db.select().from(videos).where(eq(videos.userId, userId)).all(),
    counted: app.db
      .select()
      .from(usageRecords)
      .where(and(eq(usageRecords.userId, userId), isNull(usageRecords.voidedAt)))
      .all(),
    usage: app.db.select().from(usageRecords).where(eq(usageRecords.userId, userId)).all(),
    jobs: app.db
      .select({ id: renderJobs.id })
      .from(renderJobs)
      .innerJoin(videos, eq(videos.id, renderJobs.videoId))
      .where(eq(videos.userId, userId))
      .all(),
    shots: app.db
      .select({ id: videoShots.id })
      .from(videoShots)
      .innerJoin(videos, eq(videos.id, videoShots.videoId))
      .where(eq(videos.userId, userId))
      .all(),
  }
}

async function renderPanel(user: RenderUser, briefId: string) {
  const html = await (await user.client.get(`/briefs/${briefId}/screenplay`)).text()
  const panel = /<section[^>]*data-testid="render-panel"[^>]*>([\s\S]*?)<\/section>/.exec(html)?.[1]
  if (!panel) throw new Error('no render panel on the screenplay page')
  return {
    allowance: decodeHtml(/data-testid="render-allowance">([\s\S]*?)<\/p>/.exec(panel)?.[1] ?? '').trim(),
    disabled: /<button(?=[^>]*formaction="\/videos")[^>]*\bdisabled\b/.test(panel),
  }
}

beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
})

describe('twenty simultaneous renders with one video left (free plan, 3 a month)', () => {
  let user: RenderUser
  let project: Awaited<ReturnType<typeof makeBrief>>
  let answers: Array<{ status: number; location: string | null; body: string }>

  beforeAll(async () => {
    user = await newRenderUser(app, 'free')
    project = await makeBrief(app, user.id)
    const { start } = quotaMonth(Date.now())
    // Two used this month; one voided and one from last month do not count.
    submitRender(app.db, user.id, project.screenplayId, 'kling-v2-1')
    submitRender(app.db, user.id, project.screenplayId, 'kling-v2-1')
    const voided = submitRender(app.db, user.id, project.screenplayId, 'kling-v2-1', start + 1000)
    app.db.update(usageRecords).set({ voidedAt: Date.now() }).where(eq(usageRecords.videoId, voided.id)).run()
    submitRender(app.db, user.id, project.screenplayId, 'kling-v2-1', start - 1000)
    expect(rowsOf(user.id).counted.filter((r) => r.createdAt >= start)).toHaveLength(2)
  })

  it('the Render panel says it uses 1 of 3 with 1 left, and is enabled', async () => {
    expect(await renderPanel(user, project.briefId)).toEqual({
      allowance: 'Uses 1 of your 3 videos this month (1 left).',
      disabled: false,
    })
  })

  it('exactly one succeeds; nineteen get 403 with the count and the reset date', async () => {
    const before = rowsOf(user.id)
    answers = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const res = await postRender(user.client, project.screenplayId)
        return { status: res.status, location: res.headers.get('location'), body: await res.text() }
      }),
    )
    const ok = answers.filter((a) => a.status === 303)
    const refused = answers.filter((a) => a.status === 403)
    expect(ok).toHaveLength(1)
    expect(refused).toHaveLength(19)
    expect(ok[0]!.location).toMatch(/^\/videos\/[0-9a-f-]{36}$/)
    const resets = longDay.format(quotaMonth(Date.now()).resetsAt)
    for (const r of refused) {
      const text = decodeHtml(r.body)
      expect(text).toContain('Monthly video limit reached')
      expect(text).toContain(
        `You have used 3 of your 3 videos this month. Your quota resets on ${resets} (UTC). Nothing was started.`,
      )
    }
    const after = rowsOf(user.id)
    const { start } = quotaMonth(Date.now())
    expect(after.counted.filter((r) => r.createdAt >= start)).toHaveLength(3)
    expect(after.videos).toHaveLength(before.videos.length + 1)
    expect(after.jobs).toHaveLength(before.jobs.length + 1)
    expect(after.usage).toHaveLength(before.usage.length + 1)
    const counted = new Set(after.counted.map((u) => u.videoId))
    expect(after.videos.filter((v) => v.createdAt >= start && counted.has(v.id))).toHaveLength(3)
  })

  it('the new video is the one the winner was sent to, with its shots, job and usage record', () => {
    const videoId = answers.find((a) => a.status === 303)!.location!.slice('/videos/'.length)
    const rows = rowsOf(user.id)
    expect(rows.videos.map((v) => v.id)).toContain(videoId)
    const usage = rows.usage.filter((u) => u.videoId === videoId)
    expect(usage).toHaveLength(1)
    expect(usage[0]).toMatchObject({
      shots: project.screenplay.shots.length,
      seconds: project.screenplay.lengthSeconds,
      model: 'kling-v2-1',
      plan: 'free', // the plan it was charged to, for the monthly statement
      pointsCost: null, // nothing reported by LibTV yet
      voidedAt: null,
    })
    // Timestamps and metadata only.
    expect(Object.keys(usage[0]!).sort()).toEqual([
      'createdAt',
      'id',
      'model',
      'plan',
      'pointsCost', // what LibTV reported charging, filled in as its tasks end
      'seconds',
      'shots',
      'userId',
      'videoId',
      'voidedAt',
    ])
  })

  it('over the quota, another click creates nothing', async () => {
    const before = rowsOf(user.id)
    const res = await postRender(user.client, project.screenplayId)
    expect(res.status).toBe(403)
    expect(decodeHtml(await res.text())).toContain('You have used 3 of your 3 videos this month.')
    expect(rowsOf(user.id)).toEqual(before)
  })

  it('the Render panel then says the quota is used up, when it resets, and is disabled', async () => {
    const resets = longDay.format(quotaMonth(Date.now()).resetsAt)
    expect(await renderPanel(user, project.briefId)).toEqual({
      allowance: `You have used all 3 videos this month. Your quota resets on ${resets}.`,
      disabled: true,
    })
  })
})

describe('the Render panel for other plans', () => {
  it('counts against the plan’s own quota', async () => {
    const creator = await newRenderUser(app, 'creator')
    const project = await makeBrief(app, creator.id)
    expect((await renderPanel(creator, project.briefId)).allowance).toBe(
      'Uses 1 of your 30 videos this month (30 left).',
    )
    submitRender(app.db, creator.id, project.screenplayId, 'kling-v2-1')
    expect((await renderPanel(creator, project.briefId)).allowance).toBe(
      'Uses 1 of your 30 videos this month (29 left).',
    )
  })
})

describe('the race across separate SQLite connections (BEGIN IMMEDIATE)', () => {
  it('four threads submitting at the same instant with two videos left: exactly two win', async () => {
    const user = await newRenderUser(app, 'free')
    const project = await makeBrief(app, user.id)
    submitRender(app.db, user.id, project.screenplayId, 'kling-v2-1')
    const barrier = new SharedArrayBuffer(8)
    const flags = new Int32Array(barrier)
    const threads = Array.from(
      { length: 4 },
      () =>
        new Worker(new URL('./submit-race-worker.mjs', import.meta.url), {
          workerData: {
            databasePath: app.deps.config.databasePath,
            barrier,
            userId: user.id,
            screenplayId: project.screenplayId,
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
    // Every contender has its connection open and waits at the barrier; then all go at once.
    while (Atomics.load(flags, 1) < threads.length) await new Promise((r) => setTimeout(r, 20))
    Atomics.store(flags, 0, 1)
    Atomics.notify(flags, 0)
    const results = await Promise.all(outcomes)
    await Promise.all(threads.map((t) => t.terminate()))
    expect(results.filter((r) => r.type === 'error')).toEqual([])
    expect(results.filter((r) => r.type === 'ok')).toHaveLength(2)
    expect(results.filter((r) => r.type === 'quota')).toHaveLength(2)
    const rows = rowsOf(user.id)
    expect(rows.videos).toHaveLength(3)
    expect(rows.counted).toHaveLength(3)
    expect(rows.jobs).toHaveLength(3)
  }, 60_000)
})

describe('a screenplay that does not exist', () => {
  it('is 404 and creates nothing', async () => {
    const user = await newRenderUser(app, 'free')
    const res = await postRender(user.client, randomUUID())
    expect(res.status).toBe(404)
    expect(rowsOf(user.id).videos).toEqual([])
    expect(rowsOf(user.id).usage).toEqual([])
  })
})
