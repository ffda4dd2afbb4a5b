// Issue 22, read off rendered frames (lossless, the exact filtergraphs the stitch runs): no frame
// holds parts of two captions, captions keep off the product, and the type is the planned size.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AspectRatio } from '../../../src/render/stitch/layout.js'
import { overlapArea } from '../../../src/render/stitch/layout.js'
import type { PlanInput } from '../../../src/render/stitch/plan.js'
import { planStitch } from '../../../src/render/stitch/plan.js'
import type { ClipInfo } from '../../../src/render/stitch/probe.js'
import { probeClip } from '../../../src/render/stitch/probe.js'
import { findProductBox } from '../../../src/render/stitch/product-box.js'
import { differingPixels, FFPROBE, renderPlanFrames, tempDir } from './helpers.js'
import { makeLampPhoto, makePhotoClip } from './lamp.js'

const SIZES: Record<AspectRatio, { width: number; height: number }> = {
  '9:16': { width: 288, height: 512 },
  // Not smaller: at 22 px type, hinting rounds a CJK glyph up to 1.1 em.
  '1:1': { width: 540, height: 540 },
  '16:9': { width: 512, height: 288 },
  '3:4': { width: 420, height: 560 },
  '4:5': { width: 432, height: 540 },
}
let dir: string
let cleanup: () => Promise<void>
const photos: Record<'low' | 'high', { path: string; clip: { path: string; info: ClipInfo } }> = {} as never

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('caption-frames'))
  for (const [name, box] of [
    ['low', { x: 0.3, y: 0.5, width: 0.4, height: 0.42 }],
    ['high', { x: 0.25, y: 0.06, width: 0.5, height: 0.4 }],
  ] as const) {
    const photo = path.join(dir, `${name}.jpg`)
    await makeLampPhoto(photo, { box })
    const clip = await makePhotoClip(photo, path.join(dir, `${name}.mp4`), 1)
    photos[name] = { path: photo, clip: { path: clip, info: await probeClip(FFPROBE, clip, 1) } }
  }
})
afterAll(() => cleanup())

const CAPTIONS = ['Tired eyes by 9 pm?', 'Flicker-free light with 40 % less glare', 'USB-C phone charging in the base']

async function plan(
  name: string,
  captions: string[],
  opts: { photo: 'low' | 'high'; aspect: AspectRatio; language?: 'en' | 'zh-CN' },
) {
  const work = path.join(dir, name)
  await mkdir(work, { recursive: true })
  const p = photos[opts.photo]
  const input: PlanInput = {
    clips: captions.map((caption, i) => ({
      ...p.clip,
      caption,
      transition: (['cut', 'dissolve', 'cut'] as const)[i % 3] ?? 'cut',
    })),
    endCard: {
      title: 'Halo Desk Lamp',
      callToAction: 'Shop now',
      brandColor: '#1D3557',
      seconds: 0.5,
      transition: 'cut',
    },
    photo: { path: p.path, found: await findProductBox(p.path) },
    aspectRatio: opts.aspect,
    language: opts.language ?? 'en',
    size: SIZES[opts.aspect],
    fps: 24,
    silentAudio: false,
  }
  return planStitch(input, work)
}

