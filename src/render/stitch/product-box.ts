import sharp from 'sharp'
import type { Box, Size } from './layout.js'

/**
 * Where the product is in the brief's photo, so captions keep clear of it. Product photos are
 * mostly shot on a plain background: the product is what differs from the border's colour.
 * When the border is not plain, a saliency estimate stands in: where the detail is (edges of a
 * blurred copy). Deterministic: the same photo always gives the same box.
 */

export interface ProductBox {
  /** Fractions of the photo's width and height (0…1). */
  box: Box
  /** The background is near-uniform: the product can be cut out of it (end card). */
  plain: boolean
  /** The border's median colour, #RRGGBB. */
  background: string
  /** The photo's own size in pixels. */
  photo: Size
}

/** Side of the copy the photo is analysed on: enough for a box, cheap to scan. */
const ANALYSIS_SIDE = 160
/** A pixel this far from the border colour (largest channel difference) is the product. */
const FOREGROUND = 42
/** Border pixels this close to its median make a plain background… */
const UNIFORM = 26
/** …when at least this share of the border is. */
const UNIFORM_SHARE = 0.85

export interface Pixels {
  data: Buffer
  width: number
  height: number
}

export async function analysisPixels(photo: string | Buffer, side = ANALYSIS_SIDE): Promise<Pixels & { photo: Size }> {
  const image = sharp(photo).rotate()
  const meta = await image.metadata()
  const { data, info } = await image
    .resize(side, side, { fit: 'inside' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true })
  const upright = (meta.orientation ?? 1) >= 5
  const photoSize = upright
    ? { width: meta.height ?? info.height, height: meta.width ?? info.width }
    : { width: meta.width ?? info.width, height: meta.height ?? info.height }
  return { data, width: info.width, height: info.height, photo: photoSize }
}

/** Median colour of the outermost two rings of pixels. */
export function borderColour(px: Pixels): [number, number, number] {
  const channels: number[][] = [[], [], []]
  forBorder(px, (i) => {
    for (let c = 0; c < 3; c++) channels[c]?.push(px.data[i + c] ?? 0)
  })
  return channels.map((v) => v.sort((a, b) => a - b)[v.length >> 1] ?? 0) as [number, number, number]
}

function forBorder(px: Pixels, visit: (index: number) => void): void {
  const { width: w, height: h } = px
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) if (x < 2 || y < 2 || x >= w - 2 || y >= h - 2) visit((y * w + x) * 3)
}

export function distance(px: Pixels, i: number, colour: readonly number[]): number {
  return Math.max(
    Math.abs((px.data[i] ?? 0) - (colour[0] ?? 0)),
    Math.abs((px.data[i + 1] ?? 0) - (colour[1] ?? 0)),
    Math.abs((px.data[i + 2] ?? 0) - (colour[2] ?? 0)),
  )
}

/** The range of a weight profile that holds all but `trim` of its mass at each end. */
function trimmedRange(profile: readonly number[], trim: number): [number, number] {
  const total = profile.reduce((a, b) => a + b, 0)
  if (total === 0) return [0, profile.length]
  let lo = 0
  let acc = 0
  while (lo < profile.length && acc + (profile[lo] ?? 0) <= total * trim) acc += profile[lo++] ?? 0
  let hi = profile.length
  acc = 0
  while (hi > lo + 1 && acc + (profile[hi - 1] ?? 0) <= total * trim) acc += profile[--hi] ?? 0
  return [lo, hi]
}

function boxOfWeights(weights: Float64Array, px: Pixels, trim: number): Box {
  const cols = new Array<number>(px.width).fill(0)
  const rows = new Array<number>(px.height).fill(0)
  for (let y = 0; y < px.height; y++)
    for (let x = 0; x < px.width; x++) {
      const v = weights[y * px.width + x] ?? 0
      cols[x] = (cols[x] ?? 0) + v
      rows[y] = (rows[y] ?? 0) + v
    }
  const [x0, x1] = trimmedRange(cols, trim)
  const [y0, y1] = trimmedRange(rows, trim)
  return { x: x0 / px.width, y: y0 / px.height, width: (x1 - x0) / px.width, height: (y1 - y0) / px.height }
}

/** The product's box in the photo, as fractions, and whether its background is plain. */
export async function findProductBox(photo: string | Buffer): Promise<ProductBox> {
  const px = await analysisPixels(photo)
  const bg = borderColour(px)
  let border = 0
  let uniform = 0
  forBorder(px, (i) => {
    border++
    if (distance(px, i, bg) <= UNIFORM) uniform++
  })
  const plain = uniform / border >= UNIFORM_SHARE
  const weights = new Float64Array(px.width * px.height)
  if (plain) {
    for (let p = 0; p < weights.length; p++) weights[p] = distance(px, p * 3, bg) > FOREGROUND ? 1 : 0
  } else {
    // Saliency: gradient energy of a blurred luma, which finds the detailed, in-focus subject.
    const luma = (x: number, y: number) => {
      const i = (Math.min(px.height - 1, Math.max(0, y)) * px.width + Math.min(px.width - 1, Math.max(0, x))) * 3
      return 0.299 * (px.data[i] ?? 0) + 0.587 * (px.data[i + 1] ?? 0) + 0.114 * (px.data[i + 2] ?? 0)
    }
    for (let y = 0; y < px.height; y++)
      for (let x = 0; x < px.width; x++) {
        const gx = luma(x + 1, y) - luma(x - 1, y)
        const gy = luma(x, y + 1) - luma(x, y - 1)
        weights[y * px.width + x] = Math.hypot(gx, gy)
      }
  }
  const found = boxOfWeights(weights, px, plain ? 0.004 : 0.05)
  const empty = found.width <= 0 || found.height <= 0 || weights.every((v) => v === 0)
  return {
    box: empty ? { x: 0.2, y: 0.2, width: 0.6, height: 0.6 } : found,
    plain,
    background: `#${bg.map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase(),
    photo: px.photo,
  }
}

/**
 * The product's box in the video's frame, in pixels. The clip keeps the photo's shape and the
 * stitch crops its centre to the frame's shape (cover), so the box moves and may be cut. The
 * camera moves LibTV adds (push in, pan) shift it a little: `margin` (fraction of the frame)
 * grows it on every side. Null when the product is cropped out of the frame entirely.
 */
export function productBoxInFrame(found: ProductBox, frame: Size, margin = 0.04): Box | null {
  const photoAspect = found.photo.width / found.photo.height
  const frameAspect = frame.width / frame.height
  // The share of the photo's width (or height) the frame shows.
  const shownW = Math.min(1, frameAspect / photoAspect)
  const shownH = Math.min(1, photoAspect / frameAspect)
  const x0 = (found.box.x - (1 - shownW) / 2) / shownW - margin
  const y0 = (found.box.y - (1 - shownH) / 2) / shownH - margin
  const x1 = (found.box.x + found.box.width - (1 - shownW) / 2) / shownW + margin
  const y1 = (found.box.y + found.box.height - (1 - shownH) / 2) / shownH + margin
  const cx0 = Math.max(0, x0)
  const cy0 = Math.max(0, y0)
  const cx1 = Math.min(1, x1)
  const cy1 = Math.min(1, y1)
  if (cx1 <= cx0 || cy1 <= cy0) return null
  return {
    x: Math.round(cx0 * frame.width),
    y: Math.round(cy0 * frame.height),
    width: Math.round((cx1 - cx0) * frame.width),
    height: Math.round((cy1 - cy0) * frame.height),
  }
}
