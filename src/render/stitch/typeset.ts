import sharp from 'sharp'
import type { CaptionFace, Language, Size } from './layout.js'
import { boxPadding, captionFaceInfo, contrast, FONTS, familyOf, mix } from './layout.js'

/**
 * Text drawn to transparent PNGs with sharp (libvips → Pango → fontconfig): the real bold face
 * of every script, per-word colour through Pango markup, and exact sizes to place and check.
 * User text enters the markup escaped, so it is drawn as typed and can never open a tag.
 */

/** Escapes text for Pango markup (an XML subset): & < > and both quotes. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.codePointAt(0)};`)
}

export interface TextStyle {
  language: Language
  fontSize: number
  weight: 'bold' | 'regular'
  /** #RRGGBB */
  colour: string
  /** Drawn once, the first time it occurs, in `accent`. */
  highlight?: { text: string; colour: string } | null
  /** The brand kit's face (default sans). */
  face?: CaptionFace | undefined
}

/** Pango markup for the lines: escaped text, one accent span, the language for glyph forms. */
export function markupOf(lines: readonly string[], style: TextStyle): string {
  let pending = style.highlight?.text ? style.highlight : null
  const body = lines.map((line) => {
    const at = pending ? line.indexOf(pending.text) : -1
    if (!pending || at < 0) return escapeMarkup(line)
    const lit = `<span foreground="${pending.colour}">${escapeMarkup(pending.text)}</span>`
    const out = escapeMarkup(line.slice(0, at)) + lit + escapeMarkup(line.slice(at + pending.text.length))
    pending = null
    return out
  })
  const leading = exactLeading(style) ? ` line_height="${Math.round(LEADING * style.fontSize * 1024)}"` : ''
  return `<span foreground="${style.colour}" lang="${FONTS[style.language].lang}"${leading}>${body.join('\n')}</span>`
}

/** Display leading: lines this many ems apart. */
const LEADING = 1.23

/**
 * A Latin face lists Noto CJK after it, and Pango sets each line as tall as the fonts it uses:
 * 1.22 em for a line of Inter, 0.92 for League Spartan, 1.47 for one with Chinese. Such a face
 * gets an exact line height (Pango units), so its lines neither collide nor drift apart; a Noto
 * face keeps its own 1.47 less a fixed spacing, as it always was drawn.
 */
function exactLeading(style: TextStyle): boolean {
  return captionFaceInfo[style.face ?? 'sans'].latinFamily !== null
}

export interface RenderedText {
  /** Raw RGBA, straight (not premultiplied) alpha. */
  rgba: Buffer
  width: number
  height: number
}

/** The lines centred on each other, cropped to their ink; null when there is nothing to draw. */
export async function renderText(lines: readonly string[], style: TextStyle): Promise<RenderedText | null> {
  if (!lines.some((l) => l.trim())) return null
  const family = familyOf(style.language, style.face)
  const { data, info } = await sharp({
    text: {
      text: markupOf(lines, style),
      font: `${family} ${style.weight === 'bold' ? 'Bold' : 'Regular'} ${style.fontSize}`,
      rgba: true,
      dpi: 72, // one point is one pixel
      align: 'centre',
      // Display leading: lines 1.23 em apart instead of the Noto face's 1.47.
      spacing: exactLeading(style) ? 0 : Math.round(-0.24 * style.fontSize),
    },
  })
    .raw()
    .toBuffer({ resolveWithObject: true })
  return { rgba: data, width: info.width, height: info.height }
}

/** A rounded rectangle as SVG, for sharp to draw behind text or as a button. */
export function roundedRect(size: Size, radius: number, fill: string, opacity = 1): Buffer {
  const r = Math.min(radius, size.height / 2, size.width / 2)
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}">` +
      `<rect width="${size.width}" height="${size.height}" rx="${r}" ry="${r}" fill="${fill}" fill-opacity="${opacity}"/></svg>`,
  )
}

/** The caption's box: near-black, mostly opaque, so white text reads on any footage. */
export const CAPTION_BOX = { colour: '#0C0D10', opacity: 0.82 }
/** What the box looks like over a white frame: the worst case an accent colour must read on. */
export const CAPTION_BOX_OVER_WHITE = '#37383A'

/** What a box of `colour` looks like over a white frame (its opacity lets the frame through). */
export function boxOverWhite(colour: string): string {
  if (colour === CAPTION_BOX.colour) return CAPTION_BOX_OVER_WHITE // measured, not mixed
  return mix(colour, '#FFFFFF', 1 - CAPTION_BOX.opacity)
}

/**
 * The caption box in the brand's primary colour: the near-black box tinted with it as far as
 * white text still reads at 7:1 over a white frame (so the accent word has room to reach 4.5:1).
 */
export function captionBoxColour(primary: string | undefined): string {
  if (!primary) return CAPTION_BOX.colour
  for (let tint = 0.4; tint > 0; tint -= 0.05) {
    const box = mix(CAPTION_BOX.colour, primary, tint)
    if (contrast('#FFFFFF', boxOverWhite(box)) >= 7) return box
  }
  return CAPTION_BOX.colour
}

/** A caption as one PNG: the text on a tight rounded box. Null for an empty caption. */
export async function captionPng(
  lines: readonly string[],
  style: TextStyle,
  boxColour: string = CAPTION_BOX.colour,
): Promise<(Size & { png: Buffer }) | null> {
  const text = await renderText(lines, style)
  if (!text) return null
  const pad = boxPadding(style.fontSize)
  const size = { width: text.width + 2 * pad.x, height: text.height + 2 * pad.y }
  const png = await sharp(roundedRect(size, Math.round(style.fontSize * 0.28), boxColour, CAPTION_BOX.opacity))
    .composite([
      {
        input: text.rgba,
        raw: { width: text.width, height: text.height, channels: 4 },
        left: pad.x,
        top: pad.y,
      },
    ])
    .png({ compressionLevel: 1 })
    .toBuffer()
  return { ...size, png }
}
