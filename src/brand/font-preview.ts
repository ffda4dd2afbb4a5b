import sharp from 'sharp'
import {
  type CaptionFace,
  type FaceLanguage,
  familyOf,
  FACE_PREVIEW_HEIGHT as PREVIEW_HEIGHT,
} from '../formats/fonts.js'

/**
 * The /brand page's sample of each caption face: a short caption drawn by the same Pango and
 * fontconfig as the stitch (white bold type on the near-black caption box), so the page shows the
 * face the video will use, Chinese fallback included, without serving font files. Drawn at twice
 * the size the page shows it, for sharp type on dense screens; a few faces × three languages, so
 * each is drawn once per process and kept.
 */
export const PREVIEW_SCALE = 2
const FONT_SIZE = 18 * PREVIEW_SCALE
const BOX = '#0C0D10'

export interface FacePreview {
  png: Buffer
  /** CSS pixels: the PNG is PREVIEW_SCALE times larger. */
  width: number
  height: number
}

const drawn = new Map<string, Promise<FacePreview>>()

/** The sample `text` (the catalog's, in `language`) drawn in `face`. */
export function facePreview(face: CaptionFace, language: FaceLanguage, text: string): Promise<FacePreview> {
  const key = `${face}\u0000${language}\u0000${text}`
  let preview = drawn.get(key)
  if (!preview) {
    preview = draw(face, language, text)
    // A failed drawing is not kept: the next request tries again.
    preview.catch(() => drawn.delete(key))
    drawn.set(key, preview)
  }
  return preview
}

async function draw(face: CaptionFace, language: FaceLanguage, text: string): Promise<FacePreview> {
  const lang = language === 'en' ? 'en' : language === 'zh-CN' ? 'zh-cn' : 'zh-tw'
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`)
  const { data, info } = await sharp({
    text: {
      text: `<span foreground="#FFFFFF" lang="${lang}">${escaped}</span>`,
      font: `${familyOf(language, face)} Bold ${FONT_SIZE}`,
      rgba: true,
      dpi: 72,
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const padX = Math.round(FONT_SIZE * 0.45)
  // Even sizes, so the page's half-size box is whole pixels.
  const width = Math.ceil((info.width + 2 * padX) / PREVIEW_SCALE) * PREVIEW_SCALE
  const height = Math.max(PREVIEW_HEIGHT * PREVIEW_SCALE, info.height)
  const radius = Math.round(FONT_SIZE * 0.28)
  const box = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect width="${width}" height="${height}" rx="${radius}" ry="${radius}" fill="${BOX}"/></svg>`,
  )
  const png = await sharp(box)
    .composite([
      {
        input: data,
        raw: { width: info.width, height: info.height, channels: 4 },
        left: Math.round((width - info.width) / 2),
        top: Math.round((height - info.height) / 2),
      },
    ])
    .png()
    .toBuffer()
  return { png, width: width / PREVIEW_SCALE, height: height / PREVIEW_SCALE }
}
