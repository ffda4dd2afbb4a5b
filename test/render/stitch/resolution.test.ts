import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_SIZES, sizeFor, stitchVideo } from '../../../src/render/stitch/index.js'
import { makeClip, probe, tempDir } from './helpers.js'

// The real 1080×1920: the output has that size and is encoded as an upload master (CRF 21 under
// an 8 Mbit/s cap), while 720p keeps the cheaper CRF 26. x264 writes its settings into the
// stream itself (an SEI message that -map_metadata does not touch), so the file says which ran.

let dir: string
let cleanup: () => Promise<void>

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('resolution'))
})
afterAll(() => cleanup())

async function stitchAt(size: { width: number; height: number }, name: string) {
  const clip = await makeClip(path.join(dir, `${name}-clip.mp4`), { ...size, fps: 24, seconds: 1 })
  const out = path.join(dir, `${name}.mp4`)
  await stitchVideo({
    clips: [
      { path: clip, caption: 'A lamp that follows the sun', transition: 'cut' },
      { path: clip, caption: 'USB-C charging in the base', transition: 'dissolve' },
    ],
    endCard: { title: 'Halo Desk Lamp', callToAction: 'Shop now', brandColor: '#1D3557' },
    aspectRatio: '9:16',
    language: 'en',
    size,
    outputPath: out,
    posterPath: path.join(dir, `${name}.jpg`),
    tempDir: dir,
  })
  const bytes = await readFile(out)
  const settings = /x264 - core \d+[^\0]*?options: ([^\0]*)/.exec(bytes.toString('latin1'))?.[1] ?? ''
  return { info: await probe(out), settings }
}

describe('1080p output', () => {
  it('sizes are 1.5× the 720p ones, even on every side', () => {
    expect(sizeFor('1080p', DEFAULT_SIZES['9:16'])).toEqual({ width: 1080, height: 1920 })
    expect(sizeFor('1080p', DEFAULT_SIZES['16:9'])).toEqual({ width: 1920, height: 1080 })
    expect(sizeFor('1080p', DEFAULT_SIZES['1:1'])).toEqual({ width: 1080, height: 1080 })
    expect(sizeFor('1080p', DEFAULT_SIZES['3:4'])).toEqual({ width: 1080, height: 1440 })
    expect(sizeFor('1080p', DEFAULT_SIZES['4:5'])).toEqual({ width: 1080, height: 1350 })
    expect(DEFAULT_SIZES['3:4']).toEqual({ width: 720, height: 960 })
    expect(DEFAULT_SIZES['4:5']).toEqual({ width: 720, height: 900 })
    expect(sizeFor('720p', DEFAULT_SIZES['9:16'])).toEqual({ width: 720, height: 1280 })
    // A test's stand-in size keeps its proportion, and stays even.
    expect(sizeFor('1080p', { width: 360, height: 640 })).toEqual({ width: 540, height: 960 })
    expect(sizeFor('1080p', { width: 302, height: 538 })).toEqual({ width: 454, height: 808 })
  })

  it('is 1080×1920, encoded at CRF 21 under the 8 Mbit/s cap; 720p stays at CRF 26', async () => {
    const hd = await stitchAt(sizeFor('1080p', DEFAULT_SIZES['9:16']), 'hd')
    const video = hd.info.streams.find((s) => s.codec_type === 'video')!
    expect([video.width, video.height]).toEqual([1080, 1920])
    expect(hd.settings).toMatch(/\bcrf=21\.0\b/)
    expect(hd.settings).toMatch(/\bvbv_maxrate=8000\b/)
    expect(hd.settings).toMatch(/\bvbv_bufsize=16000\b/)

    const sd = await stitchAt(DEFAULT_SIZES['9:16'], 'sd')
    expect(sd.settings).toMatch(/\bcrf=26\.0\b/)
    expect(sd.settings).not.toMatch(/vbv_maxrate/)
  }, 120_000)
})
