import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { IMG2VIDEO_PATH } from '../../src/libtv/api.js'
import { SIMULATED_SOUND_HZ } from '../../src/libtv/simulator/render.js'
import { DEFAULT_SOUNDFONT } from '../../src/music/index.js'
import { videoPaths } from '../../src/storage.js'
import { loudness } from '../music/helpers.js'
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

const run = promisify(execFile)

// Issue 25's ambient sound, through the whole render: HTTP → worker thread → simulator (kling-v2-6,
// whose clips carry a SIMULATED_SOUND_HZ tone when asked) → stitch with the real music.
let stack: RenderStack
beforeAll(async () => {
  stack = await startRenderStack({
    worker: { music: { fluidsynthPath: 'fluidsynth', soundfont: DEFAULT_SOUNDFONT } },
  })
  await stack.restartWorker({ libtv: { ...stack.workerData.libtv, model: 'kling-v2-6' } })
})
afterAll(() => stack?.close())

/** RMS level (dBFS) of the audio in a narrow band around the simulator's tone, over the shots only. */
async function toneLevel(file: string, seconds: number): Promise<number> {
  const { stderr } = await run('ffmpeg', [
    '-hide_banner',
    '-nostats',
    '-i',
    file,
    '-vn',
    '-af',
    `atrim=0:${seconds},bandpass=f=${SIMULATED_SOUND_HZ}:width_type=h:w=60,bandpass=f=${SIMULATED_SOUND_HZ}:width_type=h:w=60,astats=measure_perchannel=none:measure_overall=RMS_level`,
    '-f',
    'null',
    '-',
  ])
  const level = /RMS level dB:\s+(-?[\d.]+|-inf)/.exec(stderr)?.[1]
  return level === undefined || level === '-inf' ? Number.NEGATIVE_INFINITY : Number(level)
}

/** The generateParams of every submit the simulator got for this image (the URL names it). */
function submitsFor(imageId: string) {
  return stack.sim.requests
    .filter((r) => r.path === IMG2VIDEO_PATH)
    .map((r) => (r.body as { generateParams: Record<string, unknown> }).generateParams)
    .filter((p) => new URL(String(p.image ?? p.startFrame)).pathname.includes(imageId))
}

async function render(overrides: { ambientSound?: boolean; music?: 'auto' | 'none' }) {
  const user = await newRenderUser(stack.app, 'creator')
  const { screenplayId, imageId } = await makeBrief(stack.app, user.id, { lengthSeconds: 15, ...overrides })
  const id = await submitOverHttp(user.client, screenplayId)
  await waitForFinish(stack.app, id, 150_000)
  expect(videoRow(stack.app, id)).toMatchObject({ status: 'done', failureReason: null })
  const file = videoPaths(stack.app.dataDir, user.id, id).video
  expect((await probeMedia(file)).audioCodec).toBe('aac')
  return { file, submits: submitsFor(imageId), id }
}

/**
 * The three renders the tests look at, all started by the first test that needs one: their waits
 * on the simulator overlap instead of adding up.
 */
let renders: Record<'on' | 'off' | 'alone', ReturnType<typeof render>> | undefined
function rendered() {
  if (!renders) {
    renders = {
      on: render({ ambientSound: true }),
      off: render({ ambientSound: false }),
      alone: render({ ambientSound: true, music: 'none' }),
    }
    // Each is awaited by its test; until then a failure is not an unhandled rejection.
    for (const r of Object.values(renders)) r.catch(() => {})
  }
  return renders
}

describe('ambient sound from the video model', () => {
  it('asks kling-v2-6 for sound and mixes the clips’ tone under the music at −14 LUFS; off, nothing changes', async () => {
    const [on, off] = await Promise.all([rendered().on, rendered().off])
    expect(on.submits.length).toBeGreaterThan(0)
    expect(on.submits.every((p) => p.sound === 'on')).toBe(true)

    expect(off.submits.length).toBeGreaterThan(0)
    // Exactly the request as before the option existed: no `sound` key at all.
    expect(off.submits.every((p) => !('sound' in p))).toBe(true)

    const [onTone, offTone] = [await toneLevel(on.file, 10), await toneLevel(off.file, 10)]
    // The tone is there, clearly, only when asked for.
    expect(onTone).toBeGreaterThan(offTone + 12)
    for (const file of [on.file, off.file]) {
      const figures = await loudness(file)
      expect(Math.abs(figures.integrated + 14)).toBeLessThanOrEqual(1)
      expect(figures.truePeak).toBeLessThanOrEqual(-1)
    }
    // Under the music, not over it: the whole mix is far louder than the tone's band.
    expect(onTone).toBeLessThan(-20)
    expect(stack.workerLogs.some((l) => l.event === 'ambient sound left out')).toBe(false)
  }, 300_000)

  it('with music "none", the clips’ sound alone is the track, at −14 LUFS', async () => {
    const alone = await rendered().alone
    expect(alone.submits.every((p) => p.sound === 'on')).toBe(true)
    const figures = await loudness(alone.file)
    expect(Math.abs(figures.integrated + 14)).toBeLessThanOrEqual(1)
    expect(figures.truePeak).toBeLessThanOrEqual(-1)
    expect(await toneLevel(alone.file, 10)).toBeGreaterThan(-26)
  }, 200_000)
})
