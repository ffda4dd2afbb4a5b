import { execFile } from 'node:child_process'
import { mkdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CaptionFace, captionFaceInfo, captionFaces, familyOf } from '../../../src/formats/fonts.js'
import { type Language, safeArea } from '../../../src/render/stitch/layout.js'
import { planStitch } from '../../../src/render/stitch/plan.js'
import type { ClipInfo } from '../../../src/render/stitch/probe.js'
import { probeClip } from '../../../src/render/stitch/probe.js'
import { markupOf, renderText } from '../../../src/render/stitch/typeset.js'
import { FFPROBE, makeClip, tempDir } from './helpers.js'

// Every caption face of the brand kit (src/formats/fonts.ts) drawn by the real typesetter: each is
// the family fontconfig resolves (installed, not a fallback), each looks different, a Latin face
// hands Chinese to Noto CJK (ink, not boxes), and its captions stay inside the frame.

const SIZE = { width: 288, height: 512 }
let dir: string
let cleanup: () => Promise<void>
let clip: { path: string; info: ClipInfo }

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('faces'))
  const file = await makeClip(path.join(dir, 'grey.mp4'), {
    width: 180,
    height: 320,
    fps: 24,
    seconds: 1,
    source: { color: '0x808080' },
  })
  clip = { path: file, info: await probeClip(FFPROBE, file, 1) }
})

afterAll(() => cleanup())

type Ink = { alpha: Buffer; width: number; height: number }

async function inkOf(text: string, language: Language, face: CaptionFace): Promise<Ink> {
  const r = (await renderText([text], { language, fontSize: 48, weight: 'bold', colour: '#FFFFFF', face }))!
  const alpha = Buffer.alloc(r.width * r.height)
  for (let i = 0; i < alpha.length; i++) alpha[i] = r.rgba[i * 4 + 3]!
  return { alpha, width: r.width, height: r.height }
}

/**
 * The same text, in the same markup as the face's (its line height included), from one fontconfig
 * family alone: what Pango draws when nothing else is listed.
 */
async function inkOfFamily(text: string, family: string, language: Language, face: CaptionFace): Promise<Ink> {
  const style = { language, fontSize: 48, weight: 'bold' as const, colour: '#FFFFFF', face }
  const { data, info } = await sharp({
    text: { text: markupOf([text], style), font: `${family} Bold 48`, rgba: true, dpi: 72 },
  })
    .extractChannel(3)
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { alpha: data, width: info.width, height: info.height }
}

/** Pixels whose coverage differs clearly; a different size counts every pixel outside the shared area. */
function inkDiff(a: Ink, b: Ink): number {
  let n = Math.abs(a.width * a.height - b.width * b.height)
  for (let y = 0; y < Math.min(a.height, b.height); y++)
    for (let x = 0; x < Math.min(a.width, b.width); x++)
      if (Math.abs(a.alpha[y * a.width + x]! - b.alpha[y * b.width + x]!) > 64) n++
  return n
}

const inkTotal = (ink: Ink) => ink.alpha.reduce((sum, v) => sum + v, 0) / 255

const LATIN = 'Warm light, all night'
const ZH_CN = '暖光整夜，护眼不闪'
const ZH_HK = '暖光整夜，護眼不閃'

