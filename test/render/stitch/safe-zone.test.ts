import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { presetIds, presets } from '../../../src/formats/presets.js'
import { type StitchInput, stitchVideo } from '../../../src/render/stitch/index.js'
import { ASPECT_VALUES, safeArea } from '../../../src/render/stitch/layout.js'
import { FFMPEG, FFPROBE, makeClip, renderFrames, tempDir } from './helpers.js'

// Every preset × caption language through the real stitcher (issue 24): the caption's drawn box,
// measured from the frames (a captioned shot against the same shot without a caption), lies inside
// the preset's safe zone. Small frames (short side 240) and 10 fps keep it quick, and presets
// that ask the stitcher for exactly the same video (Douyin, TikTok and Reels at 9:16 with the same
// zone; YouTube and Amazon) share one render: the key is the whole stitch input, so a preset whose
// values change gets its own render again.

const CAPTIONS = {
  en: 'Warm light that follows the sun from morning to night',
  'zh-CN': '随太阳移动的暖光，从早到晚陪伴你的书桌和每一个夜晚',
  'zh-HK': '隨太陽移動的暖光，從早到晚陪伴你的書桌和每一個夜晚',
} as const
const languages = Object.keys(CAPTIONS) as (keyof typeof CAPTIONS)[]

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('safe-zone'))
})
afterAll(() => cleanup())

const even = (n: number) => Math.round(n / 2) * 2

/** One plain clip per frame size, shared by the presets of that shape. */
const clips = new Map<string, Promise<string>>()
function clipFor(size: { width: number; height: number }): Promise<string> {
  const key = `${size.width}x${size.height}`
  let clip = clips.get(key)
  if (!clip) {
    clip = makeClip(path.join(dir, `${key}.mp4`), { ...size, fps: 10, seconds: 1, source: { color: '0x3a5a40' } })
    clips.set(key, clip)
  }
  return clip
}

/** The box of pixels that differ by more than `threshold` on any channel. */
function diffBox(a: Buffer, b: Buffer, width: number, height: number, threshold = 48) {
  let [x0, y0, x1, y1] = [width, height, -1, -1]
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      const d = Math.max(...[0, 1, 2].map((c) => Math.abs((a[i + c] ?? 0) - (b[i + c] ?? 0))))
      if (d > threshold) {
        x0 = Math.min(x0, x)
        y0 = Math.min(y0, y)
        x1 = Math.max(x1, x)
        y1 = Math.max(y1, y)
      }
    }
  return { x0, y0, x1, y1 }
}

type Variable = Pick<StitchInput, 'aspectRatio' | 'safeZone' | 'chineseWrap'> & {
  language: (typeof languages)[number]
  size: { width: number; height: number }
}

/** The stitch's frames in the captioned shot and in the bare one; one render per distinct input. */
const renders = new Map<string, Promise<[Buffer, Buffer]>>()
function framesOf(variable: Variable, name: string): Promise<[Buffer, Buffer]> {
  const key = JSON.stringify(variable)
  let frames = renders.get(key)
  if (!frames) {
    frames = (async () => {
      const out = path.join(dir, `${name}-out.mp4`)
      await stitchVideo({
        clips: [
          { path: await clipFor(variable.size), caption: CAPTIONS[variable.language], transition: 'cut' },
          { path: await clipFor(variable.size), caption: '', transition: 'cut' },
        ],
        endCard: { title: 'Halo', callToAction: 'Shop now', seconds: 0.5, transition: 'cut' },
        ...variable,
        fps: 10,
        outputPath: out,
        posterPath: path.join(dir, `${name}.jpg`),
        ffmpegPath: FFMPEG,
        ffprobePath: FFPROBE,
        tempDir: dir,
      })
      // One decode for both frames: 0.5 s into the captioned shot, 0.5 s into the bare one.
      const all = await renderFrames(['-i', out], variable.size.width, variable.size.height)
      return [all[5]!, all[15]!] as [Buffer, Buffer]
    })()
    renders.set(key, frames)
  }
  return frames
}

const cases = presetIds.flatMap((preset) => languages.map((language) => [preset, language] as const))

describe('captions inside each preset’s safe zone, measured from the frames', () => {
  it.each(cases)('%s in %s', { timeout: 60_000 }, async (id, language) => {
    const preset = presets[id]
    const aspect = preset.ratios[0]!
    const value = ASPECT_VALUES[aspect]
    const size = value < 1 ? { width: 240, height: even(240 / value) } : { width: even(240 * value), height: 240 }
    const [captioned, bare] = await framesOf(
      {
        aspectRatio: aspect,
        language,
        ...(preset.safeZone ? { safeZone: preset.safeZone } : {}),
        chineseWrap: preset.chineseWrap,
        size,
      },
      `${id}-${language}`,
    )
    const box = diffBox(captioned, bare, size.width, size.height)
    expect(box.x1, 'a caption was drawn').toBeGreaterThan(box.x0)
    // The zone: the preset's fractions, or (no zone of its own) the ratio's safe area.
    const zone = preset.safeZone
      ? {
          left: size.width * preset.safeZone.left,
          right: size.width * (1 - preset.safeZone.right),
          top: size.height * preset.safeZone.top,
          bottom: size.height * (1 - preset.safeZone.bottom),
        }
      : (() => {
          const s = safeArea(size, aspect)
          return { left: s.x, right: s.x + s.width, top: s.y, bottom: s.y + s.height }
        })()
    expect(box.x0).toBeGreaterThanOrEqual(Math.floor(zone.left))
    expect(box.x1).toBeLessThanOrEqual(Math.ceil(zone.right))
    expect(box.y0).toBeGreaterThanOrEqual(Math.floor(zone.top))
    expect(box.y1).toBeLessThanOrEqual(Math.ceil(zone.bottom))
  })
})
