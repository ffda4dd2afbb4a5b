/**
 * Where text goes on each aspect ratio, how big it is and which font draws it.
 * Pure arithmetic on pixel sizes: no ffmpeg, no files.
 */

export type AspectRatio = '9:16' | '16:9' | '1:1'
export type Language = 'en' | 'zh-CN' | 'zh-HK'

export interface Size {
  width: number
  height: number
}

/** 720p-class defaults (short side 720): LibTV's std-mode clips are no sharper, and encoding stays cheap. */
export const DEFAULT_SIZES: Readonly<Record<AspectRatio, Size>> = {
  '9:16': { width: 720, height: 1280 },
  '16:9': { width: 1280, height: 720 },
  '1:1': { width: 720, height: 720 },
}

export type Resolution = '720p' | '1080p'

/**
 * A resolution's size from the 720p one: 1080p is 1.5 times each side (1080×1920, 1920×1080,
 * 1080×1080), rounded to even pixels for yuv420p. Scaling keeps a test's small 720p stand-in
 * (a 360×640 frame) and its 1080p counterpart in the same proportion as the real ones.
 */
export function sizeFor(resolution: Resolution, base: Size): Size {
  if (resolution === '720p') return base
  const even = (n: number) => Math.round(n * 0.75) * 2
  return { width: even(base.width), height: even(base.height) }
}

export const ASPECT_VALUES: Readonly<Record<AspectRatio, number>> = { '9:16': 9 / 16, '16:9': 16 / 9, '1:1': 1 }

/** A font for drawtext: a file (face 0 of a collection) or a fontconfig family name. */
export type FontRef = { file: string } | { family: string }

export interface FontSet {
  regular: FontRef
  bold: FontRef
  /** Embolden with a border in the text's own colour, when there is no real bold face. */
  fauxBold: boolean
}

const NOTO = '/usr/share/fonts/opentype/noto'

export const FONTS: Readonly<Record<Language, FontSet>> = {
  // Face 0 of the Noto CJK collection (the JP face) covers Latin and any Chinese or Japanese
  // product name inside an English caption, and has a real bold.
  en: {
    regular: { file: `${NOTO}/NotoSansCJK-Regular.ttc` },
    bold: { file: `${NOTO}/NotoSansCJK-Bold.ttc` },
    fauxBold: false,
  },
  // drawtext cannot choose a face inside a .ttc, and face 0 draws characters such as 直 and
  // 骨 the Japanese way. fontconfig resolves the family to the SC face (index 2). drawtext
  // hands fontconfig a family only, not a style, so the title is emboldened by hand.
  'zh-CN': { regular: { family: 'Noto Sans CJK SC' }, bold: { family: 'Noto Sans CJK SC' }, fauxBold: true },
  // Traditional captions: the TC face. Its 骨 has the Traditional inner stroke; the HK face draws
  // 骨 as SC does (Hong Kong's own glyph standard), so only TC looks Traditional to every reader.
  'zh-HK': { regular: { family: 'Noto Sans CJK TC' }, bold: { family: 'Noto Sans CJK TC' }, fauxBold: true },
}

interface SafeArea {
  /** Side margin, fraction of the width. */
  side: number
  /** Caption block's bottom edge above the frame's bottom, fraction of the height. */
  bottom: number
  /** Where the end card's text block is centred, fraction of the height. */
  endCardCentre: number
  captionLines: number
}

const SAFE: Readonly<Record<AspectRatio, SafeArea>> = {
  // Shorts, Reels and TikTok draw their buttons over the bottom fifth and the right edge.
  '9:16': { side: 0.08, bottom: 0.2, endCardCentre: 0.45, captionLines: 3 },
  // Broadcast title-safe: 10 % in from each side.
  '16:9': { side: 0.1, bottom: 0.09, endCardCentre: 0.5, captionLines: 2 },
  '1:1': { side: 0.08, bottom: 0.1, endCardCentre: 0.5, captionLines: 3 },
}

