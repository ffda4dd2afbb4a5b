import sharp, { type OverlayOptions } from 'sharp'
import { fitText } from './captions.js'
import type { AspectRatio, Box, CaptionFace, Language, SafeZone, Size } from './layout.js'
import { mix, readableAccent, safeArea, textColourOn, typeSize } from './layout.js'
import type { ProductBox } from './product-box.js'
import { analysisPixels, borderColour, distance } from './product-box.js'
import { renderText, roundedRect } from './typeset.js'

/**
 * The end card, drawn as one still PNG: the product (cut out of a plain background, else framed),
 * its name, the call to action as one button in the brand colour, and the link under it, on a
 * neutral background tinted with the brand. The brand colour is an accent, not a flood fill.
 */

/** The button's colour when the brand has none: a warm orange that reads on the light card. */
export const DEFAULT_ACCENT = '#E4572E'
const INK = '#15171B'
const MUTED = '#454A53'

/** The card's background: near-white, a touch of the brand in it. */
export function endCardBackground(brandColor: string | undefined): { top: string; bottom: string } {
  const brand = brandColor ?? DEFAULT_ACCENT
  return { top: mix('#F7F6F3', brand, 0.05), bottom: mix('#E8E6E1', brand, 0.12) }
}

const LINK = /(?:https?:\/\/)?(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?:\/\S*)?|[@＠][\p{L}\p{N}_.]+/u
/** Words that only lead to the link ("Shop now at …", "立即访问 …"): dropped with it. */
const LEADING_TO_LINK = /(?:\s*(?:at|on|via|from|visit|:|：|-|—|–|访问|前往|登录|登入|請到|请到|到|在))+\s*$/iu

/** "Shop now at halolamp.example" → the button "Shop now" and the link "halolamp.example". */
export function splitCallToAction(cta: string): { action: string; link: string | null } {
  const m = cta.match(LINK)
  if (!m || m.index === undefined) return { action: cta, link: null }
  const before = cta.slice(0, m.index).replace(LEADING_TO_LINK, '').trim()
  const after = cta
    .slice(m.index + m[0].length)
    .replace(/^[\s.,!。！，]+/u, '')
    .trim()
  const action = [before, after].filter(Boolean).join(' ')
  return action ? { action, link: m[0].replace(/[.,!?。！]+$/u, '') } : { action: m[0], link: null }
}

/** The photo with its plain background made transparent: a flood fill from the border. */
export async function cutOut(photo: string, fit: Size, found: ProductBox): Promise<Buffer> {
  // Analysed at the size the product will be shown at, not the photo's: the fill stays cheap.
  const side = Math.min(
    2400,
    Math.ceil(Math.max(fit.width, fit.height) / Math.max(0.1, found.box.width, found.box.height)),
  )
  const px = await analysisPixels(photo, side)
  const bg = borderColour(px)
  const { width: w, height: h } = px
  const alpha = Buffer.alloc(w * h, 255)
  const queue = new Int32Array(w * h)
  let head = 0
  let tail = 0
  const visit = (p: number) => {
    if (alpha[p] === 0 || distance(px, p * 3, bg) > 38) return
    alpha[p] = 0
    queue[tail++] = p
  }
  for (let x = 0; x < w; x++) {
    visit(x)
    visit((h - 1) * w + x)
  }
  for (let y = 0; y < h; y++) {
    visit(y * w)
    visit(y * w + w - 1)
  }
  while (head < tail) {
    const p = queue[head++] ?? 0
    const x = p % w
    if (x > 0) visit(p - 1)
    if (x < w - 1) visit(p + 1)
    if (p >= w) visit(p - w)
    if (p < w * (h - 1)) visit(p + w)
  }
  // A feathered edge: JPEG fringes and anti-aliasing blend instead of stair-stepping.
  const mask = await sharp(alpha, { raw: { width: w, height: h, channels: 1 } })
    .blur(0.8)
    .extractChannel(0) // sharp hands a blurred one-band image back as sRGB otherwise
    .raw()
    .toBuffer()
  const cut = await sharp(px.data, { raw: { width: w, height: h, channels: 3 } })
    .joinChannel(mask, { raw: { width: w, height: h, channels: 1 } })
    .png()
    .toBuffer()
  return sharp(cut).trim({ threshold: 1 }).png().toBuffer()
}

