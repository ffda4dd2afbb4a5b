// Variants of a brief that names a recorded track play different parts of it (src/music/sections.ts):
// real ffmpeg on a test song whose pitch steps up every 5 s, so what a bed plays tells where in the
// song it comes from. Each bed is at −14 LUFS ±1 and never starts in silence.
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { musicBed } from '../../src/music/index.js'
import { tempDir } from '../render/stitch/helpers.js'
import { countingTools, dominantSegment, loudness, rmsLevels, SEGMENT, steppingSong } from './helpers.js'

const VIDEO = 17.5

let dir: string
let cleanup: () => Promise<void>
let song: string
const music = countingTools()

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('variant-parts'))
  // Silent from 9 s to 10.2 s, where the second variant's planned start falls.
  song = await steppingSong(path.join(dir, 'song.m4a'))
})
afterAll(async () => {
  await cleanup()
  music.cleanup()
})

const request = (extra: object) => ({
  music: 'track:3a0c5b1e-58f4-4f0e-9d59-0c1b9a6e2d41' as const,
  volume: 'normal' as const,
  tone: 'warm' as const,
  videoId: 'v',
  file: { path: song, key: 'song-1' },
  ...extra,
})

describe('the parts of a recorded track three variants play', () => {
  it('start later for each variant, play that part of the song, never in silence, at −14 LUFS', async () => {
    // As for a library track: planned from the track's length at the first stitch.
    const beds = []
    for (const index of [0, 1, 2]) beds.push(await musicBed(music.tools, request({ part: { index, count: 3 } }), VIDEO))
    const starts = beds.map((bed) => (bed?.startMs ?? 0) / 1000)
    console.log(`variant starts: ${starts.join(', ')} s`)
    // Planned 0, 9 and 18 s (27.5 s beyond the video, a third each): 9 s is silent, so the second
    // moves to where the sound comes back; 18 s is a beat.
    expect(starts[0]).toBe(0)
    expect(starts[1]).toBeGreaterThanOrEqual(10.15)
    expect(starts[1]).toBeLessThanOrEqual(13)
    expect(starts[2]).toBeGreaterThanOrEqual(18)
    expect(starts[2]).toBeLessThanOrEqual(21)

    for (const [i, bed] of beds.entries()) {
      const start = starts[i] ?? 0
      // What plays at each moment is the song's own part from the variant's start.
      for (const t of [1.2, 4.2, 7.2, 10.2, 13.2]) {
        const at = start + t
        if (Math.abs(at / SEGMENT - Math.round(at / SEGMENT)) * SEGMENT < 0.7) continue // near a step
        expect(await dominantSegment(bed!.path, t), `variant ${i + 1} at ${t} s (song ${at} s)`).toBe(
          Math.floor(at / SEGMENT),
        )
      }
      const levels = await rmsLevels(bed!.path, 0.5)
      // Never starting in silence: sound from the first half second (the 0.5 s fade-in) on.
      for (const level of levels.slice(1, 4)) expect(level).toBeGreaterThan(-30)
      const figures = await loudness(bed!.path)
      console.log(`variant ${i + 1} bed: ${figures.integrated} LUFS, ${figures.truePeak} dBTP`)
      expect(figures.integrated).toBeGreaterThanOrEqual(-15)
      expect(figures.integrated).toBeLessThanOrEqual(-13)
      expect(figures.truePeak).toBeLessThanOrEqual(-1)
    }
    // The first seconds of the three are three different parts of the song.
    const openings = await Promise.all(beds.map((bed) => dominantSegment(bed!.path, 1.2)))
    expect(new Set(openings).size).toBe(3)

    // A re-stitch plays what was stored (an own track's planned start, or the first stitch's),
    // the same bed from the cache.
    const again = await musicBed(music.tools, request({ startMs: beds[1]?.startMs }), VIDEO)
    expect(again?.startMs).toBe(beds[1]?.startMs)
    expect(again?.path).toBe(beds[1]?.path)
    expect(again?.normalization).toBe('cached')
  }, 120_000)
})
