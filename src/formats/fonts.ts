import type { MessageKey } from '../i18n/catalogs/index.js'

/**
 * The caption faces a brand kit may choose: open fonts from Debian packages that `make
 * system-deps` and the Dockerfile install (docs/fonts.md names each one's licence). The Noto CJK
 * faces draw Latin, Simplified and Traditional Chinese alike; a Latin face (Inter, League Spartan)
 * draws the Latin and leaves Chinese to Noto Sans CJK, which Pango falls back to as the family
 * list's second entry. Pure data: the stitch, the brand page and the API read it.
 */
export const captionFaces = ['sans', 'serif', 'inter', 'league-spartan'] as const
export type CaptionFace = (typeof captionFaces)[number]

export type FaceLanguage = 'en' | 'zh-CN' | 'zh-HK'

export interface CaptionFaceInfo {
  label: MessageKey
  /** The fontconfig family of a Latin face, listed before the CJK one; null for the Noto faces. */
  latinFamily: string | null
  /** The Noto CJK family that draws Chinese (and, without a Latin face, everything). */
  cjkPrefix: 'Noto Sans CJK' | 'Noto Serif CJK'
  /** What `make system-deps` and the Dockerfile install for it. */
  debianPackages: readonly string[]
  licence: string
}

export const captionFaceInfo: Readonly<Record<CaptionFace, CaptionFaceInfo>> = {
  sans: {
    label: 'brand.font.sans',
    latinFamily: null,
    cjkPrefix: 'Noto Sans CJK',
    debianPackages: ['fonts-noto-cjk'],
    licence: 'OFL-1.1',
  },
  serif: {
    label: 'brand.font.serif',
    latinFamily: null,
    cjkPrefix: 'Noto Serif CJK',
    debianPackages: ['fonts-noto-cjk'],
    licence: 'OFL-1.1',
  },
  // Inter's display cut: drawn for sizes above 20 px, as every caption and end card is.
  inter: {
    label: 'brand.font.inter',
    latinFamily: 'Inter Display',
    cjkPrefix: 'Noto Sans CJK',
    debianPackages: ['fonts-inter', 'fonts-noto-cjk'],
    licence: 'OFL-1.1',
  },
  'league-spartan': {
    label: 'brand.font.leagueSpartan',
    latinFamily: 'League Spartan',
    cjkPrefix: 'Noto Sans CJK',
    debianPackages: ['fonts-league-spartan', 'fonts-noto-cjk'],
    licence: 'OFL-1.1',
  },
}

/**
 * Which Noto CJK region draws each language. Traditional captions use TC: its 骨 has the
 * Traditional inner stroke; the HK face draws 骨 as SC does (Hong Kong's own glyph standard), so
 * only TC looks Traditional to every reader.
 */
const CJK_REGION: Readonly<Record<FaceLanguage, 'SC' | 'TC'>> = { en: 'SC', 'zh-CN': 'SC', 'zh-HK': 'TC' }

/**
 * The family list Pango is given for `language` in `face` (Pango picks the bold face by weight):
 * the Latin face first when there is one, then the language's Noto CJK face, so a Chinese
 * character the Latin face lacks is drawn by Noto, never as a box.
 */
export function familyOf(language: FaceLanguage, face: CaptionFace = 'sans'): string {
  const info = captionFaceInfo[face]
  const cjk = `${info.cjkPrefix} ${CJK_REGION[language]}`
  return info.latinFamily ? `${info.latinFamily}, ${cjk}` : cjk
}

export function isCaptionFace(value: unknown): value is CaptionFace {
  return typeof value === 'string' && (captionFaces as readonly string[]).includes(value)
}

/** A face's sample on the brand page (src/brand/font-preview.ts) is this tall in CSS pixels, whatever its line height, so the page can size it before it loads. */
export const FACE_PREVIEW_HEIGHT = 40
