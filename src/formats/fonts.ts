import type { MessageKey } from '../i18n/catalogs/index.js'

/**
 * The caption faces a brand kit may choose: open fonts from Debian packages that `make
 * system-deps` and the Dockerfile install (docs/fonts.md names each one's licence). Both come
 * from fonts-noto-cjk, so every face draws Latin, Simplified and Traditional Chinese alike, with
 * the glyph forms of each language. Pure data: the stitch, the brand page and the API read it.
 */
export const captionFaces = ['sans', 'serif'] as const
export type CaptionFace = (typeof captionFaces)[number]

export const captionFaceInfo: Readonly<
  Record<CaptionFace, { label: MessageKey; familyPrefix: string; debianPackage: string; licence: string }>
> = {
  sans: {
    label: 'brand.font.sans',
    familyPrefix: 'Noto Sans CJK',
    debianPackage: 'fonts-noto-cjk',
    licence: 'OFL-1.1',
  },
  serif: {
    label: 'brand.font.serif',
    familyPrefix: 'Noto Serif CJK',
    debianPackage: 'fonts-noto-cjk',
    licence: 'OFL-1.1',
  },
}

export function isCaptionFace(value: unknown): value is CaptionFace {
  return typeof value === 'string' && (captionFaces as readonly string[]).includes(value)
}