describe('the caption faces', () => {
  it('are each the family fontconfig resolves, bold, not a fallback', async () => {
    const run = promisify(execFile)
    for (const face of captionFaces) {
      const info = captionFaceInfo[face]
      const wanted = info.latinFamily ?? `${info.cjkPrefix} SC`
      const { stdout } = await run('fc-match', ['-f', '%{family}\n%{style}', `${wanted}:bold`])
      const [families, style] = stdout.split('\n')
      expect(families!.split(','), face).toContain(wanted)
      expect(style, face).toMatch(/Bold/)
    }
  })

  it('draw Latin text in the requested family itself, and every face differently', async () => {
    const inks = new Map<CaptionFace, Ink>()
    for (const face of captionFaces) {
      const ink = await inkOf(LATIN, 'en', face)
      inks.set(face, ink)
      // The family list's first entry draws it: the same ink as that family alone.
      const first = familyOf('en', face).split(',')[0]!.trim()
      expect(inkDiff(ink, await inkOfFamily(LATIN, first, 'en', face)), face).toBe(0)
    }
    for (const a of captionFaces)
      for (const b of captionFaces) {
        if (a >= b) continue
        expect(inkDiff(inks.get(a)!, inks.get(b)!), `${a} vs ${b}`).toBeGreaterThan(500)
      }
  })

  it('draw Chinese in a Latin face with Noto CJK: the same ink as the Noto face, no boxes', async () => {
    for (const [language, text] of [
      ['zh-CN', ZH_CN],
      ['zh-HK', ZH_HK],
    ] as const) {
      const noto = await inkOf(text, language, 'sans')
      // Missing glyphs would all be one .notdef box: other characters must look different.
      expect(inkDiff(noto, await inkOf('一二三四五六七八', language, 'sans'))).toBeGreaterThan(500)
      for (const face of captionFaces.filter((f) => captionFaceInfo[f].latinFamily)) {
        const ink = await inkOf(text, language, face)
        expect(inkTotal(ink), `${face} ${language}`).toBeGreaterThan(0.97 * inkTotal(noto))
        expect(inkTotal(ink), `${face} ${language}`).toBeLessThan(1.03 * inkTotal(noto))
        // Every glyph from the language's Noto face: the same picture as that family alone.
        const cjk = familyOf(language, face).split(',')[1]!.trim()
        expect(inkDiff(ink, await inkOfFamily(text, cjk, language, face)), `${face} ${language}`).toBe(0)
      }
    }
  })

  it('set lines 1.23 em apart in every face, Latin or Chinese, without colliding', async () => {
    const height = async (lines: string[], language: Language, face: CaptionFace) =>
      (await renderText(lines, { language, fontSize: 48, weight: 'bold', colour: '#FFFFFF', face }))!.height
    for (const face of captionFaces)
      for (const [language, line] of [
        ['en', 'Hg'],
        ['zh-CN', '暖光'],
      ] as const) {
        const advance = (await height([line, line], language, face)) - (await height([line], language, face))
        expect(advance, `${face} ${language}`).toBeGreaterThanOrEqual(Math.round(1.23 * 48) - 1)
        expect(advance, `${face} ${language}`).toBeLessThanOrEqual(Math.round(1.23 * 48) + 1)
      }
  })

  it('keep a long caption and the end card inside the frame in every face, each drawn in its face', async () => {
    const safe = safeArea(SIZE, '9:16')
    const captions = new Map<CaptionFace, Buffer>()
    const cards = new Map<CaptionFace, Buffer>()
    for (const face of captionFaces) {
      const workDir = path.join(dir, `long-${face}`)
      await mkdir(workDir, { recursive: true })
      const plan = await planStitch(
        {
          clips: [
            {
              path: clip.path,
              caption: 'Warm light for every room, all night long, with USB-C charging in two hours',
              transition: 'cut',
              info: clip.info,
            },
          ],
          endCard: { title: 'Halo Lamp Maximum', callToAction: 'Shop now', seconds: 0.5, transition: 'cut' },
          aspectRatio: '9:16',
          language: 'en',
          size: SIZE,
          fps: 24,
          silentAudio: false,
          brand: { face },
        },
        workDir,
      )
      const caption = plan.captions[0]!
      expect(caption.x, face).toBeGreaterThanOrEqual(safe.x)
      expect(caption.x + caption.width, face).toBeLessThanOrEqual(safe.x + safe.width)
      captions.set(face, await readFile(caption.file))
      cards.set(face, await readFile(plan.endCardFile))
    }
    for (const a of captionFaces)
      for (const b of captionFaces) {
        if (a >= b) continue
        expect(captions.get(a)!.equals(captions.get(b)!), `caption ${a} vs ${b}`).toBe(false)
        expect(cards.get(a)!.equals(cards.get(b)!), `end card ${a} vs ${b}`).toBe(false)
      }
  })
})
