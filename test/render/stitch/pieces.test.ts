// The video is encoded in pieces, one per shot, joined by stream copy. The pieces must add up to
// the planned timeline exactly: every shot where it belongs, every transition where the two
// shots meet, not a frame lost or doubled where one piece ends and the next begins.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { endCardBackground } from '../../../src/render/stitch/end-card.js'
import { mix } from '../../../src/render/stitch/layout.js'
import { planStitch } from '../../../src/render/stitch/plan.js'
import type { ClipInfo } from '../../../src/render/stitch/probe.js'
import { probeClip } from '../../../src/render/stitch/probe.js'
import { FFPROBE, makeClip, renderPlanFrames, tempDir } from './helpers.js'

const SIZE = { width: 64, height: 64 }
let dir: string
let cleanup: () => Promise<void>
const solid: Record<'red' | 'blue' | 'green', { path: string; info: ClipInfo }> = {} as never

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('pieces'))
  for (const [name, color] of [
    ['red', '0xff0000'],
    ['blue', '0x0000ff'],
    ['green', '0x00ff00'],
  ] as const) {
    const file = await makeClip(path.join(dir, `${name}.mp4`), {
      width: 64,
      height: 64,
      fps: 24,
      seconds: 1,
      source: { color },
    })
    solid[name] = { path: file, info: await probeClip(FFPROBE, file, 1) }
  }
})

afterAll(() => cleanup())

/** The colour of the middle pixel of a raw RGB frame. */
const centre = (frame: Buffer) => {
  const i = (32 * SIZE.width + 32) * 3
  return { r: frame[i] ?? 0, g: frame[i + 1] ?? 0, b: frame[i + 2] ?? 0 }
}

/** Within the rounding of a trip through yuv420p. */
const near = (c: { r: number; g: number; b: number }, r: number, g: number, b: number) =>
  Math.abs(c.r - r) < 8 && Math.abs(c.g - g) < 8 && Math.abs(c.b - b) < 8

/**
 * The end card is a light card tinted with the brand (here white), drawn top to bottom as a
 * gradient: with no title, call to action nor photo, its centre is the gradient's middle.
 */
const card = (() => {
  const { top, bottom } = endCardBackground('#ffffff')
  const c = mix(top, bottom, 0.5)
  return [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16)) as [number, number, number]
})()

/** Red, blue dissolving in from red, then green entering as asked, then half a second of end card. */
async function planOneSecondShots(name: string, greenEnters: 'cut' | 'dissolve') {
  const textDir = path.join(dir, name)
  await mkdir(textDir, { recursive: true })
  return planStitch(
    {
      clips: [
        { ...solid.red, caption: '', transition: 'cut' },
        { ...solid.blue, caption: '', transition: 'dissolve' },
        { ...solid.green, caption: '', transition: greenEnters },
      ],
      endCard: { title: '', callToAction: '', brandColor: '#ffffff', seconds: 0.5, transition: 'cut' },
      aspectRatio: '1:1',
      language: 'en',
      size: SIZE,
      fps: 24,
      silentAudio: false,
    },
    textDir,
  )
}

describe('a video in pieces', () => {
  it('plays every shot and transition at its planned frame, across the joins', async () => {
    const plan = await planOneSecondShots('plan', 'cut')
    // A clip's transition is how it enters: red dissolves into blue over 12 frames (in the first
    // piece), then blue, a cut to green, a cut to 12 frames of end card.
    expect(plan.pieces.map((p) => p.frames)).toEqual([24, 12, 24, 12])
    expect(plan.totalFrames).toBe(24 + 24 - 12 + 24 + 12)
    const frames = (await renderPlanFrames(plan, SIZE.width, SIZE.height)).map(centre)
    expect(frames).toHaveLength(plan.totalFrames)

    for (let f = 0; f < 12; f++) expect(near(frames[f]!, 254, 0, 0), `frame ${f} red`).toBe(true)
    // The crossing: red giving way to blue, frame by frame (xfade starts at all red).
    const crossing = frames.slice(12, 24)
    for (const [k, c] of crossing.entries()) expect(c.r + c.b, `frame ${12 + k} a mix`).toBeGreaterThan(230)
    for (let k = 1; k < crossing.length; k++) expect(crossing[k]!.b).toBeGreaterThanOrEqual(crossing[k - 1]!.b)
    expect(crossing[6]!.r).toBeGreaterThan(60)
    expect(crossing[6]!.b).toBeGreaterThan(60)
    expect(crossing[11]!.b).toBeGreaterThan(crossing[1]!.b + 150)
    for (let f = 24; f < 36; f++) expect(near(frames[f]!, 0, 0, 254), `frame ${f} blue`).toBe(true)
    for (let f = 36; f < 60; f++) expect(near(frames[f]!, 0, 254, 0), `frame ${f} green`).toBe(true)
    for (let f = 60; f < 72; f++) expect(near(frames[f]!, ...card), `frame ${f} end card`).toBe(true)
  })

  it('renders a shot that is all transition: a piece with no body of its own', async () => {
    const plan = await planOneSecondShots('no-body', 'dissolve')
    // Blue's 24 frames are its incoming dissolve (12, in red's piece) and its outgoing one (12).
    expect(plan.pieces.map((p) => p.frames)).toEqual([24, 12, 12, 12])
    const frames = (await renderPlanFrames(plan, SIZE.width, SIZE.height)).map(centre)
    expect(frames).toHaveLength(60)
    for (let f = 0; f < 12; f++) expect(near(frames[f]!, 254, 0, 0), `frame ${f} red`).toBe(true)
    // Red into blue, then at once blue into green: blue never stands alone.
    for (let f = 12; f < 24; f++) expect(frames[f]!.r + frames[f]!.b, `frame ${f} red and blue`).toBeGreaterThan(230)
    for (let f = 24; f < 36; f++) expect(frames[f]!.b + frames[f]!.g, `frame ${f} blue and green`).toBeGreaterThan(230)
    expect(frames[30]!.b).toBeGreaterThan(60)
    expect(frames[30]!.g).toBeGreaterThan(60)
    for (let f = 36; f < 48; f++) expect(near(frames[f]!, 0, 254, 0), `frame ${f} green`).toBe(true)
    for (let f = 48; f < 60; f++) expect(near(frames[f]!, ...card), `frame ${f} end card`).toBe(true)
  })
})