/** The product as a PNG that fits `fit`: cut out, or framed with rounded corners. */
async function productImage(photo: string, fit: Size, found: ProductBox): Promise<{ png: Buffer } & Size> {
  if (found.plain) {
    const { data, info } = await sharp(await cutOut(photo, fit, found))
      .resize(fit.width, fit.height, { fit: 'inside' })
      .png()
      .toBuffer({ resolveWithObject: true })
    return { png: data, width: info.width, height: info.height }
  }
  const { data, info } = await sharp(photo)
    .rotate()
    .resize(fit.width, fit.height, { fit: 'inside' })
    .toBuffer({ resolveWithObject: true })
  const radius = Math.round(Math.min(info.width, info.height) * 0.05)
  const png = await sharp(data)
    .ensureAlpha()
    .composite([{ input: roundedRect(info, radius, '#000'), blend: 'dest-in' }])
    .png()
    .toBuffer()
  return { png, width: info.width, height: info.height }
}

/** A soft shadow the product stands on (cut out) or floats over (framed). */
function shadow(size: Size, product: Box, cut: boolean): Buffer {
  const rx = Math.round(product.width * (cut ? 0.42 : 0.5))
  const ry = Math.max(4, Math.round(cut ? product.height * 0.035 : product.height * 0.5))
  const cx = product.x + product.width / 2
  const cy = cut ? product.y + product.height - ry * 0.4 : product.y + product.height / 2 + ry * 0.06
  const blur = Math.max(3, Math.round(Math.min(size.width, size.height) * 0.02))
  const shape = cut
    ? `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="#000" fill-opacity="0.22" filter="url(#b)"/>`
    : `<rect x="${product.x}" y="${product.y + blur / 2}" width="${product.width}" height="${product.height}" rx="${Math.round(Math.min(product.width, product.height) * 0.05)}" fill="#000" fill-opacity="0.25" filter="url(#b)"/>`
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}">` +
      `<defs><filter id="b" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="${blur}"/></filter></defs>${shape}</svg>`,
  )
}

export interface EndCardSpec {
  size: Size
  aspect: AspectRatio
  language: Language
  title: string
  callToAction: string
  brandColor?: string | undefined
  /** A platform preset's margins; none: the ratio's own safe area. */
  zone?: SafeZone | null
  /** The product photo and what was found in it; none: a card of text only. */
  photo?: { path: string; found: ProductBox } | null
  /** The brand kit's logo (a PNG, transparency kept): drawn above the product. */
  logoPath?: string | null | undefined
  /** The brand kit's website or shop handle: shown under the button when the call to action names no link. */
  handle?: string | null | undefined
  /** The brand kit's accent: the link's colour, made readable on the card. */
  accentColor?: string | null | undefined
  face?: CaptionFace | undefined
}

/** The logo as a PNG that fits `fit`, never enlarged past its own size. */
async function logoImage(file: string, fit: Size): Promise<{ png: Buffer } & Size> {
  const { data, info } = await sharp(file)
    .resize(fit.width, fit.height, { fit: 'inside', withoutEnlargement: true })
    .png()
    .toBuffer({ resolveWithObject: true })
  return { png: data, width: info.width, height: info.height }
}

interface Piece {
  input: Buffer
  raw?: { width: number; height: number; channels: 4 }
  width: number
  height: number
}

