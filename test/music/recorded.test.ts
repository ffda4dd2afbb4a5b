import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copiesToCover } from '../../src/music/fit.js'
import { musicBed } from '../../src/music/index.js'
import { scanLibrary } from '../../src/music/library.js'
import { creditTags } from '../../src/render/music-source.js'
import { stitchVideo } from '../../src/render/stitch/index.js'
import { FFMPEG, FFPROBE, makeClip, tempDir } from '../render/stitch/helpers.js'
import { tagsOf, toneFile } from '../tracks/fixtures.js'
import { countingTools, loudness, rmsLevels } from './helpers.js'

// Recorded tracks (the operator's library, a person's upload): the library's sidecars, the loop
// of a short track, the loudness of the bed, and the credit in the MP4's tags.

let dir: string
let cleanup: () => Promise<void>
const music = countingTools()
const logged: { message: string; fields: Record<string, string> }[] = []
const log = (message: string, fields: Record<string, string>) => logged.push({ message, fields })

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('recorded'))
  const lib = path.join(dir, 'library')
  fs.mkdirSync(lib)
  await toneFile(lib, 'Morning Coffee', { seconds: 6, hz: 330, ext: 'mp3' })
  fs.writeFileSync(
    path.join(lib, 'Morning Coffee.json'),
    JSON.stringify({
      title: 'Morning Coffee',
      mood: 'warm',
      tempo: 96,
      licence: 'CC-BY-4.0',
      attribution: '"Morning Coffee" by Test Composer, CC BY 4.0',
    }),
  )
  await toneFile(lib, 'own-jingle', { seconds: 6, ext: 'ogg' })
  fs.writeFileSync(path.join(lib, 'own-jingle.json'), JSON.stringify({ title: 'Own jingle', licence: 'CC0-1.0' }))
  await toneFile(lib, 'broken', { seconds: 6, ext: 'wav' })
  fs.writeFileSync(path.join(lib, 'broken.json'), '{ "title": ')
  await toneFile(lib, 'no-title', { seconds: 6, ext: 'wav' })
  fs.writeFileSync(path.join(lib, 'no-title.json'), JSON.stringify({ licence: 'CC0-1.0' }))
  await toneFile(lib, 'uncredited', { seconds: 6, ext: 'wav' })
  fs.writeFileSync(path.join(lib, 'uncredited.json'), JSON.stringify({ title: 'Uncredited', licence: 'CC-BY-SA-4.0' }))
  await toneFile(lib, 'lonely', { seconds: 6, ext: 'wav' })
})
afterAll(async () => {
  await cleanup()
  music.cleanup()
})

describe('the library', () => {
  it('keeps tracks with a valid sidecar and skips the rest, logged by file name, never throwing', () => {
    const tracks = scanLibrary(path.join(dir, 'library'), log)
    expect(tracks.map((t) => t.slug)).toEqual(['morning-coffee', 'own-jingle'])
    expect(tracks[0]?.attribution).toBe('"Morning Coffee" by Test Composer, CC BY 4.0')
    // CC0 asks for no credit: none is shown even if one were written.
    expect(tracks[1]?.attribution).toBeNull()
    const skipped = logged.filter((l) => l.message === 'music library track skipped').map((l) => l.fields.file)
    expect(skipped.sort()).toEqual(['broken.wav', 'lonely.wav', 'no-title.wav', 'uncredited.wav'])
    expect(logged.find((l) => l.fields.file === 'uncredited.wav')?.fields.reason).toContain('attribution')
  })

  it('a folder that is not there is an empty library', () => {
    expect(scanLibrary(path.join(dir, 'nowhere'), log)).toEqual([])
  })
})

describe('a recorded track under a video', () => {
  it('loops a short track with crossfades to the length, at −14 LUFS without gaps', async () => {
    expect(copiesToCover(6, 17.5, 1)).toBe(4)
    const track = scanLibrary(path.join(dir, 'library'), log)[0]!
    const bed = await musicBed(
      music.tools,
      { music: 'library:morning-coffee', volume: 'normal', tone: 'warm', videoId: 'x', file: track },
      17.5,
    )
    expect(bed?.trackId).toBeNull()
    const figures = await loudness(bed!.path)
    expect(figures.integrated).toBeGreaterThan(-15)
    expect(figures.integrated).toBeLessThan(-13)
    expect(figures.truePeak).toBeLessThanOrEqual(-1)
    const levels = await rmsLevels(bed!.path, 0.5)
    // Sound in every half second until the fade (the seams at 5 s, 10 s, 15 s never drop out).
    for (const level of levels.slice(0, 30)) expect(level).toBeGreaterThan(-30)
    expect(music.fluidsynthRuns()).toBe(0)
    console.log(`recorded bed: ${figures.integrated} LUFS, ${figures.truePeak} dBTP, LRA ${figures.range}`)
  })

  it('an uploaded track at −20 LUFS when quiet; a gone track is an error (the stitch falls back to silence)', async () => {
    const upload = await toneFile(dir, 'upload', { seconds: 30, hz: 550, ext: 'm4a' })
    const bed = await musicBed(
      music.tools,
      {
        music: 'track:7d1f0c2e-4b7a-4a57-9c59-2f3f1a0f6b11',
        volume: 'quiet',
        tone: 'warm',
        videoId: 'x',
        file: { path: upload, key: 'u1' },
      },
      12.5,
    )
    const figures = await loudness(bed!.path)
    expect(Math.abs(figures.integrated + 20)).toBeLessThan(1)
    await expect(
      musicBed(
        music.tools,
        {
          music: 'track:7d1f0c2e-4b7a-4a57-9c59-2f3f1a0f6b11',
          volume: 'normal',
          tone: 'warm',
          videoId: 'x',
          file: null,
        },
        12.5,
      ),
    ).rejects.toThrow(/gone/)
  })

  it('writes the credit a licence asks for into the MP4 (comment and copyright)', async () => {
    const clips = await Promise.all(
      [0, 1].map((i) => makeClip(path.join(dir, `clip-${i}.mp4`), { width: 144, height: 256, fps: 24, seconds: 5 })),
    )
    const track = scanLibrary(path.join(dir, 'library'), log)[0]!
    const out = path.join(dir, 'credited.mp4')
    await stitchVideo({
      clips: clips.map((p) => ({ path: p, caption: 'Shot', transition: 'cut' })),
      endCard: { title: 'Lamp', callToAction: 'Shop now', transition: 'cut' },
      aspectRatio: '9:16',
      language: 'en',
      outputPath: out,
      posterPath: path.join(dir, 'credited.jpg'),
      size: { width: 144, height: 256 },
      ffmpegPath: FFMPEG,
      ffprobePath: FFPROBE,
      music: (seconds) =>
        musicBed(
          music.tools,
          { music: 'library:morning-coffee', volume: 'normal', tone: 'warm', videoId: 'y', file: track },
          seconds,
        ).then((b) => b?.path ?? null),
      musicMetadata: creditTags(track.attribution!),
    })
    const tags = await tagsOf(out)
    expect(tags.comment).toBe('Music: "Morning Coffee" by Test Composer, CC BY 4.0')
    expect(tags.copyright).toBe('Music: "Morning Coffee" by Test Composer, CC BY 4.0')
    const figures = await loudness(out)
    expect(Math.abs(figures.integrated + 14)).toBeLessThan(1)
    console.log(`credited video: ${figures.integrated} LUFS, ${figures.truePeak} dBTP`)
  })
})
