import fs from 'node:fs'
import sharp from 'sharp'
import type { Image } from '../../db/schema.js'
import type { AspectRatio, Resolution } from '../../db/states.js'
import { imagePaths, writeFileAtomic } from '../storage.js'
import { type Box, DEFAULT_SIZES, type Size, sizeFor } from './stitch/layout.js'
import { findProductBox } from './stitch/product-box.js'

/**
 * The photo LibTV gets for a shot, framed for the video's shape: cropped to fill the frame with
 * the product kept whole where it fits (its box from the photo, product-box.ts), rather than a
 * centre crop that can cut an off-centre product away. Made once per (photo, ratio, resolution),
 * kept beside the photo's files and removed with them. Within LibTV's limits: JPEG, each side
 * ≥ 300 px, between 1:2.5 and 2.5:1 (every ratio we make is), well under 10 MB.
 */
export async function framePhoto(
  dataDir: string,
  image: Pick<Image, 'userId' | 'sha256'>,
  aspect: AspectRatio,
  resolution: Resolution,
): Promise<string> {
  const paths = imagePaths(dataDir, image.userId, image.sha256)
  const framed = paths.framed(aspect, resolution)
  if (fs.existsSync(framed)) return framed
  // A video's shots ask at once: one of them makes the file, the others wait for it.
  let making = inFlight.get(framed)
  if (!making) {
    making = (async () => {
      const photo = await fs.promises.readFile(paths.full)
      await writeFileAtomic(framed, await framePhotoBytes(photo, sizeFor(resolution, DEFAULT_SIZES[aspect])))
      return framed
    })().finally(() => inFlight.delete(framed))
    inFlight.set(framed, making)
  }
  return making
}

const inFlight = new Map<string, Promise<string>>()

/** The crop window (pixels of the photo) of `aspect` that holds `product` (fractions) best. */
export function cropWindow(photo: Size, aspectValue: number, product: Box): Box {
  const width = Math.min(photo.width, Math.round(photo.height * aspectValue))
  const height = Math.min(photo.height, Math.round(photo.width / aspectValue))
  // Centred on the product, then moved back inside the photo: a product that fits stays whole.
  const along = (start: number, size: number, window: number, whole: number) => {
    const centre = (start + size / 2) * whole
    return Math.round(Math.min(whole - window, Math.max(0, centre - window / 2)))
  }
  return {
    x: along(product.x, product.width, width, photo.width),
    y: along(product.y, product.height, height, photo.height),
    width,
    height,
  }
}

export async function framePhotoBytes(photo: Buffer, size: Size): Promise<Buffer> {
  const found = await findProductBox(photo)
  const window = cropWindow(found.photo, size.width / size.height, found.box)
  return sharp(photo)
    .rotate()
    .extract({ left: window.x, top: window.y, width: window.width, height: window.height })
    .resize(size.width, size.height, { fit: 'fill' })
    .jpeg({ quality: 90, mozjpeg: true })
    .toBuffer()
}
