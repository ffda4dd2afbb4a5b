import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stitchVideo } from '../../../src/render/stitch/index.js'
import { planStitch } from '../../../src/render/stitch/plan.js'
import type { ClipInfo } from '../../../src/render/stitch/probe.js'
import { probeClip } from '../../../src/render/stitch/probe.js'
import { renderText } from '../../../src/render/stitch/typeset.js'
import { differingPixels, FFPROBE, frameAt, makeClip, renderPlanFrames, tempDir } from './helpers.js'

const SIZE = { width: 288, height: 512 }
let dir: string
let cleanup: () => Promise<void>
let solid: { path: string; info: ClipInfo }

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('cjk'))
  const file = await makeClip(path.join(dir, 'solid.mp4'), {
    width: 180,
    height: 320,
    fps: 24,
    seconds: 1,
    source: { color: '0x6d597a' },
  })
  solid = { path: file, info: await probeClip(FFPROBE, file, 1) }
})

afterAll(() => cleanup())

/** Without a photo captions sit at the bottom: the lower half of the frame holds them. */
function captionRows(): [number, number] {
  return [Math.floor(SIZE.height / 2), SIZE.height]
}

async function zhFrame(caption: string, name: string, language: 'zh-CN' | 'zh-HK' = 'zh-CN'): Promise<Buffer> {
  const textDir = path.join(dir, name)
  await mkdir(textDir, { recursive: true })
  const plan = await planStitch(
    {
      clips: [{ path: solid.path, caption, transition: 'cut', info: solid.info }],
      endCard: { title: '标题', callToAction: '立即购买', seconds: 0.5, transition: 'cut' },
      aspectRatio: '9:16',
      language,
      size: SIZE,
      fps: 24,
      silentAudio: false,
    },
    textDir,
  )
  return (await renderPlanFrames(plan, SIZE.width, SIZE.height))[5]!
}

type Glyphs = { rgba: Buffer; width: number; height: number }
const STYLE = { fontSize: 48, weight: 'bold' as const, colour: '#000000' }

/** 直骨 as the stitch's caption typesetter draws them for a language. */
async function captionGlyphs(language: 'zh-CN' | 'zh-HK'): Promise<Glyphs> {
  return (await renderText(['直骨'], { ...STYLE, language }))!
}

/** 直骨 drawn straight from one face of Noto Sans CJK, bold at the same size. */
async function faceGlyphs(family: string): Promise<Glyphs> {
  const { data, info } = await sharp({ text: { text: '直骨', font: `${family} Bold 48`, rgba: true, dpi: 72 } })
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { rgba: data, width: info.width, height: info.height }
}

/** Pixels whose coverage differs clearly, over the area both images share. */
function alphaDiff(a: Glyphs, b: Glyphs): number {
  let n = 0
  for (let y = 0; y < Math.min(a.height, b.height); y++)
    for (let x = 0; x < Math.min(a.width, b.width); x++)
      if (Math.abs((a.rgba[(y * a.width + x) * 4 + 3] ?? 0) - (b.rgba[(y * b.width + x) * 4 + 3] ?? 0)) > 64) n++
  return n
}

describe('zh-CN captions', () => {
  it('draw real glyphs, not empty boxes', async () => {
    const [a, b, empty] = await Promise.all([zhFrame('你好世界', 'a'), zhFrame('一二三四', 'b'), zhFrame('', 'empty')])
    expect(differingPixels(a, empty, SIZE.width, captionRows())).toBeGreaterThan(200)
    expect(differingPixels(b, empty, SIZE.width, captionRows())).toBeGreaterThan(200)
    // Missing glyphs would all be the same .notdef box: different characters must look different.
    expect(differingPixels(a, b, SIZE.width, captionRows())).toBeGreaterThan(100)
  })

  it('use the Simplified Chinese face, not the Japanese forms', async () => {
    const sc = await captionGlyphs('zh-CN')
    const jp = await faceGlyphs('Noto Sans CJK JP')
    expect(alphaDiff(sc, jp)).toBeGreaterThan(50)
    expect(alphaDiff(sc, await faceGlyphs('Noto Sans CJK SC'))).toBe(0)
  })

  it('show up in the encoded video, in the caption area', async () => {
    const run = async (caption: string, name: string) =>
      stitchVideo({
        clips: [{ path: solid.path, caption }],
        endCard: { title: '智能台灯', callToAction: '立即购买', seconds: 0.5 },
        aspectRatio: '9:16',
        language: 'zh-CN',
        outputPath: path.join(dir, name, 'v.mp4'),
        posterPath: path.join(dir, name, 'p.jpg'),
        size: SIZE,
      })
    const [withText, without] = await Promise.all([
      run('全新智能台灯，让夜晚明亮如昼', 'enc-text'),
      run('', 'enc-empty'),
    ])
    const a = await frameAt(withText.outputPath, 0.3)
    const b = await frameAt(without.outputPath, 0.3)
    // Encoded frames differ a little everywhere; glyphs differ a lot, and only in the caption area.
    expect(differingPixels(a.rgb, b.rgb, SIZE.width, captionRows(), 60)).toBeGreaterThan(200)
    expect(differingPixels(a.rgb, b.rgb, SIZE.width, [0, Math.floor(SIZE.height / 2)], 60)).toBe(0)
    // Two stitches at once: past 30 s when the suite's other render tests share the cores.
  }, 90_000)
})

describe('zh-HK captions', () => {
  it('use the Traditional Chinese face: the same glyphs as TC, not the Japanese nor the Simplified forms', async () => {
    const hk = await captionGlyphs('zh-HK')
    expect(alphaDiff(hk, await faceGlyphs('Noto Sans CJK TC'))).toBe(0)
    expect(alphaDiff(hk, await faceGlyphs('Noto Sans CJK JP'))).toBeGreaterThan(50)
    expect(alphaDiff(hk, await faceGlyphs('Noto Sans CJK SC'))).toBeGreaterThan(50)
  })

  it('are drawn with it in the stitch: the same words look different from a zh-CN caption', async () => {
    const [hk, cn, empty] = await Promise.all([
      zhFrame('骨直', 'hk-caption', 'zh-HK'),
      zhFrame('骨直', 'cn-caption', 'zh-CN'),
      zhFrame('', 'hk-empty', 'zh-HK'),
    ])
    expect(differingPixels(hk, empty, SIZE.width, captionRows())).toBeGreaterThan(200)
    expect(differingPixels(hk, cn, SIZE.width, captionRows(), 64)).toBeGreaterThan(10)
  })
})
