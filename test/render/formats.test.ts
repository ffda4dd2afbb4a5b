import fs from 'node:fs'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { images } from '../../db/schema.js'
import { imagePaths, videoPaths } from '../../src/storage.js'
import {
  makeBrief,
  newRenderUser,
  probeMedia,
  productPhoto,
  type RenderStack,
  type RenderUser,
  STITCH_SIZE,
  startRenderStack,
  videoRow,
  waitForFinish,
} from '../support/render.js'

// Platform presets through the API (issue 24): a preset fills in the shape and resolution left out,
// refuses a length its platform does not take (saying why, on the field), and a 3:4 brief renders
// through the simulator to a 3:4 MP4. The stack's stand-in 3:4 size is 360×480, so 1080p is 540×720.

let stack: RenderStack
let alice: RenderUser

beforeAll(async () => {
  stack = await startRenderStack()
  alice = await newRenderUser(stack.app)
}, 60_000)
afterAll(async () => {
  await stack?.close()
})

const api = () => `${stack.app.url}/api/v1`
const auth = () => ({ authorization: `Bearer ${alice.apiKey}` })
const send = (method: string, path: string, body: object, headers: Record<string, string> = {}) =>
  fetch(`${api()}${path}`, {
    method,
    headers: { ...auth(), 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })

async function uploadPhoto(): Promise<string> {
  const form = new FormData()
  form.append('image', new File([new Uint8Array(await productPhoto())], 'lamp.jpg', { type: 'image/jpeg' }))
  const res = await fetch(`${api()}/images`, { method: 'POST', headers: auth(), body: form })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

const brief = {
  productName: 'Halo Desk Lamp',
  description: 'A desk lamp that follows the sun.',
  sellingPoints: ['USB-C charging', 'Folds flat'],
  audience: 'Students',
  callToAction: 'Shop now',
}

describe('platform presets in the API', () => {
  it('xiaohongshu gives 3:4 at 1080p; a PATCH without it keeps it; a shape it does not show is refused', async () => {
    const imageId = await uploadPhoto()
    const created = await send('POST', '/briefs', { ...brief, imageId, preset: 'xiaohongshu' })
    expect(created.status).toBe(201)
    const body = (await created.json()) as Record<string, unknown>
    expect(body).toMatchObject({ preset: 'xiaohongshu', aspectRatio: '3:4', resolution: '1080p' })

    const kept = await send('PATCH', `/briefs/${body.id}`, { audience: 'Night owls' })
    expect(((await kept.json()) as Record<string, unknown>).preset).toBe('xiaohongshu')

    const wide = await send('PATCH', `/briefs/${body.id}`, { aspectRatio: '16:9' })
    expect(wide.status).toBe(422)
    const problem = (await wide.json()) as { errors: { field: string; message: string }[] }
    expect(problem.errors).toEqual([{ field: 'aspectRatio', message: expect.stringContaining('3:4, 9:16, 1:1') }])

    // The person may still pick another shape the platform shows, and leave the preset for any shape.
    expect((await send('PATCH', `/briefs/${body.id}`, { aspectRatio: '9:16' })).status).toBe(200)
    const custom = await send('PATCH', `/briefs/${body.id}`, { preset: 'custom', aspectRatio: '16:9' })
    expect(custom.status).toBe(200)
    expect(await custom.json()).toMatchObject({ preset: 'custom', aspectRatio: '16:9' })
  })

  it('a length Taobao does not take is a 422 on lengthSeconds that says why, in the reader’s language', async () => {
    const imageId = await uploadPhoto()
    const tooLong = { ...brief, imageId, preset: 'taobao', lengthSeconds: 60 }
    const en = await send('POST', '/briefs', tooLong)
    expect(en.status).toBe(422)
    const enErrors = ((await en.json()) as { errors: { field: string; message: string }[] }).errors
    expect(enErrors).toEqual([
      {
        field: 'lengthSeconds',
        message: 'A Taobao main video is at most 60 seconds, end card included: choose 15, 20, 30, 45 seconds.',
      },
    ])
    const zh = await send('POST', '/briefs', tooLong, { 'accept-language': 'zh-CN' })
    const zhErrors = ((await zh.json()) as { errors: { field: string; message: string }[] }).errors
    expect(zhErrors[0]?.message).toContain('淘宝主图视频')

    const ok = await send('POST', '/briefs', { ...tooLong, lengthSeconds: 45 })
    expect(ok.status).toBe(201)
    expect(await ok.json()).toMatchObject({ aspectRatio: '1:1', resolution: '1080p', lengthSeconds: 45 })
  })

  it('a xiaohongshu brief renders through the simulator to a 3:4 MP4 at 1080p', async () => {
    // A person of their own: the photo is stored once per person, and the earlier briefs share it.
    alice = await newRenderUser(stack.app)
    const made = await makeBrief(stack.app, alice.id, {
      preset: 'xiaohongshu',
      aspectRatio: '3:4',
      resolution: '1080p',
      lengthSeconds: 15,
    })
    const res = await send('POST', '/videos', { screenplayId: made.screenplayId })
    expect(res.status).toBe(202)
    const video = (await res.json()) as { id: string; aspectRatio: string }
    expect(video.aspectRatio).toBe('3:4')
    await waitForFinish(stack.app, video.id)
    const row = videoRow(stack.app, video.id)
    expect(row?.status, row?.failureReason ?? '').toBe('done')
    const media = await probeMedia(videoPaths(stack.app.dataDir, alice.id, video.id).video)
    expect([media.width, media.height]).toEqual([STITCH_SIZE['3:4'].width * 1.5, STITCH_SIZE['3:4'].height * 1.5])

    // LibTV got the photo framed for 3:4 at 1080p, kept beside the photo; it goes with the photo.
    const image = stack.app.db.select().from(images).where(eq(images.id, made.imageId)).get()!
    const paths = imagePaths(stack.app.dataDir, alice.id, image.sha256)
    const framed = paths.framed('3:4', '1080p')
    expect(fs.existsSync(framed)).toBe(true)
    expect(await sharp(framed).metadata()).toMatchObject({ width: 1080, height: 1440, format: 'jpeg' })
    const deleted = await fetch(`${api()}/briefs/${made.briefId}`, { method: 'DELETE', headers: auth() })
    expect(deleted.status).toBe(204)
    expect(fs.existsSync(paths.full)).toBe(false)
    expect(fs.existsSync(framed)).toBe(false)
  }, 120_000)

  it('a Taobao video’s end card lasts 2 s, half a second less than another’s (its logo only in the last 2 s)', async () => {
    const renderOf = async (preset: 'taobao' | 'custom') => {
      const made = await makeBrief(stack.app, alice.id, { preset, aspectRatio: '1:1', lengthSeconds: 15 })
      const res = await send('POST', '/videos', { screenplayId: made.screenplayId })
      const video = (await res.json()) as { id: string }
      await waitForFinish(stack.app, video.id)
      expect(videoRow(stack.app, video.id)?.status).toBe('done')
      return (await probeMedia(videoPaths(stack.app.dataDir, alice.id, video.id).video)).duration
    }
    // The same brief but for the preset writes the same screenplay: only the end card differs.
    const [taobao, custom] = [await renderOf('taobao'), await renderOf('custom')]
    expect(custom - taobao).toBeCloseTo(0.5, 1)
  }, 120_000)
})
