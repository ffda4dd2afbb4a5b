import { mkdir, stat } from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AspectRatio } from '../../../src/render/stitch/index.js'
import { stitchVideo } from '../../../src/render/stitch/index.js'
import { FFMPEG, FFPROBE, isJpeg, leftovers, makeClip, probe, tempDir, topLevelBoxes } from './helpers.js'

let dir: string
let cleanup: () => Promise<void>
let clips: Record<'wide' | 'tall' | 'square', string>

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('e2e'))
  // Mismatched on purpose: sizes, 25 vs 30 fps, 1.0 vs 1.04 s, with and without audio.
  const [wide, tall, square] = await Promise.all([
    makeClip(path.join(dir, 'wide.mp4'), { width: 320, height: 240, fps: 25, seconds: 1.04, audio: true }),
    makeClip(path.join(dir, 'tall.mp4'), { width: 240, height: 400, fps: 30, seconds: 1 }),
    makeClip(path.join(dir, 'square.mp4'), {
      width: 200,
      height: 200,
      fps: 24,
      seconds: 1.2,
      source: { color: '0x2a6f97' },
    }),
  ])
  clips = { wide, tall, square }
})

afterAll(() => cleanup())

const SIZES: Record<AspectRatio, { width: number; height: number }> = {
  '9:16': { width: 288, height: 512 },
  '16:9': { width: 512, height: 288 },
  '1:1': { width: 384, height: 384 },
  '3:4': { width: 288, height: 384 },
  '4:5': { width: 320, height: 400 },
}

describe('stitchVideo', () => {
  it.each(['9:16', '16:9', '1:1', '3:4', '4:5'] as const)(
    'makes a playable, faststart %s MP4 and a poster of the same size',
    async (aspect) => {
      const size = SIZES[aspect]
      const out = path.join(dir, `out-${aspect.replace(':', 'x')}`)
      const work = path.join(dir, `tmp-${aspect.replace(':', 'x')}`)
      const progress: number[] = []
      const result = await stitchVideo({
        clips: [
          { path: clips.wide, caption: 'A lamp that follows the sun' },
          { path: clips.tall, caption: 'Warm light for late nights', transition: 'fade' },
          { path: clips.square, caption: 'Folds flat', transition: 'cut' },
        ],
        endCard: { title: 'Lumi Lamp', callToAction: 'Shop now', brandColor: '#1d3557', seconds: 1.5 },
        aspectRatio: aspect,
        language: 'en',
        outputPath: path.join(out, 'video.mp4'),
        posterPath: path.join(out, 'poster.jpg'),
        size,
        ffmpegPath: FFMPEG,
        ffprobePath: FFPROBE,
        tempDir: await ensureDir(work),
        onProgress: (f) => progress.push(f),
      })

      // 25 (1.04 s) + 24 + 29 (1.2 s) + 36 end-card frames, minus 12 for the fade and 12 for the
      // default dissolve into the end card; the cut adds nothing.
      const frames = 25 + 24 + 29 + 36 - 12 - 12
      expect(result).toEqual({
        outputPath: path.join(out, 'video.mp4'),
        posterPath: path.join(out, 'poster.jpg'),
        durationSeconds: frames / 24,
        ...size,
        audio: 'silence',
      })

      const info = await probe(result.outputPath)
      const video = info.streams.find((s) => s.codec_type === 'video')
      const audio = info.streams.find((s) => s.codec_type === 'audio')
      expect(video).toMatchObject({
        codec_name: 'h264',
        pix_fmt: 'yuv420p',
        width: size.width,
        height: size.height,
        nb_frames: String(frames),
      })
      expect(audio?.codec_name).toBe('aac')
      expect(Number(info.format.duration)).toBeCloseTo(frames / 24, 0)
      expect(Math.abs(Number(info.format.duration) - frames / 24)).toBeLessThan(0.15)

      const boxes = await topLevelBoxes(result.outputPath)
      expect(boxes.indexOf('moov')).toBeGreaterThanOrEqual(0)
      expect(boxes.indexOf('moov')).toBeLessThan(boxes.indexOf('mdat'))

      expect(await isJpeg(result.posterPath)).toBe(true)
      expect(await sharp(result.posterPath).metadata()).toMatchObject({
        format: 'jpeg',
        width: size.width,
        height: size.height,
      })

      expect(progress.at(-1)).toBe(1)
      expect(progress).toEqual([...progress].sort((a, b) => a - b))
      expect(await leftovers(out)).toEqual(expect.arrayContaining(['video.mp4', 'poster.jpg']))
      expect(await leftovers(out)).toHaveLength(2)
      expect(await leftovers(work)).toEqual([])
    },
  )

  it('keeps each clip’s own length with hard cuts, without an audio track when asked', async () => {
    const out = path.join(dir, 'cuts')
    const result = await stitchVideo({
      clips: [
        { path: clips.wide, caption: '' },
        { path: clips.tall, caption: 'Two' },
        { path: clips.square, caption: 'Three', transition: 'slide' },
      ],
      endCard: { title: 'Lumi', callToAction: 'Buy', seconds: 1, transition: 'cut' },
      aspectRatio: '9:16',
      language: 'en',
      outputPath: path.join(out, 'v.mp4'),
      posterPath: path.join(out, 'p.jpg'),
      size: SIZES['9:16'],
      fps: 30,
      silentAudio: false,
    })
    // At 30 fps: 31 + 30 + 36 + 30 frames, minus 15 for the slide.
    const frames = 31 + 30 + 36 + 30 - 15
    expect(result.durationSeconds).toBeCloseTo(frames / 30, 6)
    const info = await probe(result.outputPath)
    expect(result.audio).toBe('none')
    expect(info.streams.map((s) => s.codec_type)).toEqual(['video'])
    expect(info.streams[0]?.nb_frames).toBe(String(frames))
    expect(Math.abs(Number(info.format.duration) - frames / 30)).toBeLessThan(0.15)
  })

  it('replaces an existing output only when the new one is complete', async () => {
    const out = path.join(dir, 'replace')
    const input = {
      clips: [{ path: clips.square, caption: 'One' }],
      endCard: { title: 'T', callToAction: 'C', seconds: 1 },
      aspectRatio: '1:1' as const,
      language: 'en' as const,
      outputPath: path.join(out, 'v.mp4'),
      posterPath: path.join(out, 'p.jpg'),
      size: SIZES['1:1'],
    }
    await stitchVideo(input)
    const first = await stat(input.outputPath)
    await stitchVideo({ ...input, clips: [{ path: clips.wide, caption: 'Two' }] })
    const second = await stat(input.outputPath)
    expect(second.ino).not.toBe(first.ino) // renamed into place, not rewritten in place
    expect(await leftovers(out)).toHaveLength(2)
  })
})

async function ensureDir(p: string): Promise<string> {
  await mkdir(p, { recursive: true })
  return p
}
