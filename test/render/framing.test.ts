import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { framePhoto, framePhotoBytes } from '../../src/render/framing.js'
import { DEFAULT_SIZES, sizeFor } from '../../src/render/stitch/layout.js'
import { imagePaths } from '../../src/storage.js'

// The photo LibTV gets is framed for the video's shape with the product kept whole (issue 24).
// The product here is photographed off-centre: a centre crop to 9:16 would lose it entirely.

const W = 1600
const H = 900
/** The product: a red block near the right edge, on a plain light background. */
const PRODUCT = { x: 1150, y: 250, width: 300, height: 400 }

let dir: string
let photo: Buffer

beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'lumina-framing-'))
  photo = await sharp({ create: { width: W, height: H, channels: 3, background: '#EEEEEE' } })
    .composite([
      {
        input: await sharp({
          create: { width: PRODUCT.width, height: PRODUCT.height, channels: 3, background: '#D01010' },
        })
          .png()
          .toBuffer(),
        left: PRODUCT.x,
        top: PRODUCT.y,
      },
    ])
    .jpeg({ quality: 92 })
    .toBuffer()
})
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true })
})

/** The red pixels' box in a JPEG: where the product ended up. */
async function redBox(jpeg: Buffer) {
  const { data, info } = await sharp(jpeg).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  let [x0, y0, x1, y1] = [info.width, info.height, -1, -1]
  for (let y = 0; y < info.height; y++)
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * 3
      if ((data[i] ?? 0) > 150 && (data[i + 1] ?? 0) < 80 && (data[i + 2] ?? 0) < 80) {
        x0 = Math.min(x0, x)
        y0 = Math.min(y0, y)
        x1 = Math.max(x1, x)
        y1 = Math.max(y1, y)
      }
    }
  return { x0, y0, x1, y1, width: info.width, height: info.height, format: (await sharp(jpeg).metadata()).format }
}

describe('framing the photo for LibTV', () => {
  it.each(['9:16', '3:4', '4:5', '1:1'] as const)(
    'a %s frame holds the whole off-centre product, as a JPEG LibTV takes',
    async (aspect) => {
      const size = sizeFor('720p', DEFAULT_SIZES[aspect])
      const framed = await framePhotoBytes(photo, size)
      const box = await redBox(framed)
      expect([box.width, box.height]).toEqual([size.width, size.height])
      expect(box.format).toBe('jpeg')
      // The whole product: found, and not cut by any edge of the frame.
      expect(box.x1).toBeGreaterThan(box.x0)
      expect(box.x0).toBeGreaterThan(0)
      expect(box.y0).toBeGreaterThan(0)
      expect(box.x1).toBeLessThan(box.width - 1)
      expect(box.y1).toBeLessThan(box.height - 1)
      // Its proportions survive (a stretched crop would change them).
      const scale = size.height / H
      expect((box.x1 - box.x0 + 1) / scale).toBeCloseTo(PRODUCT.width, -1)
      expect((box.y1 - box.y0 + 1) / scale).toBeCloseTo(PRODUCT.height, -1)
      // LibTV's limits: each side ≥ 300 px, aspect within 1:2.5…2.5:1, ≤ 10 MB.
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(300)
      expect(framed.length).toBeLessThan(10 * 1024 * 1024)
    },
  )

  it('a centre crop would have lost the product: the test photo is a real test', async () => {
    const centre = await sharp(photo).resize(720, 1280, { fit: 'cover', position: 'centre' }).jpeg().toBuffer()
    expect((await redBox(centre)).x1).toBe(-1)
  })

  it('is made once per photo, ratio and resolution, beside the photo, and reused', async () => {
    const image = { userId: '0b5a1c9e-4a3e-4b8a-9d2f-6c1e2f3a4b5c', sha256: 'a'.repeat(64) }
    const paths = imagePaths(dir, image.userId, image.sha256)
    await fs.promises.mkdir(path.dirname(paths.full), { recursive: true })
    await fs.promises.writeFile(paths.full, photo)
    const first = await framePhoto(dir, image, '3:4', '1080p')
    expect(first).toBe(paths.framed('3:4', '1080p'))
    expect(path.dirname(first)).toBe(path.dirname(paths.full))
    expect((await sharp(first).metadata()).width).toBe(1080)
    expect((await sharp(first).metadata()).height).toBe(1440)
    const made = (await fs.promises.stat(first)).mtimeMs
    expect(await framePhoto(dir, image, '3:4', '1080p')).toBe(first)
    expect((await fs.promises.stat(first)).mtimeMs).toBe(made)
    expect(await framePhoto(dir, image, '3:4', '720p')).not.toBe(first)
    expect(paths.isFraming(path.basename(first))).toBe(true)
    // A video's shots ask at the same moment: one file, no failed rename.
    const together = await Promise.all([1, 2, 3, 4].map(() => framePhoto(dir, image, '4:5', '1080p')))
    expect(new Set(together)).toEqual(new Set([paths.framed('4:5', '1080p')]))
  })
})
