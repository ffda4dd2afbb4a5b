import type { Language } from './brief.js'

/**
 * How long a caption may be and still be read in the second or two it is on screen: about 40
 * characters in Latin scripts, two lines of at most 14 characters in Chinese. A guide, not a
 * refusal: the hard cap is shotLimits.caption. The engine keeps its own lines inside it, the
 * editor's counter (static/caption-counter.js, which counts the same way) and the stitch read it.
 */
export const captionGuide = { latinChars: 40, chineseLineChars: 14, chineseLines: 2 } as const

export function isChinese(language: Language): boolean {
  return language !== 'en'
}

/** The most a caption should hold, in the units of captionLength. */
export function captionLimit(language: Language): number {
  return isChinese(language) ? captionGuide.chineseLineChars * captionGuide.chineseLines : captionGuide.latinChars
}

// A Latin letter, digit or space takes about half a Chinese character's width on a line.
const narrow = /[\u0000-\u024f\u2000-\u206f]/u

/**
 * Latin: code points. Chinese: a full-width character counts 1 and a narrow one ½, rounded up,
 * so "USB-C 充电" is 5 rather than 8 and a brand name in Latin letters is not over-counted.
 */
export function captionLength(text: string, language: Language): number {
  const chars = Array.from(text.trim())
  if (!isChinese(language)) return chars.length
  const halves = chars.reduce((sum, ch) => sum + (narrow.test(ch) ? 1 : 2), 0)
  return Math.ceil(halves / 2)
}

export function captionFits(text: string, language: Language): boolean {
  return captionLength(text, language) <= captionLimit(language)
}
