import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs } from '../../db/schema.js'
import { IMG2VIDEO_PATH } from '../../src/libtv/api.js'
import { videoPaths } from '../../src/storage.js'
import {
  makeBrief,
  newRenderUser,
  probeMedia,
  type RenderStack,
  type RenderUser,
  STITCH_SIZE,
  startRenderStack,
  videoRow,
  waitForFinish,
} from '../support/render.js'

// 1080p end to end: the brief's choice reaches LibTV as `pro` mode on every shot of that video
// (and only that video), is kept on the video, and the MP4 comes out 1.5 times the 720p size.
// The stack's stand-in 720p size is 360×640, so its 1080p is 540×960 (the real 1080×1920 is
// checked in test/render/stitch/resolution.test.ts).

let stack: RenderStack
let alice: RenderUser

beforeAll(async () => {
  stack = await startRenderStack()
  alice = await newRenderUser(stack.app)
}, 60_000)
afterAll(async () => {
  await stack?.close()
})

const auth = () => ({ authorization: `Bearer ${alice.apiKey}` })

/** The `mode` of every img2video submit LibTV accepted since `from`, by the prompt it carried. */
function modesSince(from: number, prompts: readonly string[]): string[] {
  return stack.sim.requests
    .slice(from)
    .filter(
      (r) => r.path === IMG2VIDEO_PATH && r.createdTask && prompts.includes((r.body as any).generateParams.prompt),
    )
    .map((r) => (r.body as any).generateParams.mode)
}

async function renderBrief(resolution: '720p' | '1080p' | undefined) {
  const made = await makeBrief(stack.app, alice.id, resolution ? { resolution } : {})
  const from = stack.sim.requests.length
  const res = await fetch(`${stack.app.url}/api/v1/videos`, {
    method: 'POST',
    headers: { ...auth(), 'content-type': 'application/json' },
    body: JSON.stringify({ screenplayId: made.screenplayId }),
  })
  expect(res.status).toBe(202)
  const video = (await res.json()) as { id: string; resolution: string }
  await waitForFinish(stack.app, video.id)
  const row = videoRow(stack.app, video.id)
  expect(row?.status, row?.failureReason ?? '').toBe('done')
  const media = await probeMedia(videoPaths(stack.app.dataDir, alice.id, video.id).video)
  const prompts = made.screenplay.shots.map((s) => s.prompt)
  return { video, row, media, modes: modesSince(from, prompts), shots: prompts.length }
}

describe('resolution', () => {
  it('1080p renders every shot in LibTV pro mode and stitches 1.5× the 720p size', async () => {
    const hd = await renderBrief('1080p')
    expect(hd.video.resolution).toBe('1080p')
    expect(hd.row?.resolution).toBe('1080p')
    expect(hd.modes).toEqual(Array(hd.shots).fill('pro'))
    expect([hd.media.width, hd.media.height]).toEqual([
      STITCH_SIZE['9:16'].width * 1.5,
      STITCH_SIZE['9:16'].height * 1.5,
    ])

    const sd = await renderBrief('720p')
    expect(sd.row?.resolution).toBe('720p')
    expect(sd.modes).toEqual(Array(sd.shots).fill('std'))
    expect([sd.media.width, sd.media.height]).toEqual([STITCH_SIZE['9:16'].width, STITCH_SIZE['9:16'].height])
  }, 120_000)

  it('a brief saved before the choice existed renders at 720p, and the API shows it as 720p', async () => {
    const made = await makeBrief(stack.app, alice.id)
    // What an older release stored: no resolution key at all.
    const row = stack.app.db.select().from(briefs).where(eq(briefs.id, made.briefId)).get()!
    const { resolution: _gone, ...old } = row.data as Record<string, unknown>
    stack.app.db.update(briefs).set({ data: old }).where(eq(briefs.id, made.briefId)).run()
    const brief = await fetch(`${stack.app.url}/api/v1/briefs/${made.briefId}`, { headers: auth() })
    expect(((await brief.json()) as any).resolution).toBe('720p')
    const res = await fetch(`${stack.app.url}/api/v1/videos`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ screenplayId: made.screenplayId }),
    })
    expect(res.status).toBe(202)
    const video = (await res.json()) as { id: string; resolution: string }
    expect(video.resolution).toBe('720p')
    expect(videoRow(stack.app, video.id)?.resolution).toBe('720p')
    await waitForFinish(stack.app, video.id)
  }, 60_000)

  it('the API takes resolution (and music) on a brief, keeps them when a PATCH leaves them out, and refuses other values', async () => {
    const api = `${stack.app.url}/api/v1`
    const made = await makeBrief(stack.app, alice.id)
    const patch = (body: object) =>
      fetch(`${api}/briefs/${made.briefId}`, {
        method: 'PATCH',
        headers: { ...auth(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const set = await patch({ resolution: '1080p', music: 'none', musicVolume: 'quiet' })
    expect(set.status).toBe(200)
    expect(await set.json()).toMatchObject({ resolution: '1080p', music: 'none', musicVolume: 'quiet' })
    // Fields with a default for new briefs must not fall back to it when a PATCH leaves them out.
    const other = await patch({ audience: 'Night owls' })
    expect(other.status).toBe(200)
    expect(await other.json()).toMatchObject({ resolution: '1080p', music: 'none', musicVolume: 'quiet' })
    const bad = await patch({ resolution: '4k' })
    expect(bad.status).toBe(422)
    const problem = (await bad.json()) as { errors: { field: string }[] }
    expect(problem.errors.map((e) => e.field)).toContain('resolution')
    const again = await fetch(`${api}/briefs/${made.briefId}`, { headers: auth() })
    expect(((await again.json()) as any).resolution).toBe('1080p')
  })
})
