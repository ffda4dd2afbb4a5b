import { chmod, mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StitchInput } from '../../../src/render/stitch/index.js'
import { StitchError, stitchVideo } from '../../../src/render/stitch/index.js'
import { FFMPEG, FFPROBE, leftovers, makeClip, processesMentioning, tempDir } from './helpers.js'

let dir: string
let cleanup: () => Promise<void>
let short: string
let long: string
let run = 0

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('failures'))
  ;[short, long] = await Promise.all([
    makeClip(path.join(dir, 'short.mp4'), { width: 160, height: 90, fps: 24, seconds: 1 }),
    // Enough work at 1280×720 that ffmpeg is still encoding when we stop it.
    makeClip(path.join(dir, 'long.mp4'), { width: 640, height: 360, fps: 24, seconds: 8 }),
  ])
})

afterAll(() => cleanup())

/** A fresh output folder and temp folder per call, so leftovers can be counted. */
async function request(
  overrides: Partial<StitchInput> = {},
): Promise<{ input: StitchInput; out: string; work: string }> {
  run++
  const out = path.join(dir, `out-${run}`)
  const work = path.join(dir, `work-${run}`)
  await mkdir(work, { recursive: true })
  const input: StitchInput = {
    clips: [{ path: short, caption: 'One' }],
    endCard: { title: 'Lumi', callToAction: 'Buy' },
    aspectRatio: '16:9',
    language: 'en',
    outputPath: path.join(out, 'video.mp4'),
    posterPath: path.join(out, 'poster.jpg'),
    size: { width: 320, height: 180 },
    ffmpegPath: FFMPEG,
    ffprobePath: FFPROBE,
    tempDir: work,
    ...overrides,
  }
  return { input, out, work }
}

async function failure(input: StitchInput): Promise<StitchError> {
  const error = await stitchVideo(input).then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(StitchError)
  return error as StitchError
}

async function expectNothingLeft(out: string, work: string): Promise<void> {
  expect(await leftovers(work)).toEqual([])
  expect(await leftovers(out).catch(() => [])).toEqual([])
  expect(await processesMentioning(`${out}/`)).toEqual([])
}

async function fakeFfmpeg(name: string, body: string): Promise<string> {
  const file = path.join(dir, name)
  await writeFile(file, `#!${process.execPath}\n${body}\n`)
  await chmod(file, 0o755)
  return file
}

describe('stitchVideo failures', () => {
  it('names the missing clip', async () => {
    const { input, out, work } = await request({
      clips: [
        { path: short, caption: 'a' },
        { path: path.join(dir, 'nope.mp4'), caption: 'b' },
      ],
    })
    const e = await failure(input)
    expect(e).toMatchObject({ kind: 'missing_clip', shot: 2, reason: 'The clip for shot 2 is missing.' })
    await expectNothingLeft(out, work)
  })

  it('refuses a clip that is not an MP4, including an HLS playlist pretending to be one', async () => {
    const text = path.join(dir, 'text.mp4')
    await writeFile(text, 'not a video')
    expect(await failure((await request({ clips: [{ path: text, caption: '' }] })).input)).toMatchObject({
      kind: 'bad_clip',
      shot: 1,
    })
    // With the demuxer left to guess, ffmpeg would open the playlist and fetch its segment.
    const playlist = path.join(dir, 'playlist.mp4')
    await writeFile(
      playlist,
      '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nhttp://127.0.0.1:9/segment.ts\n#EXT-X-ENDLIST\n',
    )
    expect(await failure((await request({ clips: [{ path: playlist, caption: '' }] })).input)).toMatchObject({
      kind: 'bad_clip',
    })
  })

  it('rejects invalid requests before running anything', async () => {
    const bad: Partial<StitchInput>[] = [
      { clips: [] },
      { endCard: { title: 'x', callToAction: 'y', brandColor: 'red' } },
      { size: { width: 321, height: 180 } },
      { size: { width: 320, height: 320 } }, // not 16:9
      { fps: 1000 },
    ]
    for (const overrides of bad) {
      const e = await failure(
        (await request({ ...overrides, ffmpegPath: '/nonexistent', ffprobePath: '/nonexistent' })).input,
      )
      expect(e.kind).toBe('invalid_input')
    }
  })

  it('says when ffmpeg cannot be started', async () => {
    const { input, out, work } = await request({ ffmpegPath: path.join(dir, 'no-such-ffmpeg') })
    expect(await failure(input)).toMatchObject({ kind: 'ffmpeg_unavailable' })
    await expectNothingLeft(out, work)
  })

  it('keeps ffmpeg’s stderr for the log and gives the user a short reason', async () => {
    const failing = await fakeFfmpeg(
      'failing-ffmpeg',
      "for (let i = 0; i < 30; i++) console.error('line ' + i)\nprocess.exit(1)",
    )
    const { input, out, work } = await request({ ffmpegPath: failing })
    const e = await failure(input)
    expect(e.kind).toBe('ffmpeg_failed')
    expect(e.reason).toBe('The video could not be put together.')
    expect(e.stderrTail).toHaveLength(20)
    expect(e.stderrTail.at(-1)).toBe('line 29')
    await expectNothingLeft(out, work)
  })

  it('kills ffmpeg when the caller aborts, and leaves no output and no temp files', async () => {
    const controller = new AbortController()
    const { input, out, work } = await request({
      clips: [{ path: long, caption: 'Long' }],
      size: undefined, // 1280×720
      signal: controller.signal,
      onProgress: () => controller.abort(),
    })
    const e = await failure(input)
    expect(e.kind).toBe('aborted')
    await expectNothingLeft(out, work)
  })

  it('kills ffmpeg on timeout', async () => {
    const { input, out, work } = await request({
      clips: [{ path: long, caption: 'Long' }],
      size: undefined,
      timeoutMs: 1000,
    })
    const started = Date.now()
    const e = await failure(input)
    expect(e).toMatchObject({ kind: 'timeout', reason: 'Putting the video together took too long.' })
    expect(Date.now() - started).toBeLessThan(6000)
    await expectNothingLeft(out, work)
  })

  it('sends SIGKILL when ffmpeg ignores SIGTERM', async () => {
    // Reports progress only once its SIGTERM handler is in place, so we stop it after that.
    const stubborn = await fakeFfmpeg(
      'stubborn-ffmpeg',
      "process.on('SIGTERM', () => {})\nconsole.log('out_time_us=0')\nsetTimeout(() => {}, 60_000)",
    )
    const controller = new AbortController()
    let abortedAt = 0
    const { input, out, work } = await request({
      ffmpegPath: stubborn,
      signal: controller.signal,
      onProgress: () => {
        abortedAt = Date.now()
        controller.abort()
      },
    })
    const e = await failure(input)
    const elapsed = Date.now() - abortedAt
    expect(e.kind).toBe('aborted')
    expect(abortedAt).toBeGreaterThan(0)
    expect(elapsed).toBeGreaterThanOrEqual(2000 - 50) // the SIGTERM grace was given…
    expect(elapsed).toBeLessThan(2000 + 3000) // …and then it was killed
    await expectNothingLeft(out, work)
  })
})
