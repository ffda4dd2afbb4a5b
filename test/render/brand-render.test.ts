// A whole render with a brand kit, through the worker: the kit in effect at submission is the one
// drawn (the logo on the end card), though the kit changes while the render is on its way.
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, removeBrandLogo, saveBrandLogo, saveBrandSettings } from '../../src/brand/kit.js'
import { probeClip } from '../../src/render/stitch/probe.js'
import { videoPaths } from '../../src/storage.js'
import {
  makeBrief,
  newRenderUser,
  type RenderStack,
  type RenderUser,
  startRenderStack,
  submitOverHttp,
  videoRow,
  waitForFinish,
} from '../support/render.js'
import { FFPROBE, frameAt } from './stitch/helpers.js'

let stack: RenderStack
let alice: RenderUser

beforeAll(async () => {
  stack = await startRenderStack()
  alice = await newRenderUser(stack.app, 'studio')
})
afterAll(() => stack?.close())

const isMagenta = (rgb: Buffer, i: number) => rgb[i]! > 190 && rgb[i + 1]! < 80 && rgb[i + 2]! > 190

describe('a render with a brand kit', () => {
  it('draws the logo it was submitted with on the end card, whatever changes after', async () => {
    const logo = await sharp(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><circle cx="120" cy="120" r="110" fill="#FF00FF"/></svg>',
      ),
    )
      .png()
      .toBuffer()
    const { app } = stack
    await saveBrandLogo(app.db, app.dataDir, alice.id, logo)
    saveBrandSettings(app.db, alice.id, { ...DEFAULT_SETTINGS, handle: 'halolamp.example' })
    const brief = await makeBrief(app, alice.id, { brandColor: undefined })
    const videoId = await submitOverHttp(alice.client, brief.screenplayId)
    // Removed at once: the render keeps the logo of its snapshot.
    await removeBrandLogo(app.db, app.dataDir, alice.id)
    await waitForFinish(app, videoId, 120_000)
    expect(videoRow(app, videoId)?.status).toBe('done')
    const video = videoPaths(app.dataDir, alice.id, videoId).video
    const { durationSeconds } = await probeClip(FFPROBE, video, 1)
    const card = await frameAt(video, durationSeconds - 0.4)
    let magenta = 0
    for (let i = 0; i < card.rgb.length; i += 3) if (isMagenta(card.rgb, i)) magenta++
    expect(magenta).toBeGreaterThan(500)
  }, 180_000)
})
