import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stitchVideo } from '../../../src/render/stitch/index.js'
import { contrast, readableAccent } from '../../../src/render/stitch/layout.js'
import { type PlanBrand, planStitch } from '../../../src/render/stitch/plan.js'
import type { ClipInfo } from '../../../src/render/stitch/probe.js'
import { probeClip } from '../../../src/render/stitch/probe.js'
import { boxOverWhite, CAPTION_BOX, captionBoxColour, captionPng } from '../../../src/render/stitch/typeset.js'
import { FFPROBE, frameAt, makeClip, renderPlanFrames, tempDir } from './helpers.js'

// The brand kit drawn by the real stitcher: the logo on the end card, the corner logo (off unless
// chosen, the last 2 s only under Taobao's rule), the chosen caption face, the colours' contrast.

const SIZE = { width: 288, height: 512 }
const FPS = 24
let dir: string
let cleanup: () => Promise<void>
let clip: { path: string; info: ClipInfo }
let logo: string

/** A magenta that neither the grey clip, the card nor the captions contain. */
const isMagenta = (rgb: Buffer, i: number) => rgb[i]! > 190 && rgb[i + 1]! < 80 && rgb[i + 2]! > 190

function magentaIn(rgb: Buffer, width: number, box?: { x: number; y: number; width: number; height: number }): number {
  const b = box ?? { x: 0, y: 0, width, height: rgb.length / 3 / width }
  let n = 0
  for (let y = b.y; y < b.y + b.height; y++)
    for (let x = b.x; x < b.x + b.width; x++) if (isMagenta(rgb, (y * width + x) * 3)) n++
  return n
}

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('brand'))
  const file = await makeClip(path.join(dir, 'grey.mp4'), {
    width: 180,
    height: 320,
    fps: FPS,
    seconds: 1,
    source: { color: '0x808080' },
  })
  clip = { path: file, info: await probeClip(FFPROBE, file, 1) }
  // A magenta disc on a transparent square: its transparency must survive to the frame.
  logo = path.join(dir, 'logo.png')
  await sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><circle cx="100" cy="100" r="90" fill="#FF00FF"/></svg>',
    ),
  )
    .png()
    .toFile(logo)
})

afterAll(() => cleanup())

async function plan(name: string, brand: PlanBrand | null, shots = 1, endSeconds = 0.5) {
  const workDir = path.join(dir, name)
  await mkdir(workDir, { recursive: true })
  return planStitch(
    {
      clips: Array.from({ length: shots }, () => ({
        path: clip.path,
        caption: '',
        transition: 'cut' as const,
        info: clip.info,
      })),
      endCard: { title: 'Halo Lamp', callToAction: 'Shop now', seconds: endSeconds, transition: 'dissolve' },
      aspectRatio: '9:16',
      language: 'en',
      size: SIZE,
      fps: FPS,
      silentAudio: false,
      brand,
    },
    workDir,
  )
}