export interface TextLimits {
  maxWidthPx: number
  fontSize: number
  maxLines: number
}

function shortSide(size: Size): number {
  return Math.min(size.width, size.height)
}

function usableWidth(size: Size, aspect: AspectRatio): number {
  return Math.floor(size.width * (1 - 2 * SAFE[aspect].side))
}

/** Captions: about 1/20 of the short side, the subtitle convention (36 px at 720p). */
export function captionLimits(size: Size, aspect: AspectRatio): TextLimits {
  return {
    maxWidthPx: usableWidth(size, aspect),
    fontSize: Math.round(shortSide(size) * 0.05),
    maxLines: SAFE[aspect].captionLines,
  }
}

export function titleLimits(size: Size, aspect: AspectRatio): TextLimits {
  return { maxWidthPx: usableWidth(size, aspect), fontSize: Math.round(shortSide(size) * 0.085), maxLines: 3 }
}

export function ctaLimits(size: Size, aspect: AspectRatio): TextLimits {
  // The call to action sits in a box: keep room for its padding.
  return {
    maxWidthPx: Math.floor(usableWidth(size, aspect) * 0.85),
    fontSize: Math.round(shortSide(size) * 0.052),
    maxLines: 2,
  }
}

export function lineHeight(fontSize: number): number {
  return Math.round(fontSize * 1.4)
}

export interface CaptionPlacement {
  /** Baseline y of each line, top to bottom. */
  baselines: number[]
  /** The translucent band behind the lines. */
  band: { y: number; height: number }
}

/** Lines stacked upwards from the safe bottom edge, on a band the width of the frame. */
export function placeCaption(size: Size, aspect: AspectRatio, lineCount: number, fontSize: number): CaptionPlacement {
  const pitch = lineHeight(fontSize)
  const blockBottom = Math.round(size.height * (1 - SAFE[aspect].bottom))
  const lastBaseline = blockBottom - Math.round(fontSize * 0.3) // room for descenders
  const baselines = Array.from({ length: lineCount }, (_, i) => lastBaseline - (lineCount - 1 - i) * pitch)
  const pad = Math.round(fontSize * 0.45)
  const top = (baselines[0] ?? lastBaseline) - Math.round(fontSize * 1.05) - pad
  return {
    baselines,
    band: { y: Math.max(0, top), height: Math.min(size.height, blockBottom + pad) - Math.max(0, top) },
  }
}

export interface EndCardPlacement {
  titleBaselines: number[]
  ctaBaselines: number[]
}

/** Title above call to action, the whole block centred on the safe centre line. */
export function placeEndCard(
  size: Size,
  aspect: AspectRatio,
  title: { lines: number; fontSize: number },
  cta: { lines: number; fontSize: number },
): EndCardPlacement {
  const titlePitch = lineHeight(title.fontSize)
  const ctaPitch = Math.round(cta.fontSize * 2) // the boxes need air between them
  const gap = title.lines && cta.lines ? Math.round(title.fontSize * 0.9) : 0
  const height = title.lines * titlePitch + gap + cta.lines * ctaPitch
  const top = Math.round(size.height * SAFE[aspect].endCardCentre - height / 2)
  const titleBaselines = Array.from(
    { length: title.lines },
    (_, i) => top + i * titlePitch + Math.round(title.fontSize * 1.05),
  )
  const ctaTop = top + title.lines * titlePitch + gap
  const ctaBaselines = Array.from(
    { length: cta.lines },
    (_, i) => ctaTop + i * ctaPitch + Math.round(cta.fontSize * 1.45),
  )
  return { titleBaselines, ctaBaselines }
}

/** Dark text on light brand colours, white on dark ones (WCAG relative luminance). */
export function textColourOn(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
  return luminance > 0.4 ? '#111111' : '#FFFFFF'
}
