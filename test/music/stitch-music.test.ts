import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { musicBed } from '../../src/music/index.js'
import { stitchVideo } from '../../src/render/stitch/index.js'
import { FFMPEG, FFPROBE, makeClip, probe, tempDir } from '../render/stitch/helpers.js'
import { countingTools, loudness, rmsLevels } from './helpers.js'

// A 15 s, three-shot video at a small size, with the music the render worker would give it.
let dir: string
let cleanup: () => Promise<void>
let clips: string[]
const music = countingTools()
const size = { width: 144, height: 256 }

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('music'))
  clips = await Promise.all(
    [0, 1, 2].map((i) => makeClip(path.join(dir, `clip-${i}.mp4`), { width: 144, height: 256, fps: 24, seconds: 5 })),
  )
})
afterAll(async () => {
  await cleanup()
  music.cleanup()
})

function stitch(name: string, soundtrack?: (seconds: number, signal: AbortSignal) => Promise<string | null>) {
  return stitchVideo({
    clips: clips.map((p, i) => ({ path: p, caption: `Shot ${i + 1}`, transition: 'cut' })),
    endCard: { title: 'Halo Desk Lamp', callToAction: 'Shop now', transition: 'cut' },
    aspectRatio: '9:16',
    language: 'en',
    outputPath: path.join(dir, `${name}.mp4`),
    posterPath: path.join(dir, `${name}.jpg`),
    size,
    ffmpegPath: FFMPEG,
    ffprobePath: FFPROBE,
    ...(soundtrack ? { music: soundtrack } : {}),
  })
}

const request = { music: 'auto', volume: 'normal', tone: 'playful', videoId: 'video-1' } as const

describe('music in the stitch', () => {
  it('puts the music under a 15 s video at −14 LUFS and at most −1 dBTP, fading out on the end card', async () => {
    const result = await stitch('music', async (seconds, signal) => {
      expect(seconds).toBe(17.5)
      return (await musicBed(music.tools, request, seconds, signal))?.path ?? null
    })
    expect(result.audio).toBe('music')
    const info = await probe(result.outputPath)
    const audio = info.streams.find((s) => s.codec_type === 'audio')
    expect(audio?.codec_name).toBe('aac')
    expect(Math.abs(Number(audio?.duration) - 17.5)).toBeLessThan(0.05)
    const figures = await loudness(result.outputPath)
    expect(Math.abs(figures.integrated + 14)).toBeLessThanOrEqual(1)
    expect(figures.truePeak).toBeLessThanOrEqual(-1)
    const levels = await rmsLevels(result.outputPath, 0.3)
    expect(levels[57]).toBeLessThan((levels[30] as number) - 12) // 17.1–17.4 s against 9–9.3 s
  }, 90_000)

  it('is quiet at −20 LUFS for a voice-over, and silent when the brief says no music', async () => {
    const quiet = await stitch('quiet', async (seconds, signal) => {
      return (await musicBed(music.tools, { ...request, volume: 'quiet' }, seconds, signal))?.path ?? null
    })
    expect(Math.abs((await loudness(quiet.outputPath)).integrated + 20)).toBeLessThanOrEqual(1)

    const none = await stitch('none', async (seconds, signal) => {
      return (await musicBed(music.tools, { ...request, music: 'none' }, seconds, signal))?.path ?? null
    })
    expect(none.audio).toBe('silence')
    expect((await rmsLevels(none.outputPath, 5)).every((level) => level < -90)).toBe(true)
  }, 90_000)

  it('finishes the video with the silent track when the music fails', async () => {
    const broken = { ...music.tools, fluidsynthPath: path.join(dir, 'no-fluidsynth') }
    const result = await stitch('broken', (seconds, signal) =>
      musicBed(broken, { ...request, videoId: 'video-2' }, seconds, signal).then((bed) => bed?.path ?? null),
    )
    expect(result.audio).toBe('silence')
    expect(String(result.musicError)).toMatch(/cannot run/)
    const info = await probe(result.outputPath)
    expect(info.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video'])
    expect((await rmsLevels(result.outputPath, 5)).every((level) => level < -90)).toBe(true)
  }, 60_000)
})
