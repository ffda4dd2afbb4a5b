import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import sharp, { type Metadata } from 'sharp'
import { english, type Said } from '../i18n/said.js'

/** What a brand logo may be: small, since it is drawn at most a third of the frame wide. */
export const logoLimits = {
  maxBytes: 2 * 1024 * 1024,
  maxPixels: 25_000_000,
  minSide: 32,
  /** Stored at most this wide or tall: the end card of a 1080p video draws it smaller. */
  maxStoredSide: 1024,
} as const

const ACCEPTED = new Set(['image/png', 'image/jpeg', 'image/webp'])
const MB = 1024 * 1024

/** Why a logo is not acceptable: pages say it in their language, the API in English too. */
export class LogoRejected extends Error {
  constructor(readonly said: Said) {
    super(english(said))
  }
}

export type ProcessedLogo = { png: Buffer; sha256: string; width: number; height: number }

/** An SVG is text: file-type does not name it, so its first markup is looked for instead. */
function looksLikeSvg(bytes: Buffer): boolean {
  const head = bytes
    .subarray(0, 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
  return /^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(head)
}

/**
 * Checks a logo from its bytes (never its name or declared type) and re-encodes it as a PNG:
 * orientation applied, transparency kept, every piece of metadata (EXIF, XMP, ICC beyond sRGB)
 * dropped. SVG is refused: a script or an outside reference in it could run or load wherever it
 * is drawn, and libvips would fetch neither safely.
 */
export async function processLogo(bytes: Buffer): Promise<ProcessedLogo> {
  if (bytes.length === 0) throw new LogoRejected({ key: 'brand.logo.empty' })
  if (bytes.length > logoLimits.maxBytes) {
    throw new LogoRejected({
      key: 'brand.logo.tooLarge',
      values: { megabytes: Math.round((bytes.length / MB) * 10) / 10 },
    })
  }
  const type = await fileTypeFromBuffer(bytes)
  if (!type || !ACCEPTED.has(type.mime)) {
    // file-type names an SVG's XML prolog as application/xml, or nothing: its markup tells.
    throw new LogoRejected({
      key: type?.mime === 'image/svg+xml' || looksLikeSvg(bytes) ? 'brand.logo.svg' : 'brand.logo.notImage',
    })
  }

  let meta: Metadata
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata()
  } catch {
    throw new LogoRejected({ key: 'brand.logo.unreadable' })
  }
  const { width = 0, height = 0 } = meta
  if (width * height > logoLimits.maxPixels) throw new LogoRejected({ key: 'brand.logo.unreadable' })
  if ((meta.pages ?? 1) > 1) throw new LogoRejected({ key: 'brand.logo.animated' })
  if (Math.min(width, height) < logoLimits.minSide) {
    throw new LogoRejected({ key: 'brand.logo.tooSmall', values: { min: logoLimits.minSide } })
  }
  try {
    // sharp writes no metadata unless asked (withMetadata): the PNG carries pixels only.
    const { data, info } = await sharp(bytes, { limitInputPixels: logoLimits.maxPixels, failOn: 'truncated' })
      .rotate()
      .resize({
        width: logoLimits.maxStoredSide,
        height: logoLimits.maxStoredSide,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .toColourspace('srgb')
      .ensureAlpha()
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true })
    return {
      png: data,
      sha256: createHash('sha256').update(data).digest('hex'),
      width: info.width,
      height: info.height,
    }
  } catch {
    throw new LogoRejected({ key: 'brand.logo.damaged' })
  }
}
