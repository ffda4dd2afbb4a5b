import { textWidthEm, wrapText } from './line-breaks.js'

/**
 * Caption text: cleaning, fitting into lines (line-breaks.ts) and the key word drawn in the
 * accent colour. Pure functions of the text.
 */

/** Longest text we accept per caption, title or call to action (after cleaning). */
export const MAX_TEXT_CHARS = 400

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })

/**
 * Newlines unified to \n, tabs to spaces, every other control character (C0, DEL, C1) removed,
 * lone surrogates replaced: what is left is drawn exactly as typed.
 */
export function cleanText(raw: string): string {
  const text = raw
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .normalize('NFC')
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, '')
    .trim()
  return [...segmenter.segment(text)]
    .slice(0, MAX_TEXT_CHARS)
    .map((s) => s.segment)
    .join('')
}

export interface FittedText {
  lines: string[]
  fontSize: number
}

/**
 * Wraps at the preferred size, shrinking down to 70 % before giving up and ending the last
 * line with an ellipsis: a long caption stays inside the frame instead of running off it.
 * `keep`: phrases never broken across lines (the product's name).
 */
export function fitText(
  text: string,
  opts: { maxWidthPx: number; fontSize: number; maxLines: number; maxEm?: number | undefined },
  keep: readonly string[] = [],
): FittedText {
  if (!text) return { lines: [], fontSize: opts.fontSize }
  let fontSize = opts.fontSize
  let lines: string[] = []
  for (const scale of [1, 0.85, 0.7]) {
    fontSize = Math.max(8, Math.round(opts.fontSize * scale))
    lines = wrapText(text, Math.min(opts.maxWidthPx / fontSize, opts.maxEm ?? Number.POSITIVE_INFINITY), keep)
    if (lines.length <= opts.maxLines) return { lines, fontSize }
  }
  const maxEm = Math.min(opts.maxWidthPx / fontSize, opts.maxEm ?? Number.POSITIVE_INFINITY)
  const kept = lines.slice(0, opts.maxLines)
  let last = [...segmenter.segment(kept.at(-1) ?? '')].map((s) => s.segment)
  while (last.length > 0 && textWidthEm(`${last.join('')}…`) > maxEm) last = last.slice(0, -1)
  kept[kept.length - 1] = `${last.join('').trimEnd()}…`
  return { lines: kept, fontSize }
}

const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' })
const NUMBER_WITH_UNIT =
  /[$€£¥]?\p{N}[\p{N}.,:/]*(?:\s?[%％‰]|[\s-]?\p{sc=Latin}{1,8}(?!\p{sc=Latin})|(?:小时|分钟|秒|天|年|个月|倍|度|瓦|伏|档|级|种|色|克|毫安时|英寸|寸|折))?/u
/** URLs and handles are shown whole, never half lit. */
const LINKS = /(?:https?:\/\/)?(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?:\/\S*)?|[@＠][\p{L}\p{N}_.]+/gu
/** A technical name: two capitals or a capital and a digit (USB-C, LED, 4K, Qi2). */
const TECHNICAL = /^(?=.*\p{Lu}.*[\p{Lu}\p{N}])[\p{L}\p{N}][\p{L}\p{N}+-]*$/u
const STOP_WORDS = new Set(
  'a an the and or but so with without for in on at to of from by your our my its this that these those is are be was it you we all every more most just very than into over under'.split(
    ' ',
  ),
)

/**
 * The selling point's key word, drawn in the accent colour: a number with its unit (40 %,
 * 12-hour), else a technical name (USB-C), else the longest word that is not the product's
 * name nor a little word. Deterministic; null for text with nothing worth lifting.
 */
export function keyword(caption: string, productName = ''): string | null {
  let text = caption
  const name = productName.trim().toLowerCase()
  text = text.replace(LINKS, ' ')
  const candidates: string[] = []
  for (const { segment, isWordLike } of wordSegmenter.segment(text)) if (isWordLike) candidates.push(segment)
  // Latin words whole: the segmenter splits USB-C and 12-hour at the hyphen.
  const latin = text.match(/[\p{sc=Latin}\p{N}][\p{sc=Latin}\p{N}+'’-]*[\p{sc=Latin}\p{N}]|\p{sc=Latin}/gu) ?? []
  const usable = (w: string) => !name.includes(w.toLowerCase()) && !STOP_WORDS.has(w.toLowerCase())
  const number = text.match(NUMBER_WITH_UNIT)?.[0]?.trim()
  if (number) return number
  const technical = latin.find((w) => TECHNICAL.test(w) && usable(w))
  if (technical) return technical
  const pool = [...latin, ...candidates.filter(isWideText)].filter(usable)
  let best: string | null = null
  for (const w of pool) if (w.length >= 2 && (!best || textWidthEm(w) > textWidthEm(best))) best = w
  return best
}

function isWideText(w: string): boolean {
  return textWidthEm(w) >= [...w].length * 0.99
}
