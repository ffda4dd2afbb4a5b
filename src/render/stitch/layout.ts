import { type CaptionFace, captionFaceInfo, familyOf } from '../../formats/fonts.js'

export type { CaptionFace }
/** The caption faces and the fontconfig family list for a language in each (src/formats/fonts.ts). */
export { captionFaceInfo, familyOf }

/**
 * Where text goes on each aspect ratio, how big it is and which font draws it.
 * Pure arithmetic on pixel sizes: no ffmpeg, no files.
 */

export type AspectRatio = '9:16' | '16:9' | '1:1' | '3:4' | '4:5'
export type Language = 'en' | 'zh-CN' | 'zh-HK'

export interface Size {
  width: number
  height: number
}

/** A box in pixels (or, for a photo's product box, in fractions of the frame). */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** 720p-class defaults (short side 720): LibTV's std-mode clips are no sharper, and encoding stays cheap. */
export const DEFAULT_SIZES: Readonly<Record<AspectRatio, Size>> = {
  '9:16': { width: 720, height: 1280 },
  '16:9': { width: 1280, height: 720 },
  '1:1': { width: 720, height: 720 },
  '3:4': { width: 720, height: 960 },
  '4:5': { width: 720, height: 900 },
}

export type Resolution = '720p' | '1080p'

/**
 * A resolution's size from the 720p one: 1080p is 1.5 times each side (1080×1920, 1920×1080,
 * 1080×1080, 1080×1440, 1080×1350), rounded to even pixels for yuv420p. Scaling keeps a test's small 720p stand-in
 * (a 360×640 frame) and its 1080p counterpart in the same proportion as the real ones.
 */
export function sizeFor(resolution: Resolution, base: Size): Size {
  if (resolution === '720p') return base
  const even = (n: number) => Math.round(n * 0.75) * 2
  return { width: even(base.width), height: even(base.height) }
}

export const ASPECT_VALUES: Readonly<Record<AspectRatio, number>> = {
  '9:16': 9 / 16,
  '16:9': 16 / 9,
  '1:1': 1,
  '3:4': 3 / 4,
  '4:5': 4 / 5,
}

/**
 * The face for each language, by fontconfig family (src/formats/fonts.ts; Pango picks the bold
 * face by weight). Noto Sans CJK's Latin is a clean grotesque, so one family draws a caption that
 * mixes scripts. The Chinese families differ in their glyph forms (直 骨 写 are drawn differently
 * in SC, HK, JP); `lang` tells Pango which forms to use where a character is shared.
 */
export const FONTS: Readonly<Record<Language, { family: string; lang: string }>> = {
  en: { family: familyOf('en'), lang: 'en' },
  'zh-CN': { family: familyOf('zh-CN'), lang: 'zh-cn' },
  'zh-HK': { family: familyOf('zh-HK'), lang: 'zh-tw' },
}

interface SafeArea {
  /** Margins as fractions of the frame: what the platforms draw their buttons and labels over. */
  top: number
  bottom: number
  left: number
  right: number
  /** Type size (the em), fraction of the frame height. */
  type: number
  captionLines: number
}

const SAFE: Readonly<Record<AspectRatio, SafeArea>> = {
  // Douyin, TikTok and Reels: tabs over the top tenth, the description and buttons over the
  // bottom fifth, the like/comment/share column down the right edge.
  '9:16': { top: 0.1, bottom: 0.2, left: 0.06, right: 0.14, type: 0.056, captionLines: 3 },
  // Broadcast title-safe; a wide frame has room for longer lines, so the type is a little smaller.
  '16:9': { top: 0.08, bottom: 0.1, left: 0.08, right: 0.08, type: 0.052, captionLines: 2 },
  '1:1': { top: 0.08, bottom: 0.1, left: 0.08, right: 0.08, type: 0.06, captionLines: 3 },
  // Portrait feeds (Xiaohongshu, Taobao, Instagram): the app's own title and buttons sit outside
  // the picture, but its corners carry a badge and a mute button; the type is between 1:1 and 9:16.
  '3:4': { top: 0.08, bottom: 0.1, left: 0.07, right: 0.07, type: 0.056, captionLines: 3 },
  '4:5': { top: 0.08, bottom: 0.1, left: 0.08, right: 0.08, type: 0.058, captionLines: 3 },
}

/** Margins (fractions of the frame) a platform preset keeps captions out of, instead of the ratio's own. */
export interface SafeZone {
  top: number
  bottom: number
  left: number
  right: number
}

/** The safe area in pixels: captions and the end card's text stay inside it. */
export function safeArea(size: Size, aspect: AspectRatio, zone?: SafeZone | null): Box {
  const s = zone ?? SAFE[aspect]
  const x = Math.round(size.width * s.left)
  const y = Math.round(size.height * s.top)
  return {
    x,
    y,
    width: Math.round(size.width * (1 - s.right)) - x,
    height: Math.round(size.height * (1 - s.bottom)) - y,
  }
}