describe('captions in rendered frames', () => {
  // Shot 2 dissolves in, shot 3 cuts in and fades out to the end card.
  it('never shows parts of two captions in one frame, across cuts, dissolves and fades', {
    timeout: 180_000,
  }, async () => {
    const size = SIZES['9:16']
    const opts = { photo: 'low' as const, aspect: '9:16' as const }
    const all = await renderPlanFrames(await plan('all', CAPTIONS, opts), size.width, size.height)
    const blank = await renderPlanFrames(await plan('blank', ['', '', ''], opts), size.width, size.height)
    const alone = await Promise.all(
      CAPTIONS.map(async (c, i) => {
        const only = CAPTIONS.map((_, k) => (k === i ? c : ''))
        return renderPlanFrames(await plan(`alone-${i}`, only, opts), size.width, size.height)
      }),
    )
    expect(all).toHaveLength(blank.length)
    const rows: [number, number] = [0, size.height]
    const shown = CAPTIONS.map(() => 0)
    for (let f = 0; f < all.length; f++) {
      // Each frame is the captionless frame, or the frame with exactly one caption alone.
      const matches = alone.map((frames) => differingPixels(all[f]!, frames[f]!, size.width, rows, 2) === 0)
      const isBlank = differingPixels(all[f]!, blank[f]!, size.width, rows, 2) === 0
      const which = matches.flatMap((m, i) => (m ? [i] : []))
      expect(isBlank || which.length >= 1, `frame ${f} is blank or one caption`).toBe(true)
      // A caption frame differs from every other caption's alone-frame (so it is not two at once).
      if (!isBlank) {
        expect(which, `frame ${f}`).toHaveLength(1)
        const k = which[0] as number
        shown[k] = (shown[k] ?? 0) + 1
      }
    }
    // Every caption is up: the first from its first frame, the others once their transition is over.
    for (const n of shown) expect(n).toBeGreaterThanOrEqual(10)
  })

  it.each([
    ['low', '9:16', 'top'],
    ['high', '9:16', 'bottom'],
    ['low', '1:1', 'top'],
    ['high', '1:1', 'bottom'],
    ['low', '3:4', 'top'],
    ['high', '4:5', 'bottom'],
  ] as const)('keeps captions off a product placed %s on %s (at the %s)', async (photo, aspect, side) => {
    const p = await plan(`place-${photo}-${aspect.replace(':', 'x')}`, CAPTIONS, { photo, aspect })
    expect(p.productBox).not.toBeNull()
    const size = SIZES[aspect]
    for (const c of p.captions) {
      expect(c).not.toBeNull()
      expect(overlapArea(c!, p.productBox!)).toBe(0)
      if (side === 'top') expect(c!.y + c!.height).toBeLessThan(size.height / 2)
      else expect(c!.y).toBeGreaterThan(size.height / 2)
    }
  })

  it.each([
    ['en', 'Hg Hg', '9:16'],
    ['zh-CN', '高度 高度', '9:16'],
    ['en', 'Hg Hg', '16:9'],
    ['zh-CN', '高度 高度', '1:1'],
    ['zh-CN', '高度 高度', '3:4'],
    ['en', 'Hg Hg', '4:5'],
  ] as const)('draws %s text "%s" on %s about 6 per cent of the frame high', async (language, text, aspect) => {
    const size = SIZES[aspect]
    const opts = { photo: 'low' as const, aspect, language }
    const p = await plan(`height-${language}-${aspect.replace(':', 'x')}`, [text], opts)
    const box = p.captions[0]!
    const frames = await renderPlanFrames(
      await plan(`height-${language}-${aspect.replace(':', 'x')}`, [text], opts),
      size.width,
      size.height,
    )
    const frame = frames[6]!
    // The text is white on a dark box (the key word, the first word, is in the accent colour):
    // its ink is the near-white rows inside the box.
    const rows: number[] = []
    for (let y = box.y; y < box.y + box.height; y++) {
      // Inside the padding: the box's rounded corners let the light background through.
      for (
        let x = box.x + Math.round(box.fontSize * 0.45);
        x < box.x + box.width - Math.round(box.fontSize * 0.45);
        x++
      ) {
        const i = (y * size.width + x) * 3
        if ((frame[i] ?? 0) > 225 && (frame[i + 1] ?? 0) > 225 && (frame[i + 2] ?? 0) > 225) {
          rows.push(y)
          break
        }
      }
    }
    // Line height of ink, capitals' top to descenders' bottom (or the CJK glyphs' full height).
    const ink = (Math.max(...rows) - Math.min(...rows) + 1) / size.height
    expect(ink).toBeGreaterThan(0.06 * 0.75)
    expect(ink).toBeLessThan(0.06 * 1.25)
  })
})
