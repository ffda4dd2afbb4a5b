// Which part of a named track each variant plays (src/music/sections.ts, src/variants/plan.ts):
// pure functions, no ffmpeg. The mix itself is in test/music/variant-parts.test.ts.
import { describe, expect, it } from 'vitest'
import { chooseTrack } from '../../src/music/index.js'
import { FRAME_MS, MIN_PART_GAP_MS, partStartMs, snapStartMs } from '../../src/music/sections.js'
import { planVariants } from '../../src/variants/plan.js'

const starts = (count: number, trackMs: number, videoMs: number) =>
  Array.from({ length: count }, (_, i) => partStartMs(i, count, trackMs, videoMs))

describe('the parts of a named track', () => {
  it('start variant 1 at 0 and the others spread over what the track has beyond the video, on whole seconds', () => {
    // A 3-minute song under a 32.5 s video: 147.5 s to spread, a third each.
    expect(starts(3, 180_000, 32_500)).toEqual([0, 49_000, 98_000])
    expect(starts(4, 180_000, 32_500)).toEqual([0, 36_000, 73_000, 110_000])
    expect(starts(2, 60_000, 17_500)).toEqual([0, 21_000])
  })

  it('are the same every time, distinct, and end before the track does', () => {
    for (const [count, trackMs, videoMs] of [
      [3, 45_000, 17_500],
      [4, 300_000, 62_500],
      [2, 27_000, 17_500],
      [3, 30_000, 12_500],
    ] as const) {
      const planned = starts(count, trackMs, videoMs)
      expect(starts(count, trackMs, videoMs)).toEqual(planned)
      expect(new Set(planned).size).toBe(count)
      for (const start of planned) {
        expect(start % 1000).toBe(0)
        expect(start).toBeGreaterThanOrEqual(0)
        expect(start + videoMs).toBeLessThanOrEqual(trackMs)
      }
      for (let i = 1; i < count; i++)
        expect((planned[i] ?? 0) - (planned[i - 1] ?? 0)).toBeGreaterThanOrEqual(MIN_PART_GAP_MS - 1000)
    }
  })

  it('all start at 0 when the track is no longer than the video, or too little longer to part', () => {
    expect(starts(3, 17_500, 17_500)).toEqual([0, 0, 0])
    expect(starts(3, 8_000, 32_500)).toEqual([0, 0, 0]) // looped, as a single video's is
    expect(starts(3, 25_000, 17_500)).toEqual([0, 0, 0]) // 7.5 s to share: under 3 s each
    expect(starts(1, 180_000, 17_500)).toEqual([0])
  })

  it('are planned for the variants only when the length is known; auto and none get none', () => {
    const named = { trackMs: 120_000, videoMs: 32_500 }
    const own = planVariants({ template: 'hero-reveal', tone: 'premium', music: 'track:x' }, 3, 0, named)
    expect(own.map((p) => p.musicStartMs)).toEqual([0, 29_000, 58_000])
    expect(own.map((p) => p.music)).toEqual([null, null, null])
    const library = planVariants({ template: 'hero-reveal', tone: 'premium', music: 'library:song' }, 3)
    expect(library.map((p) => p.musicStartMs)).toEqual([null, null, null])
    const auto = planVariants({ template: 'hero-reveal', tone: 'premium', music: 'auto' }, 3)
    expect(auto.map((p) => p.musicStartMs)).toEqual([null, null, null])
  })
})

/** A level map (dBFS per 50 ms): `base` everywhere, with the given frames set. */
function levels(frames: number, base: number, set: Record<number, number> = {}): number[] {
  return Array.from({ length: frames }, (_, i) => set[i] ?? base)
}

describe('moving a start onto the music', () => {
  it('lands on the first loud onset within 3 s, and leaves a start with none where it was', () => {
    // Steady −20 dBFS with a beat (−8 dBFS) every second from frame 205 on.
    const beats = Object.fromEntries(Array.from({ length: 40 }, (_, k) => [205 + 20 * k, -8]))
    const map = levels(1200, -20, beats)
    expect(snapStartMs(map, 10_000, 50_000)).toBe(205 * FRAME_MS)
    expect(snapStartMs(map, 10_250, 50_000)).toBe(10_250) // itself an onset
    // No onset in reach (a held pad): it stays, even between frames.
    expect(snapStartMs(levels(1200, -20), 12_345, 50_000)).toBe(12_345)
  })

  it('never starts in silence: past a silent stretch to the first sound, and on an onset there if one is near', () => {
    const silent = Object.fromEntries(Array.from({ length: 60 }, (_, k) => [200 + k, -90]))
    const map = levels(1200, -20, silent) // silence 10–13 s
    const start = snapStartMs(map, 10_500, 50_000)
    expect(start).toBe(260 * FRAME_MS) // the sound's return is its onset
    expect(map[start / FRAME_MS]).toBe(-20)
  })

  it('stays under the last start that lets the track outlast the video', () => {
    const map = levels(1200, -20, { 900: -5 })
    expect(snapStartMs(map, 44_000, 43_000)).toBe(43_000)
    expect(snapStartMs(map, 44_000, -1)).toBe(0)
    expect(snapStartMs(map, 0, 43_000)).toBe(0)
  })

  it('moves a start it has already moved nowhere, so a re-stitch plays what the first stitch stored', () => {
    // A rough song: levels from a fixed pseudo-random walk with beats and a silent gap.
    let x = 7
    const next = () => {
      x = (x * 1103515245 + 12345) % 2147483648
      return x / 2147483648
    }
    const map = Array.from({ length: 2400 }, (_, i) =>
      i >= 700 && i < 760 ? -100 : i % 11 === 0 ? -6 - 4 * next() : -24 + 8 * next(),
    )
    for (let planned = 0; planned < 100_000; planned += 137) {
      const once = snapStartMs(map, planned, 90_000)
      expect(snapStartMs(map, once, 90_000), `planned ${planned}`).toBe(once)
      expect(once).toBeLessThanOrEqual(90_000)
      if (once > 0) expect(map[Math.ceil(once / FRAME_MS)], `planned ${planned}`).toBeGreaterThan(-45)
    }
  })
})

describe('a named built-in track in a variant', () => {
  it('plays its own seed in the first variant and another take from the second on', () => {
    const base = { music: 'white-space' as const, tone: 'minimal' as const, videoId: 'v' }
    const seeds = [null, 1, 2, 3].map((take) => chooseTrack({ ...base, take })?.seed)
    expect(seeds[0]).toBe(seeds[1])
    expect(new Set(seeds).size).toBe(3)
    expect(chooseTrack({ ...base, music: 'none', take: 2 })).toBeNull()
    // auto already varies by video
    expect(chooseTrack({ ...base, music: 'auto', take: 2 })?.seed).toBe(chooseTrack({ ...base, music: 'auto' })?.seed)
  })
})
