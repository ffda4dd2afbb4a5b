import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SOUNDFONT } from '../../src/music/index.js'
import { videoPaths } from '../../src/storage.js'
import { saveTrack } from '../../src/tracks/service.js'
import { loudness } from '../music/helpers.js'
import {
  FFMPEG,
  FFPROBE,
  makeBrief,
  newRenderUser,
  type RenderStack,
  startRenderStack,
  submitOverHttp,
  videoRow,
  waitForFinish,
} from '../support/render.js'
import { toneFile } from './fixtures.js'

// The whole render (HTTP → worker thread → simulator → stitch) with the person's own track: the
// worker finds it for the video's owner, fits it to the length and mixes it to −14 LUFS.
let stack: RenderStack
let dir: string
beforeAll(async () => {
  stack = await startRenderStack({ worker: { music: { fluidsynthPath: 'fluidsynth', soundfont: DEFAULT_SOUNDFONT } } })
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-own-render-'))
})
afterAll(async () => {
  await stack?.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

describe('a render with an uploaded track', () => {
  it('measures −14 LUFS (±1) with true peak at most −1 dBTP', async () => {
    const user = await newRenderUser(stack.app, 'creator')
    const song = await toneFile(dir, 'own', { seconds: 40, hz: 392, ext: 'mp3' })
    const track = await saveTrack(
      stack.app.db,
      stack.app.dataDir,
      { ffmpegPath: FFMPEG, ffprobePath: FFPROBE },
      user.id,
      { path: song, bytes: fs.statSync(song).size, name: 'own.mp3' },
      'Own',
    )
    const { screenplayId } = await makeBrief(stack.app, user.id, { lengthSeconds: 15, music: `track:${track.id}` })
    const id = await submitOverHttp(user.client, screenplayId)
    await waitForFinish(stack.app, id, 90_000)
    expect(videoRow(stack.app, id)).toMatchObject({ status: 'done', failureReason: null })
    expect(stack.workerLogs.find((l) => l.event === 'music fallback')).toBeUndefined()
    const figures = await loudness(videoPaths(stack.app.dataDir, user.id, id).video)
    console.log(`own track render: ${figures.integrated} LUFS, ${figures.truePeak} dBTP, LRA ${figures.range}`)
    expect(Math.abs(figures.integrated + 14)).toBeLessThanOrEqual(1)
    expect(figures.truePeak).toBeLessThanOrEqual(-1)
  }, 150_000)
})
