// The product's box from the photo (issue 22): captions go on the side away from it. Photos are
// generated here with sharp: the product low, high and off-centre, on plain and busy backgrounds.
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findProductBox, productBoxInFrame } from '../../../src/render/stitch/product-box.js'
import { tempDir } from './helpers.js'
import { makeLampPhoto } from './lamp.js'

let dir: string
let cleanup: () => Promise<void>
beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('product-box'))
})
afterAll(() => cleanup())

const near = (a: number, b: number, within = 0.04) => Math.abs(a - b) <= within

describe('findProductBox', () => {
  it.each([
    ['low', { x: 0.3, y: 0.5, width: 0.4, height: 0.42 }],
    ['high', { x: 0.25, y: 0.06, width: 0.5, height: 0.4 }],
    ['off-centre', { x: 0.58, y: 0.3, width: 0.36, height: 0.5 }],
  ] as const)('finds a lamp placed %s on a plain background', async (name, box) => {
    const file = path.join(dir, `${name}.jpg`)
    await makeLampPhoto(file, { box })
    const found = await findProductBox(file)
    expect(found.plain).toBe(true)
    expect(found.photo).toEqual({ width: 900, height: 1200 })
    // The drawing's outermost parts: the shade's rim (12–88 % of the box) and the base (5–95 %).
    expect(near(found.box.x, box.x + 0.05 * box.width)).toBe(true)
    expect(near(found.box.x + found.box.width, box.x + 0.95 * box.width)).toBe(true)
    expect(near(found.box.y, box.y)).toBe(true)
    expect(near(found.box.y + found.box.height, box.y + box.height)).toBe(true)
    // Deterministic.
    expect(await findProductBox(file)).toEqual(found)
  })

  it('falls back to where the detail is on a busy background, and says it is not plain', async () => {
    const file = path.join(dir, 'busy.png')
    // A noisy gradient background, a sharp-edged checkerboard product in the upper left.
    const w = 400
    const h = 400
    const px = Buffer.alloc(w * h * 3)
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) {
        const i = (y * w + x) * 3
        const inside = x >= 40 && x < 180 && y >= 60 && y < 200
        const v = inside ? (((x >> 3) + (y >> 3)) % 2 ? 250 : 10) : 90 + Math.round((x + y) / 8)
        px[i] = v
        px[i + 1] = inside ? v : 140
        px[i + 2] = inside ? v : 200 - Math.round(y / 4)
      }
    await sharp(px, { raw: { width: w, height: h, channels: 3 } })
      .png()
      .toFile(file)
    const found = await findProductBox(file)
    expect(found.plain).toBe(false)
    expect(near(found.box.x, 0.1, 0.06)).toBe(true)
    expect(near(found.box.y, 0.15, 0.06)).toBe(true)
    expect(found.box.x + found.box.width).toBeLessThan(0.55)
    expect(found.box.y + found.box.height).toBeLessThan(0.6)
  })
})

describe('productBoxInFrame', () => {
  const found = {
    box: { x: 0.3, y: 0.5, width: 0.4, height: 0.4 },
    plain: true,
    background: '#FFFFFF',
    photo: { width: 900, height: 1200 },
  }

  it('follows the centre crop of a 3:4 photo into 9:16 (sides cut) and 16:9 (top and bottom cut)', () => {
    // 9:16 shows 0.5625 / 0.75 = 75 % of the width: x 0.3 → (0.3 − 0.125) / 0.75.
    const tall = productBoxInFrame(found, { width: 720, height: 1280 }, 0)
    expect(tall).toEqual({
      x: Math.round((0.175 / 0.75) * 720),
      y: 640,
      width: Math.round((0.4 / 0.75) * 720),
      height: 512,
    })
    // 16:9 shows 0.75 / 1.778 = 42 % of the height, around the middle: the lamp's lower part is cut.
    const wide = productBoxInFrame(found, { width: 1280, height: 720 }, 0)
    const shown = 0.75 / (16 / 9)
    expect(wide?.y).toBe(Math.round(((0.5 - (1 - shown) / 2) / shown) * 720))
    expect(wide!.y + wide!.height).toBe(720)
  })

  it('is null when the crop leaves the product out', () => {
    const corner = { ...found, box: { x: 0.02, y: 0.02, width: 0.1, height: 0.05 } }
    expect(productBoxInFrame(corner, { width: 1280, height: 720 }, 0)).toBeNull()
  })
})