describe('the brand kit in the stitch', () => {
  it('draws the logo on the end card of a stitched video, transparency kept', async () => {
    const out = path.join(dir, 'with-logo.mp4')
    await stitchVideo({
      clips: [{ path: clip.path, caption: 'Warm light' }],
      endCard: { title: 'Halo Lamp', callToAction: 'Shop now', seconds: 1.5 },
      brand: { logoPath: logo, handle: 'halolamp.example' },
      aspectRatio: '9:16',
      language: 'en',
      size: SIZE,
      outputPath: out,
      posterPath: path.join(dir, 'with-logo.jpg'),
      ffprobePath: FFPROBE,
    })
    const card = await frameAt(out, 1.8)
    // The same card without the kit: not one magenta pixel.
    const unbranded = await plan('no-logo', null)
    const without = { rgb: await sharp(unbranded.endCardFile).removeAlpha().raw().toBuffer(), width: SIZE.width }
    // The logo is about two lines of type tall (~2 × 29 px): a disc of that size, minus edges.
    const found = magentaIn(card.rgb, card.width)
    expect(found).toBeGreaterThan(1200)
    expect(magentaIn(without.rgb, without.width)).toBe(0)
    // Transparency kept: the corners of the disc's square show the light card, not black.
    let [x0, y0] = [card.width, card.height]
    for (let i = 0; i < card.rgb.length; i += 3)
      if (isMagenta(card.rgb, i)) {
        x0 = Math.min(x0, (i / 3) % card.width)
        y0 = Math.min(y0, Math.floor(i / 3 / card.width))
      }
    const corner = (y0 * card.width + x0) * 3
    expect(Math.min(card.rgb[corner]!, card.rgb[corner + 1]!, card.rgb[corner + 2]!)).toBeGreaterThan(200)
    const shot = await frameAt(out, 0.3)
    expect(magentaIn(shot.rgb, shot.width)).toBe(0) // no corner logo unless chosen
  })

  it('shows the handle on the end card when the call to action names no link, in the accent', async () => {
    const blue = (rgb: Buffer, w: number) => {
      let n = 0
      for (let i = 0; i < rgb.length; i += 3) if (rgb[i]! < 60 && rgb[i + 1]! < 60 && rgb[i + 2]! > 170) n++
      return n / w
    }
    const withHandle = await plan('handle', { handle: 'halolamp.example', accentColor: '#0000FF' })
    const without = await plan('no-handle', { accentColor: '#0000FF' })
    const a = await sharp(await readFile(withHandle.endCardFile))
      .raw()
      .toBuffer()
    const b = await sharp(await readFile(without.endCardFile))
      .raw()
      .toBuffer()
    expect(blue(a, SIZE.width)).toBeGreaterThan(0.5)
    expect(blue(b, SIZE.width)).toBe(0)
  })

  it('keeps the corner logo off by default and draws it on every shot when chosen', async () => {
    const off = await plan('corner-off', { logoPath: logo })
    expect(off.cornerLogo).toBeNull()
    const offFrames = await renderPlanFrames(off, SIZE.width, SIZE.height)
    expect(magentaIn(offFrames[0]!, SIZE.width)).toBe(0)

    const on = await plan('corner-on', { logoPath: logo, cornerLogo: {} })
    expect(on.cornerLogo?.fromFrame).toBe(0)
    const box = on.cornerLogo!
    const frames = await renderPlanFrames(on, SIZE.width, SIZE.height)
    // Every frame of the shot has it in its box (85 % opaque over grey still reads as magenta-ish).
    const reddish = (rgb: Buffer) => {
      let n = 0
      for (let y = box.y; y < box.y + box.height; y++)
        for (let x = box.x; x < box.x + box.width; x++) {
          const i = (y * SIZE.width + x) * 3
          if (rgb[i]! > 170 && rgb[i + 1]! < 110 && rgb[i + 2]! > 170) n++
        }
      return n
    }
    for (const f of [0, 10, 20]) expect(reddish(frames[f]!), `frame ${f}`).toBeGreaterThan(box.width * box.height * 0.5)
    expect(reddish(offFrames[0]!)).toBe(0)
  })

  it('under Taobao’s rule shows the corner logo only in the last 2 s', async () => {
    // Three 1 s shots and a 2 s end card joined by a 0.5 s dissolve: 4.5 s, 108 frames.
    const taobao = await plan('taobao', { logoPath: logo, cornerLogo: { lastSeconds: 2 } }, 3, 2)
    const frames = await renderPlanFrames(taobao, SIZE.width, SIZE.height)
    expect(frames.length).toBe(108)
    const from = taobao.cornerLogo!.fromFrame
    expect(from).toBe(108 - 2 * FPS)
    const box = taobao.cornerLogo!
    const inBox = (f: number) => magentaIn(frames[f]!, SIZE.width, box) + reddishCount(frames[f]!, box)
    // Before the last 2 s: never, in any frame.
    for (let f = 0; f < from; f++) expect(inBox(f), `frame ${f}`).toBe(0)
    // In them: the corner logo over the dissolve, then the end card with its own large logo.
    expect(inBox(from)).toBeGreaterThan(0)
    expect(magentaIn(frames[105]!, SIZE.width)).toBeGreaterThan(1000)
  })

  it('draws captions in the chosen face: the serif caption is the serif typeset, not the sans one', async () => {
    const withFace = async (face: 'sans' | 'serif') => {
      const workDir = path.join(dir, `face-${face}`)
      await mkdir(workDir, { recursive: true })
      const p = await planStitch(
        {
          clips: [{ path: clip.path, caption: 'Warm light 暖光', transition: 'cut', info: clip.info }],
          endCard: { title: 'Halo', callToAction: 'Shop', seconds: 0.5, transition: 'cut' },
          aspectRatio: '9:16',
          language: 'en',
          size: SIZE,
          fps: FPS,
          silentAudio: false,
          brand: { face },
        },
        workDir,
      )
      const caption = p.captions[0]!
      return {
        png: await sharp(await readFile(caption.file))
          .raw()
          .toBuffer(),
        caption,
      }
    }
    const serif = await withFace('serif')
    const sans = await withFace('sans')
    const draw = async (face: 'sans' | 'serif') =>
      sharp(
        (await captionPng(serif.caption.lines, {
          language: 'en',
          fontSize: serif.caption.fontSize,
          weight: 'bold',
          colour: '#FFFFFF',
          face,
          highlight: serif.caption.keyword ? { text: serif.caption.keyword, colour: '#FFC93C' } : null,
        }))!.png,
      )
        .raw()
        .toBuffer({ resolveWithObject: true })
    const serifDrawn = await draw('serif')
    const sansDrawn = await draw('sans')
    // Same size as the serif typeset, and a different picture from the sans one.
    expect(serifDrawn.info.width).toBe(serif.caption.width)
    expect(serif.png.equals(sans.png)).toBe(false)
    expect(sansDrawn.data.equals(serifDrawn.data)).toBe(false)
    expect(serif.caption.width).not.toBe(sans.caption.width)
  })

  it('tints the caption box with the primary colour while white text keeps 7:1 and the accent 4.5:1', async () => {
    for (const primary of ['#FF0000', '#FFFF00', '#1D3557', '#FFFFFF', '#00FF88']) {
      const box = captionBoxColour(primary)
      expect(contrast('#FFFFFF', boxOverWhite(box)), primary).toBeGreaterThanOrEqual(7)
    }
    expect(captionBoxColour(undefined)).toBe(CAPTION_BOX.colour)
    expect(captionBoxColour('#FF0000')).not.toBe(CAPTION_BOX.colour)
    // The key word's colour is the accent made readable on that box, as plan.ts picks it.
    for (const accent of ['#FFFF00', '#1D3557', '#777777'])
      for (const primary of ['#FF0000', '#1D3557']) {
        const on = boxOverWhite(captionBoxColour(primary))
        expect(contrast(readableAccent(accent, on), on), `${accent} on ${primary}`).toBeGreaterThanOrEqual(4.5)
      }
  })
})

function reddishCount(rgb: Buffer, box: { x: number; y: number; width: number; height: number }): number {
  let n = 0
  for (let y = box.y; y < box.y + box.height; y++)
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * SIZE.width + x) * 3
      if (rgb[i]! > 170 && rgb[i + 1]! < 110 && rgb[i + 2]! > 170) n++
    }
  return n
}
