import { createHash } from 'node:crypto'
import { fileTypeFromBuffer, fileTypeFromFile } from 'file-type'
import sharp, { type Metadata } from 'sharp'
import { english, type Said } from '../i18n/said.js'

// What Kling accepts for a start frame (docs/libtv.md#image-requirements) and what we are willing to decode.
export const imageLimits = {
  maxBytes: 15 * 1024 * 1024,
  maxPixels: 40_000_000,
  minSide: 300,
  maxAspect: 2.5,
  // Re-encoded photos are capped so the JPEG stays well under LibTV's 10 MB.
  maxStoredSide: 4096,
  thumbnailSide: 480,
} as const

// libvips's own threads per image. Its default (one per core) lets one decode take every core;
// with the image queue running one or two decodes at a time, a core stays for pages and scrypt.
sharp.concurrency(1)

/** Why a photo is not acceptable: pages say it in their language, the API in English (`message`). */
export class ImageRejected extends Error {
  constructor(readonly said: Said) {
    super(english(said))
  }
}

/** An upload in memory, or streamed to a file (`bytes` is how large it was as sent). */
export type ImageSource = Buffer | { path: string; bytes: number }

export type ProcessedImage = { jpeg: Buffer; thumbnail: Buffer; sha256: string; width: number; height: number }

const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp'])
const MB = 1024 * 1024

/**
 * The checks that need no decoding: size, and the file type from its first bytes. Cheap enough
 * to run before an upload waits for its turn to be decoded.
 */
export async function checkUpload(input: ImageSource): Promise<void> {
  const size = Buffer.isBuffer(input) ? input.length : input.bytes
  if (size === 0) throw new ImageRejected({ key: 'briefs.photo.emptyFile' })
  if (size > imageLimits.maxBytes) {
    throw new ImageRejected({ key: 'briefs.photo.tooLarge', values: { megabytes: size / MB } })
  }
  const type = Buffer.isBuffer(input) ? await fileTypeFromBuffer(input) : await fileTypeFromFile(input.path)
  if (!type || !ACCEPTED.has(type.mime)) {
    throw new ImageRejected({ key: 'briefs.photo.notImage' })
  }
}

/**
 * Checks an upload from its bytes alone and re-encodes it: orientation applied, every piece of
 * metadata (EXIF with GPS, XMP, ICC beyond sRGB) dropped, so no phone location is kept or sent on.
 * The pixel limit is checked from the header, before anything is decoded.
 */
export async function processProductImage(input: ImageSource): Promise<ProcessedImage> {
  await checkUpload(input)
  // A streamed upload is read from its file by sharp itself, never copied into memory whole.
  const source = Buffer.isBuffer(input) ? input : input.path

  let meta: Metadata
  try {
    meta = await sharp(source, { limitInputPixels: false }).metadata()
  } catch {
    throw new ImageRejected({ key: 'briefs.photo.unreadable' })
  }
  const { width = 0, height = 0 } = meta
  if (width * height > imageLimits.maxPixels) {
    throw new ImageRejected({ key: 'briefs.photo.tooManyPixels', values: { width, height } })
  }
  if ((meta.pages ?? 1) > 1) throw new ImageRejected({ key: 'briefs.photo.animated' })

  // EXIF orientations 5–8 turn the picture a quarter, swapping its sides.
  const turned = (meta.orientation ?? 1) >= 5
  const w = turned ? height : width
  const h = turned ? width : height
  if (Math.min(w, h) < imageLimits.minSide) {
    throw new ImageRejected({ key: 'briefs.photo.tooSmall', values: { width: w, height: h, min: imageLimits.minSide } })
  }
  if (Math.max(w, h) / Math.min(w, h) > imageLimits.maxAspect) {
    throw new ImageRejected({ key: 'briefs.photo.tooNarrow' })
  }

  try {
    const pipeline = sharp(source, { limitInputPixels: imageLimits.maxPixels, failOn: 'truncated' })
      .rotate()
      .resize({
        width: imageLimits.maxStoredSide,
        height: imageLimits.maxStoredSide,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
    const { data: jpeg, info } = await pipeline
      .jpeg({ quality: 90, mozjpeg: true })
      .toBuffer({ resolveWithObject: true })
    const thumbnail = await sharp(jpeg)
      .resize({ width: imageLimits.thumbnailSide, height: imageLimits.thumbnailSide, fit: 'inside' })
      .webp({ quality: 80 })
      .toBuffer()
    const sha256 = createHash('sha256').update(jpeg).digest('hex')
    return { jpeg, thumbnail, sha256, width: info.width, height: info.height }
  } catch {
    throw new ImageRejected({ key: 'briefs.photo.damaged' })
  }
}
