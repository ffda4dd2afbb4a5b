import fs from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { chooseTrack, musicBed } from '../../src/music/index.js'
import { countingTools, loudness, rmsLevels } from './helpers.js'

// Real fluidsynth and ffmpeg on short beds: a few seconds each (fluidsynth loads a 148 MB soundfont).
const { tools, fluidsynthRuns, cleanup } = countingTools()
afterAll(cleanup)
const request = { music: 'auto', volume: 'normal', tone: 'energetic', videoId: 'a-video' } as const

describe('the music bed', () => {
  it('is −14 LUFS integrated, at most −1 dBTP, sounds from the first beat, fades out, and is cached', async () => {
    const bed = await musicBed(tools, request, 12)
    expect(bed?.trackId).toMatch(/full-throttle|night-run/)
    expect(bed?.normalization).toBe('linear')
    const file = bed?.path as string
    const figures = await loudness(file)
    expect(figures.integrated).toBeGreaterThanOrEqual(-15)
    expect(figures.integrated).toBeLessThanOrEqual(-13)
    expect(figures.truePeak).toBeLessThanOrEqual(-1)
    // Every 0.3 s has sound until the fade; the last 0.3 s are far quieter than the middle.
    const levels = await rmsLevels(file, 0.3)
    // (AAC rounds the length up to its 1024-sample frames: a 41st, nearly empty chunk may follow.)
    expect(levels.length).toBeGreaterThanOrEqual(40)
    for (const level of levels.slice(0, 34)) expect(level).toBeGreaterThan(-40)
    expect(levels[39]).toBeLessThan((levels[20] as number) - 12)
    expect(fluidsynthRuns()).toBe(1)

    const again = await musicBed(tools, request, 12)
    expect(again?.path).toBe(file)
    expect(again?.normalization).toBe('cached')
    expect(fluidsynthRuns()).toBe(1)
  }, 60_000)

  it('is −20 LUFS when quiet', async () => {
    const bed = await musicBed(tools, { ...request, tone: 'minimal', volume: 'quiet' }, 8)
    const figures = await loudness(bed?.path as string)
    expect(Math.abs(figures.integrated + 20)).toBeLessThanOrEqual(1)
    expect(figures.truePeak).toBeLessThanOrEqual(-1)
  }, 60_000)

  it('gives nothing for "none", and plays a chosen track the same way for every video', () => {
    expect(chooseTrack({ music: 'none', tone: 'warm', videoId: 'x' })).toBeNull()
    expect(chooseTrack({ music: 'bubblegum', tone: 'warm', videoId: 'x' })).toEqual(
      chooseTrack({ music: 'bubblegum', tone: 'premium', videoId: 'y' }),
    )
    const auto = chooseTrack({ music: 'auto', tone: 'warm', videoId: 'x' })
    expect(auto?.trackId).toMatch(/sunday-kitchen|golden-porch/)
    expect(chooseTrack({ music: 'auto', tone: 'warm', videoId: 'x' })).toEqual(auto)
  })

  it('fails with an error when fluidsynth cannot run or has no soundfont, leaving nothing half-written', async () => {
    const broken = { ...tools, fluidsynthPath: '/nonexistent/fluidsynth' }
    await expect(musicBed(broken, { ...request, videoId: 'another' }, 6)).rejects.toThrow(/cannot run/)
    const failing = { ...tools, soundfont: '/nonexistent.sf2' }
    await expect(musicBed(failing, { ...request, videoId: 'yet-another' }, 6)).rejects.toThrow(/soundfont/)
    expect(fs.readdirSync(tools.cacheDir).filter((f) => f.startsWith('.'))).toEqual([])
  })
})
