// Three variants of a brief that names a library track, rendered for real (the LibTV simulator,
// the render worker, ffmpeg; no fluidsynth: the track is recorded): each finished video plays its
// own part of the song, the start it played is kept on the video, the compare page says it, and
// each is at −14 LUFS ±1.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SOUNDFONT } from '../../src/music/index.js'
import { videoPaths } from '../../src/storage.js'
import { makeVariants } from '../../src/variants/service.js'
import { decodeHtml } from '../briefs/helpers.js'
import { dominantSegment, loudness, SEGMENT, steppingSong } from '../music/helpers.js'
import {
  makeBrief,
  newRenderUser,
  type RenderStack,
  startRenderStack,
  videoRow,
  waitForFinish,
} from '../support/render.js'

let stack: RenderStack
let library: string

beforeAll(async () => {
  library = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'lumina-variant-music-'))
  await steppingSong(path.join(library, 'Stepping Song.m4a'))
  fs.writeFileSync(
    path.join(library, 'Stepping Song.json'),
    JSON.stringify({ title: 'Stepping Song', licence: 'CC0-1.0' }),
  )
  stack = await startRenderStack({
    worker: { music: { fluidsynthPath: 'fluidsynth', soundfont: DEFAULT_SOUNDFONT, libraryDir: library } },
  })
})
afterAll(async () => {
  await stack?.close()
  fs.rmSync(library, { recursive: true, force: true })
})

describe('variants of a brief that names a library track', () => {
  it('each play their own part of it, kept on the video and said on the compare page, at −14 LUFS', async () => {
    const user = await newRenderUser(stack.app, 'creator')
    const project = await makeBrief(stack.app, user.id, { lengthSeconds: 15, music: 'library:stepping-song' })
    const made = makeVariants(stack.app.db, user.id, project.briefId, 3, 'kling-v2-1')
    // A library track's length is not known when the variants are made: planned at the stitch.
    expect(made.videos.map((v) => v.variantMusicStartMs)).toEqual([null, null, null])
    stack.worker().nudge()
    const finished = await Promise.all(made.videos.map((v) => waitForFinish(stack.app, v.id, 150_000)))
    expect(finished.map((v) => v.status)).toEqual(['done', 'done', 'done'])
    expect(stack.workerLogs.filter((l) => l.event === 'music fallback')).toEqual([])

    // 45 s of song under 17.5 s of video: planned at 0, 9 and 18 s; 9 s is silent, so the second
    // plays from where the sound comes back (10.2 s).
    const starts = made.videos.map((v) => videoRow(stack.app, v.id)?.variantMusicStartMs ?? null)
    console.log(`stored starts: ${starts.join(', ')} ms`)
    expect(starts[0]).toBe(0)
    expect(starts[1]).toBeGreaterThanOrEqual(10_150)
    expect(starts[1]).toBeLessThanOrEqual(13_000)
    expect(starts[2]).toBeGreaterThanOrEqual(18_000)
    expect(starts[2]).toBeLessThanOrEqual(21_000)

    for (const [i, video] of made.videos.entries()) {
      const file = videoPaths(stack.app.dataDir, user.id, video.id).video
      const at = (starts[i] ?? 0) / 1000 + 1.2
      expect(await dominantSegment(file, 1.2), `variant ${i + 1} (song ${at} s)`).toBe(Math.floor(at / SEGMENT))
      const figures = await loudness(file)
      console.log(`variant ${i + 1}: ${figures.integrated} LUFS, ${figures.truePeak} dBTP`)
      expect(figures.integrated).toBeGreaterThanOrEqual(-15)
      expect(figures.integrated).toBeLessThanOrEqual(-13)
      expect(figures.truePeak).toBeLessThanOrEqual(-1)
    }

    const page = decodeHtml(await (await user.client.get(`/variants/${made.groupId}`)).text())
    const differs = [...page.matchAll(/data-testid="variant-differs">([\s\S]*?)<\/p>/g)].map((m) =>
      (m[1] ?? '').replace(/\s+/g, ' ').trim(),
    )
    const clock = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}`
    expect(differs.map((line) => line.replace(/^.*· Music: /, ''))).toEqual(
      starts.map((ms) => `a track from the library, from ${clock(ms ?? 0)}`),
    )
  }, 200_000)
})