/** The finished card as a PNG of the frame's size. */
export async function renderEndCard(spec: EndCardSpec): Promise<Buffer> {
  const { size, aspect, language } = spec
  // Centred on the frame: the card is still, so the platforms' right-hand column is hidden then
  // or drawn over empty background; only its width is kept clear on both sides.
  const edges = safeArea(size, aspect, spec.zone)
  const side = Math.max(edges.x, size.width - edges.x - edges.width)
  const safe = { x: side, y: edges.y, width: size.width - 2 * side, height: edges.height }
  const type = typeSize(size, aspect)
  const wide = aspect === '16:9'
  const textWidth = wide ? Math.round(safe.width * 0.5) : safe.width
  const accent = spec.brandColor ?? DEFAULT_ACCENT
  const split = splitCallToAction(spec.callToAction)
  const { action } = split
  // The brief's own link wins: it is the one this video is about; else the kit's handle.
  const link = split.link ?? (spec.handle?.trim() || null)
  const bg = endCardBackground(spec.brandColor)
  const face = spec.face

  const text = async (t: string, fontSize: number, maxLines: number, weight: 'bold' | 'regular', colour: string) => {
    const fitted = fitText(t, { maxWidthPx: textWidth, fontSize, maxLines }, [spec.title])
    const r = await renderText(fitted.lines, { language, fontSize: fitted.fontSize, weight, colour, face })
    return r ? { input: r.rgba, raw: { width: r.width, height: r.height, channels: 4 as const }, ...r } : null
  }
  const nameFont = type
  const buttonFont = Math.round(type * 0.8)
  const padX = Math.round(buttonFont * 1.05)
  const padY = Math.round(buttonFont * 0.55)
  const name = await text(spec.title, nameFont, 2, 'bold', INK)
  const label = await (async () => {
    const fitted = fitText(action, { maxWidthPx: textWidth - 2 * padX, fontSize: buttonFont, maxLines: 2 }, [])
    const r = await renderText(fitted.lines, {
      language,
      fontSize: fitted.fontSize,
      weight: 'bold',
      colour: textColourOn(accent),
      face,
    })
    return r
  })()
  const linkColour = spec.accentColor ? readableAccent(spec.accentColor, bg.bottom) : MUTED
  const linkText = link ? await text(link, Math.round(type * 0.6), 1, 'bold', linkColour) : null
  // The logo heads the text block: at most two lines of type tall and 60 % of its width.
  const logo = spec.logoPath
    ? await logoImage(spec.logoPath, { width: Math.round(textWidth * 0.6), height: Math.round(type * 2) })
    : null

  // The text block: name, button, link, stacked and centred on one axis.
  const gap = Math.round(type * 0.55)
  const button = label ? { width: label.width + 2 * padX, height: label.height + 2 * padY } : null
  const blocks = [logo, name, button, linkText].filter((b): b is NonNullable<typeof b> => b !== null)
  const textHeight = blocks.reduce((s, b) => s + b.height, 0) + gap * Math.max(0, blocks.length - 1)

  // The product takes the room the text leaves.
  const photoRoom: Size = wide
    ? { width: Math.round(safe.width * 0.44), height: Math.round(safe.height * 0.9) }
    : {
        width: Math.round(safe.width * 0.86),
        height: Math.max(0, Math.min(Math.round(safe.height * 0.6), safe.height - textHeight - gap * 2)),
      }
  const product =
    spec.photo && photoRoom.height > type ? await productImage(spec.photo.path, photoRoom, spec.photo.found) : null

  const layers: OverlayOptions[] = []
  let textTop: number
  let textCentreX: number
  if (wide) {
    textCentreX = Math.round(safe.x + safe.width * (product ? 0.73 : 0.5))
    textTop = Math.round(safe.y + (safe.height - textHeight) / 2)
    if (product) {
      const box = {
        x: Math.round(safe.x + safe.width * 0.24 - product.width / 2),
        y: Math.round(safe.y + (safe.height - product.height) / 2),
        width: product.width,
        height: product.height,
      }
      layers.push({ input: shadow(size, box, spec.photo?.found.plain ?? false), left: 0, top: 0 })
      layers.push({ input: product.png, left: box.x, top: box.y })
    }
  } else {
    textCentreX = Math.round(safe.x + safe.width / 2)
    const total = (product ? product.height + gap * 2 : 0) + textHeight
    const top = Math.round(safe.y + (safe.height - total) / 2)
    if (product) {
      const box = {
        x: Math.round(textCentreX - product.width / 2),
        y: top,
        width: product.width,
        height: product.height,
      }
      layers.push({ input: shadow(size, box, spec.photo?.found.plain ?? false), left: 0, top: 0 })
      layers.push({ input: product.png, left: box.x, top: box.y })
    }
    textTop = top + (product ? product.height + gap * 2 : 0)
  }

  let y = textTop
  const place = (piece: Piece) => {
    layers.push({
      input: piece.input,
      ...(piece.raw ? { raw: piece.raw } : {}),
      left: Math.round(textCentreX - piece.width / 2),
      top: y,
    })
    y += piece.height + gap
  }
  if (logo) place({ input: logo.png, width: logo.width, height: logo.height })
  if (name) place(name)
  if (button && label) {
    place({ input: roundedRect(button, button.height / 2, accent), ...button })
    layers.push({
      input: label.rgba,
      raw: { width: label.width, height: label.height, channels: 4 },
      left: Math.round(textCentreX - label.width / 2),
      top: y - gap - button.height + padY,
    })
  }
  if (linkText) place(linkText)

  const background = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}">` +
      `<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${bg.top}"/>` +
      `<stop offset="1" stop-color="${bg.bottom}"/></linearGradient></defs>` +
      `<rect width="${size.width}" height="${size.height}" fill="url(#g)"/></svg>`,
  )
  return sharp(background).composite(layers).removeAlpha().png({ compressionLevel: 1 }).toBuffer()
}
