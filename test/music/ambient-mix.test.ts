import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { musicBed } from '../../src/music/index.js'
import { stitchVideo } from '../../src/render/stitch/index.js'
import { FFMPEG, FFPROBE, makeClip, tempDir } from '../render/stitch/helpers.js'
import { countingTools, loudness, rmsLevels } from './helpers.js'

// The clips' own sound (issue 25's ambient sound) in the stitch: three 5 s shots, the middle one
// without a sound track, and music "none", so what is heard is the clips alone.
let dir: string
let cleanup: () => Promise<void>
let clips: string[]
const music = countingTools()

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('ambient'))
  clips = await Promise.all(
    [true, false, true].map((audio, i) =>
      makeClip(path.join(dir, `clip-${i}.mp4`), { width: 144, height: 256, fps: 24, seconds: 5, audio }),
    ),
  )
})
afterAll(async () => {
  await cleanup()
  music.cleanup()
})

const request = { music: 'none', volume: 'normal', tone: 'playful', videoId: 'video-1' } as const

describe('ambient sound in the stitch', () => {
  it('keeps each clip’s sound where it plays, silence for a clip without, at −14 LUFS', async () => {
    const result = await stitchVideo({
      clips: clips.map((p, i) => ({ path: p, caption: `Shot ${i + 1}`, transition: 'cut' })),
      endCard: { title: 'Halo Desk Lamp', callToAction: 'Shop now', transition: 'cut' },
      aspectRatio: '9:16',
      language: 'en',
      outputPath: path.join(dir, 'ambient.mp4'),
      posterPath: path.join(dir, 'ambient.jpg'),
      size: { width: 144, height: 256 },
      ffmpegPath: FFMPEG,
      ffprobePath: FFPROBE,
      ambient: true,
      music: async (seconds, signal, ambient) => {
        expect(ambient).toMatch(/ambient\.wav$/)
        return (await musicBed(music.tools, request, seconds, signal, ambient))?.path ?? null
      },
    })
    expect(result.audio).toBe('music')
    expect(result.ambientError).toBeUndefined()
    const figures = await loudness(result.outputPath)
    expect(Math.abs(figures.integrated + 14)).toBeLessThanOrEqual(1)
    expect(figures.truePeak).toBeLessThanOrEqual(-1)
    const levels = await rmsLevels(result.outputPath, 1)
    // Seconds 1–4 and 11–14 are the sounding clips, 6–9 the silent one, 16 the end card.
    for (const s of [1, 2, 3, 11, 12, 13]) expect(levels[s]).toBeGreaterThan(-25)
    for (const s of [6, 7, 8, 16]) expect(levels[s]).toBeLessThan(-60)
    expect(music.fluidsynthRuns()).toBe(0)
  }, 90_000)

  it('without the option, the same clips give the silent track under music "none", as before', async () => {
    const result = await stitchVideo({
      clips: clips.map((p, i) => ({ path: p, caption: `Shot ${i + 1}`, transition: 'cut' })),
      endCard: { title: 'Halo Desk Lamp', callToAction: 'Shop now', transition: 'cut' },
      aspectRatio: '9:16',
      language: 'en',
      outputPath: path.join(dir, 'plain.mp4'),
      posterPath: path.join(dir, 'plain.jpg'),
      size: { width: 144, height: 256 },
      ffmpegPath: FFMPEG,
      ffprobePath: FFPROBE,
      music: async (seconds, signal, ambient) => {
        expect(ambient).toBeNull()
        return (await musicBed(music.tools, request, seconds, signal, ambient))?.path ?? null
      },
    })
    expect(result.audio).toBe('silence')
    expect((await rmsLevels(result.outputPath, 5)).every((level) => level < -90)).toBe(true)
  }, 90_000)
})