/** The one type size captions and the end card are built from (about 6 % of the frame height). */
export function typeSize(size: Size, aspect: AspectRatio): number {
  return Math.max(10, Math.round(size.height * SAFE[aspect].type))
}

export interface TextLimits {
  maxWidthPx: number
  fontSize: number
  maxLines: number
  /** A line's width at most, in em, whatever the font size (Chinese: characters a line). */
  maxEm?: number
}

/** Chinese captions under a preset: at most this many characters a line, and lines. */
export interface ChineseWrap {
  charsPerLine: number
  lines: number
}

/** Caption text: the safe width less the box's padding on both sides. */
export function captionLimits(
  size: Size,
  aspect: AspectRatio,
  zone?: SafeZone | null,
  wrap?: ChineseWrap | null,
): TextLimits {
  const fontSize = typeSize(size, aspect)
  return {
    maxWidthPx: safeArea(size, aspect, zone).width - 2 * boxPadding(fontSize).x,
    fontSize,
    maxLines: wrap ? Math.min(wrap.lines, SAFE[aspect].captionLines) : SAFE[aspect].captionLines,
    // A CJK character is one em wide: a line of at most N characters is at most N em.
    ...(wrap ? { maxEm: wrap.charsPerLine } : {}),
  }
}

/** Padding of the caption's box: tight, but the text never touches its edge. */
export function boxPadding(fontSize: number): { x: number; y: number } {
  return { x: Math.round(fontSize * 0.45), y: Math.round(fontSize * 0.22) }
}

export type CaptionAnchor = 'top' | 'bottom'

/**
 * Where a caption image of `box` size goes: centred in the safe width, its top on the safe top
 * edge or its bottom on the safe bottom edge. One anchor per video, so captions do not jump.
 */
export function placeCaption(
  size: Size,
  aspect: AspectRatio,
  anchor: CaptionAnchor,
  box: Size,
  zone?: SafeZone | null,
): Box {
  const safe = safeArea(size, aspect, zone)
  const x = Math.round(safe.x + (safe.width - box.width) / 2)
  const y = anchor === 'top' ? safe.y : safe.y + safe.height - box.height
  return { x: Math.max(0, x), y: Math.max(0, y), width: box.width, height: box.height }
}

/**
 * The anchor whose caption area overlaps the product least (the area every caption of the video
 * may cover, `tallest` being the highest caption box). Bottom wins a tie: it is where people
 * expect captions, and it leaves a face or a product's top clear.
 */
export function chooseAnchor(
  size: Size,
  aspect: AspectRatio,
  tallest: number,
  product: Box | null,
  zone?: SafeZone | null,
): CaptionAnchor {
  if (!product) return 'bottom'
  const safe = safeArea(size, aspect, zone)
  const area = (anchor: CaptionAnchor): Box => ({
    x: safe.x,
    y: anchor === 'top' ? safe.y : safe.y + safe.height - tallest,
    width: safe.width,
    height: tallest,
  })
  const overlap = (a: Box) => overlapArea(a, product)
  return overlap(area('top')) < overlap(area('bottom')) ? 'top' : 'bottom'
}

export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

/** WCAG relative luminance of #RRGGBB. */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/** Dark text on light brand colours, white on dark ones. */
export function textColourOn(hex: string): string {
  return contrast(hex, '#FFFFFF') >= contrast(hex, '#111111') ? '#FFFFFF' : '#111111'
}

/** `a` moved towards `b` by `t` (0…1), as #RRGGBB. */
export function mix(a: string, b: string, t: number): string {
  const ch = (hex: string, i: number) => Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16)
  const out = [0, 1, 2].map((i) => Math.round(ch(a, i) + (ch(b, i) - ch(a, i)) * t))
  return `#${out.map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase()
}

/**
 * The brand colour as it may be drawn on `on`: itself when it reads (4.5:1, WCAG AA); else its
 * hue, vivid, lightened (on a dark ground) or darkened (on a light one) until it reads, so a navy
 * brand shows as a clear blue rather than a washed-out grey.
 */
export function readableAccent(brand: string, on: string): string {
  if (contrast(brand, on) >= 4.5) return brand.toUpperCase()
  const [r, g, b] = [0, 1, 2].map((i) => Number.parseInt(brand.slice(1 + 2 * i, 3 + 2 * i), 16) / 255) as [
    number,
    number,
    number,
  ]
  const max = Math.max(r, g, b)
  const min = Math.min(r, g, b)
  const d = max - min
  const hue = d === 0 ? 0 : max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4
  const saturation = d === 0 ? 0 : 0.85
  const dark = luminance(on) < 0.2
  for (let step = 0; step <= 20; step++) {
    const lightness = dark ? 0.5 + step * 0.025 : 0.5 - step * 0.025
    const c = hsl(hue * 60, saturation, lightness)
    if (contrast(c, on) >= 4.5) return c
  }
  return dark ? '#FFFFFF' : '#000000'
}

function hsl(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => {
    const k = (n + h / 30) % 12
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))))
  }
  return `#${[f(0), f(8), f(4)].map((v) => v.toString(16).padStart(2, '0')).join('')}`.toUpperCase()
}
