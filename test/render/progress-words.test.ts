// Issue 23: the render's progress speaks the product's words (no vendor name, no internal steps),
// says which shot is being made, and drops the per-shot bars once the video is done.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users, videoShots } from '../../db/schema.js'
import type { ShotStatus } from '../../db/states.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { insertVideo, makeBrief, newRenderUser, type RenderUser } from '../support/render.js'

let app: TestApp
let alice: RenderUser
let project: Awaited<ReturnType<typeof makeBrief>>

beforeAll(async () => {
  app = await startTestApp()
  alice = await newRenderUser(app)
  project = await makeBrief(app, alice.id)
})
afterAll(async () => {
  await app?.close()
})

/** A rendering video whose shots stand at the given states. */
function renderingVideo(states: ShotStatus[]): string {
  const { id } = insertVideo(app, alice.id, project, { status: 'rendering', shots: states.length })
  states.forEach((status, i) => {
    app.db
      .update(videoShots)
      .set({ status, percent: status === 'running' ? 40 : 0 })
      .where(eq(videoShots.position, i + 1))
      .run()
  })
  return id
}

/** The live part of the page, as the poll returns it. */
async function statusPart(id: string, lang: 'en' | 'zh-CN' | 'zh-HK' = 'en'): Promise<string> {
  // The page speaks the language saved on the account.
  app.db.update(users).set({ locale: lang }).where(eq(users.id, alice.id)).run()
  const res = await alice.client.get(`/videos/${id}/status`)
  expect(res.status).toBe(200)
  const html = await res.text()
  return html.slice(html.indexOf('<section id="video-status"'), html.indexOf('</section>') + 10)
}

/** The whole live part, the Cancel hint and its question included: no vendor's name anywhere (issue 23). */
function progressWords(part: string): string {
  return part
}

describe('render progress in the product’s words (issue 23)', () => {
  it('says which shot is being made and never names the vendor or its checks', async () => {
    const id = renderingVideo(['done', 'submitted', 'moderating', 'downloading'])
    const part = await statusPart(id)
    expect(part).toContain('Making shot 2 of 4')
    expect(part).toContain('Starting')
    expect(part).toContain('Finishing')
    expect(progressWords(part)).not.toMatch(/LibTV|Checking|Downloading/)
    for (const lang of ['zh-CN', 'zh-HK'] as const) {
      const zh = await statusPart(id, lang)
      expect(progressWords(zh), lang).not.toMatch(/LibTV|审核|審核|下载|下載/)
      expect(zh, lang).toMatch(/正在製作第 2 個鏡頭|正在制作第 2 个镜头/)
    }
  })

  it('while queued, says it waits for its turn and how many shots there are', async () => {
    const { id } = insertVideo(app, alice.id, project, { status: 'queued', shots: 3 })
    expect(await statusPart(id)).toContain('Waiting for its turn · 3 shots to make')
  })

  it('drops the per-shot bars once the video is done, keeping the count', async () => {
    const { id } = insertVideo(app, alice.id, project, { status: 'done', shots: 6 })
    for (const part of [await statusPart(id), await (await alice.client.get(`/videos/${id}`)).text()]) {
      expect(part).not.toContain('<progress')
      expect(part).not.toContain('class="shot-progress"')
      expect(part).toContain('data-shots-done="6"')
    }
  })

  it('keeps the shot list when a video failed, so the failed shot and its reason stay visible', async () => {
    const { id } = insertVideo(app, alice.id, project, { status: 'failed', shots: 3 })
    expect(await statusPart(id)).toContain('class="shot-progress"')
  })
})
