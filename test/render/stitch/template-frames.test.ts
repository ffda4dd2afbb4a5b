// Issue 22's frame checks over what the engine really writes: for every template, at 9:16 and
// 1:1, in en and zh-CN, the lamp brief's screenplay is stitched (lossless frames, the stitch's
// own filtergraphs) over a photo with the lamp low in the frame, and each frame is compared with
// the same video drawn without captions. What differs is the captions' ink: it must never touch
// the product's box, every shot's caption must show, and nothing but the end card may differ
// once the captions are gone.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STITCH_TRANSITION } from '../../../src/render/assemble.js'
import type { AspectRatio } from '../../../src/render/stitch/layout.js'
import type { PlanInput } from '../../../src/render/stitch/plan.js'
import { planStitch } from '../../../src/render/stitch/plan.js'
import type { ClipInfo } from '../../../src/render/stitch/probe.js'
import { probeClip } from '../../../src/render/stitch/probe.js'
import { findProductBox } from '../../../src/render/stitch/product-box.js'
import type { Brief } from '../../../src/screenplay/brief.js'
import { writeScreenplay } from '../../../src/screenplay/engine.js'
import { templateIds } from '../../../src/screenplay/templates/index.js'
import { FFPROBE, renderPlanFrames, tempDir } from './helpers.js'
import { lampBrief, makeLampPhoto, makePhotoClip } from './lamp.js'

const SIZES: Partial<Record<AspectRatio, { width: number; height: number }>> = {
  '9:16': { width: 180, height: 320 },
  '1:1': { width: 288, height: 288 },
}
const LAMP = { x: 0.3, y: 0.5, width: 0.4, height: 0.42 }

let dir: string
let cleanup: () => Promise<void>
let photo: { path: string; found: Awaited<ReturnType<typeof findProductBox>> }
let clip: { path: string; info: ClipInfo }

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('template-frames'))
  const file = path.join(dir, 'lamp.jpg')
  await makeLampPhoto(file, { box: LAMP })
  photo = { path: file, found: await findProductBox(file) }
  const made = await makePhotoClip(file, path.join(dir, 'lamp.mp4'), 2)
  clip = { path: made, info: await probeClip(FFPROBE, made, 1) }
})
afterAll(() => cleanup())

async function frames(name: string, brief: Brief, withCaptions: boolean) {
  const aspect = brief.aspectRatio
  const size = SIZES[aspect]!
  const screenplay = writeScreenplay(brief, 0)
  const work = path.join(dir, name)
  await mkdir(work, { recursive: true })
  const input: PlanInput = {
    // Two-second clips: the same cuts, fades and dissolves, far fewer frames than 5 s ones (a
    // one-second shot between two transitions has no body left to carry its caption).
    clips: screenplay.shots.map((shot) => ({
      ...clip,
      caption: withCaptions ? shot.caption : '',
      transition: STITCH_TRANSITION[shot.transition] ?? 'cut',
    })),
    endCard: {
      title: brief.productName,
      callToAction: brief.callToAction,
      brandColor: brief.brandColor,
      seconds: 0.5,
      transition: 'cut',
    },
    photo,
    aspectRatio: aspect,
    language: brief.language,
    size,
    fps: 24,
    silentAudio: false,
  }
  const plan = await planStitch(input, work)
  const rgb = withCaptions
    ? await renderPlanFrames(plan, size.width, size.height)
    : await bareFrames(plan, size.width, size.height)
  return { plan, shots: screenplay.shots.length, rgb }
}

/**
 * The captionless render, piece by piece, each piece's frames kept for the next render of the
 * same template and shape. A piece with exactly the arguments of one already run reads the same
 * files (the shared clip and photo; each render's own files are in a folder of its own, so their
 * paths never repeat), so it gives the same frames: the bare shots repeat between the two
 * languages and between the shots of one screenplay: 62 of the 138 bare pieces.
 */
const bareKept = { of: '', pieces: new Map<string, Promise<Buffer[]>>() }
async function bareFrames(plan: Awaited<ReturnType<typeof planStitch>>, width: number, height: number) {
  const frames: Buffer[] = []
  for (const piece of plan.pieces) {
    const key = JSON.stringify([piece.inputArgs, piece.filtergraph, piece.poster])
    let got = bareKept.pieces.get(key)
    if (!got) {
      got = renderPlanFrames({ pieces: [piece] }, width, height)
      bareKept.pieces.set(key, got)
    }
    frames.push(...(await got))
  }
  return frames
}

/** The box around every pixel that differs clearly between two RGB frames, or null. */
function inkBox(a: Buffer, b: Buffer, width: number, height: number) {
  let x0 = width
  let y0 = height
  let x1 = -1
  let y1 = -1
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      const d = Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!)
      if (d <= 6) continue
      x0 = Math.min(x0, x)
      y0 = Math.min(y0, y)
      x1 = Math.max(x1, x)
      y1 = Math.max(y1, y)
    }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 }
}

const cases = templateIds.flatMap((template) =>
  (['9:16', '1:1'] as const).flatMap((aspect) =>
    (['en', 'zh-CN'] as const).map((language) => [template, aspect, language] as const),
  ),
)

describe('every template’s captions, read off its frames', () => {
  it.each(cases)(
    '%s at %s in %s: captions show on every shot and never touch the product',
    {
      timeout: 120_000,
    },
    async (template, aspect, language) => {
      const brief = lampBrief(language, aspect, template)
      // Kept for one template and shape at a time: the frames are large.
      if (bareKept.of !== `${template} ${aspect}`) bareKept.pieces.clear()
      bareKept.of = `${template} ${aspect}`
      const name = `${template}-${aspect.replace(':', 'x')}-${language}`
      const [drawn, bare] = await Promise.all([frames(`${name}-c`, brief, true), frames(`${name}-b`, brief, false)])
      const size = SIZES[aspect]!
      const product = drawn.plan.productBox
      expect(product, 'the lamp is found in the photo').not.toBeNull()
      expect(drawn.rgb).toHaveLength(bare.rgb.length)

      // One piece per shot (its body and its transition into the next), then the end card's.
      const starts = drawn.plan.pieces.map((_, k) => drawn.plan.pieces.slice(0, k).reduce((n, p) => n + p.frames, 0))
      const shotOfFrame = (f: number) => starts.findLastIndex((start) => start <= f)
      const seen = new Set<number>()
      for (let f = 0; f < drawn.rgb.length; f++) {
        const ink = inkBox(drawn.rgb[f]!, bare.rgb[f]!, size.width, size.height)
        if (!ink) continue
        const shot = shotOfFrame(f)
        expect(shot, `frame ${f}: a caption on the end card`).toBeLessThan(drawn.shots)
        seen.add(shot)
        const apart =
          ink.x + ink.width <= product!.x ||
          product!.x + product!.width <= ink.x ||
          ink.y + ink.height <= product!.y ||
          product!.y + product!.height <= ink.y
        expect(apart, `frame ${f}: caption ink ${JSON.stringify(ink)} on the product ${JSON.stringify(product)}`).toBe(
          true,
        )
      }
      // Every shot's caption was drawn at some point of its second.
      expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: drawn.shots }, (_, i) => i))
    },
  )
})
