import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SOUNDFONT } from '../../src/music/index.js'
import { videoPaths } from '../../src/storage.js'
import {
  makeBrief,
  newRenderUser,
  probeMedia,
  type RenderStack,
  startRenderStack,
  submitOverHttp,
  videoRow,
  waitForFinish,
} from '../support/render.js'
import { rmsLevels } from './helpers.js'

// The whole render (HTTP → worker thread → simulator → stitch) with a fluidsynth that cannot run:
// the video still finishes, with the silent track, and the fallback is logged and countable.
let stack: RenderStack
beforeAll(async () => {
  stack = await startRenderStack({
    worker: { music: { fluidsynthPath: '/nonexistent/fluidsynth', soundfont: DEFAULT_SOUNDFONT } },
  })
})
afterAll(() => stack?.close())

describe('a render whose music fails', () => {
  it('finishes done with a silent track, and logs the fallback by error kind only', async () => {
    const user = await newRenderUser(stack.app, 'creator')
    const { screenplayId } = await makeBrief(stack.app, user.id, { lengthSeconds: 15 })
    const id = await submitOverHttp(user.client, screenplayId)
    await waitForFinish(stack.app, id, 90_000)
    expect(videoRow(stack.app, id)).toMatchObject({ status: 'done', failureReason: null })
    const file = videoPaths(stack.app.dataDir, user.id, id).video
    expect((await probeMedia(file)).audioCodec).toBe('aac')
    expect((await rmsLevels(file, 5)).every((level) => level < -90)).toBe(true)
    const fallback = stack.workerLogs.find((l) => l.event === 'music fallback')
    expect(fallback?.fields).toEqual({ worker: 'render', videoId: id, error: 'MusicToolError' })
  }, 120_000)
})
