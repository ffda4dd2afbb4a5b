import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeLineFiles } from '../../../src/render/stitch/captions.js'
import { drawtext } from '../../../src/render/stitch/filtergraph.js'
import { stitchVideo } from '../../../src/render/stitch/index.js'
import { captionLimits, FONTS, type FontRef, placeCaption } from '../../../src/render/stitch/layout.js'
import { planStitch } from '../../../src/render/stitch/plan.js'
import type { ClipInfo } from '../../../src/render/stitch/probe.js'
import { probeClip } from '../../../src/render/stitch/probe.js'
import { differingPixels, FFPROBE, frameAt, makeClip, renderFrames, renderPlanFrames, tempDir } from './helpers.js'

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

/** Rows from the top of the tallest possible caption band to the bottom of the frame. */
function captionRows(): [number, number] {
  return [placeCaption(SIZE, '9:16', 3, captionLimits(SIZE, '9:16').fontSize).band.y, SIZE.height]
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

describe('zh-CN captions', () => {
  it('draw real glyphs, not empty boxes', async () => {
    const [a, b, empty] = await Promise.all([zhFrame('你好世界', 'a'), zhFrame('一二三四', 'b'), zhFrame('', 'empty')])
    expect(differingPixels(a, empty, SIZE.width, captionRows())).toBeGreaterThan(200)
    expect(differingPixels(b, empty, SIZE.width, captionRows())).toBeGreaterThan(200)
    // Missing glyphs would all be the same .notdef box: different characters must look different.
    expect(differingPixels(a, b, SIZE.width, captionRows())).toBeGreaterThan(100)
  })

  it('use the Simplified Chinese face, not face 0 of the collection (Japanese forms)', async () => {
    const textDir = path.join(dir, 'faces')
    await mkdir(textDir, { recursive: true })
    const [file] = await writeLineFiles(textDir, 'zh', ['直骨写'])
    const source = ['-f', 'lavfi', '-i', 'color=c=white:s=240x80:r=1', '-frames:v', '1', '-vf']
    const spec = { file: file!.path, fontSize: 48, color: 'black', baseline: 60 }
    const sc = (await renderFrames([...source, drawtext({ ...spec, font: FONTS['zh-CN'].regular })], 240, 80))[0]!
    const jp = (await renderFrames([...source, drawtext({ ...spec, font: FONTS.en.regular })], 240, 80))[0]!
    expect(differingPixels(sc, jp, 240, [0, 80], 64)).toBeGreaterThan(50)
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
  })
})

describe('zh-HK captions', () => {
  /** 骨 and 直 drawn alone with a font: 骨 differs between SC and TC, both differ from face 0 (JP). */
  async function drawn(font: FontRef, name: string): Promise<Buffer> {
    const textDir = path.join(dir, name)
    await mkdir(textDir, { recursive: true })
    const [file] = await writeLineFiles(textDir, 'zh', ['骨直'])
    const source = ['-f', 'lavfi', '-i', 'color=c=white:s=240x80:r=1', '-frames:v', '1', '-vf']
    const spec = { file: file!.path, fontSize: 48, color: 'black', baseline: 60 }
    return (await renderFrames([...source, drawtext({ ...spec, font })], 240, 80))[0]!
  }

  it('use the Traditional Chinese face: the same glyphs as TC, not face 0 (Japanese) nor SC', async () => {
    const [hk, tc, jp, sc] = await Promise.all([
      drawn(FONTS['zh-HK'].regular, 'hk-face'),
      drawn({ family: 'Noto Sans CJK TC' }, 'tc-face'),
      drawn(FONTS.en.regular, 'jp-face'),
      drawn(FONTS['zh-CN'].regular, 'sc-face'),
    ])
    expect(differingPixels(hk, tc, 240, [0, 80])).toBe(0)
    expect(differingPixels(hk, jp, 240, [0, 80], 64)).toBeGreaterThan(50)
    expect(differingPixels(hk, sc, 240, [0, 80], 64)).toBeGreaterThan(50)
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
