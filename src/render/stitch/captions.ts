import { writeFile } from 'node:fs/promises'
import path from 'node:path'

/**
 * Caption text: cleaning, our own line wrapping and the files drawtext reads.
 *
 * drawtext cannot wrap, and ffmpeg 5.1 cannot centre the lines of a multi-line text, so we
 * wrap here and draw one drawtext per line. Widths are estimated in ems (no font metrics in
 * Node); the estimate errs wide, and each line is then centred on its real width by drawtext.
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

/** East Asian wide and fullwidth characters (and emoji): one em each. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
}

/** Estimated advance of one grapheme in ems, generous so lines never overflow. */
function graphemeEm(g: string): number {
  const cp = g.codePointAt(0) ?? 0
  if (isWide(cp)) return 1
  if (g === ' ') return 0.3
  if (/[il.,:;!|'`]/.test(g)) return 0.32
  if (/[MWmw@%]/.test(g)) return 0.92
  if (/[A-Z]/.test(g)) return 0.7
  return 0.6
}

export function textWidthEm(text: string): number {
  let em = 0
  for (const { segment } of segmenter.segment(text)) em += graphemeEm(segment)
  return em
}

// Kinsoku: a line may not start with closing punctuation nor end with opening brackets.
const NO_BREAK_BEFORE = new Set([...'、。，．：；？！）」』】〕〉》〗〙〛｝］ー…‥・々〻％,.:;!?)]}%’”'])
const NO_BREAK_AFTER = new Set([...'（「『【〔〈《〖〘〚｛［‘“([{'])

interface Token {
  text: string
  em: number
  space: boolean
  latin: boolean
}

/** Latin words are unbreakable runs; every CJK character is its own token. */
function tokenize(paragraph: string): Token[] {
  const tokens: Token[] = []
  let glue = false
  for (const { segment: g } of segmenter.segment(paragraph)) {
    const em = graphemeEm(g)
    if (/^\s+$/.test(g)) {
      tokens.push({ text: g, em, space: true, latin: false })
      glue = false
      continue
    }
    const wide = isWide(g.codePointAt(0) ?? 0)
    const last = tokens.at(-1)
    if (last && !last.space && (glue || NO_BREAK_BEFORE.has(g) || (!wide && last.latin))) {
      last.text += g
      last.em += em
      last.latin = !wide
    } else {
      tokens.push({ text: g, em, space: false, latin: !wide })
    }
    glue = NO_BREAK_AFTER.has(g)
  }
  return tokens
}

/** Splits a token wider than a whole line at grapheme boundaries. */
function hardBreak(token: Token, maxEm: number): Token[] {
  const parts: Token[] = []
  let current: Token = { text: '', em: 0, space: false, latin: token.latin }
  for (const { segment: g } of segmenter.segment(token.text)) {
    const em = graphemeEm(g)
    if (current.text && current.em + em > maxEm) {
      parts.push(current)
      current = { text: '', em: 0, space: false, latin: token.latin }
    }
    current.text += g
    current.em += em
  }
  if (current.text) parts.push(current)
  return parts
}

/**
 * Greedy wrap to `maxEm`: \n is a hard break, Latin breaks at spaces, CJK between characters.
 * Spaces at a break are dropped; empty lines (from blank lines typed) are kept.
 */
export function wrapText(text: string, maxEm: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    let lineEm = 0
    let pendingSpace = ''
    let pendingEm = 0
    const push = () => {
      lines.push(line)
      line = ''
      lineEm = 0
    }
    for (const token of tokenize(paragraph)) {
      if (token.space) {
        if (line) {
          pendingSpace += token.text
          pendingEm += token.em
        }
        continue
      }
      const pieces = token.em > maxEm ? hardBreak(token, maxEm) : [token]
      for (const piece of pieces) {
        if (line && lineEm + pendingEm + piece.em > maxEm) push()
        if (line) {
          line += pendingSpace
          lineEm += pendingEm
        }
        line += piece.text
        lineEm += piece.em
        pendingSpace = ''
        pendingEm = 0
      }
    }
    push()
  }
  return lines
}

export interface FittedText {
  lines: string[]
  fontSize: number
}

/**
 * Wraps at the preferred size, shrinking down to 70 % before giving up and ending the last
 * line with an ellipsis: a long caption stays inside the frame instead of running off it.
 */
export function fitText(text: string, opts: { maxWidthPx: number; fontSize: number; maxLines: number }): FittedText {
  if (!text) return { lines: [], fontSize: opts.fontSize }
  let fontSize = opts.fontSize
  let lines: string[] = []
  for (const scale of [1, 0.85, 0.7]) {
    fontSize = Math.max(8, Math.round(opts.fontSize * scale))
    lines = wrapText(text, opts.maxWidthPx / fontSize)
    if (lines.length <= opts.maxLines) return { lines: balance(text, lines, opts.maxWidthPx / fontSize), fontSize }
  }
  const maxEm = opts.maxWidthPx / fontSize
  const kept = lines.slice(0, opts.maxLines)
  let last = [...segmenter.segment(kept.at(-1) ?? '')].map((s) => s.segment)
  while (last.length > 0 && textWidthEm(`${last.join('')}…`) > maxEm) last = last.slice(0, -1)
  kept[kept.length - 1] = `${last.join('').trimEnd()}…`
  return { lines: kept, fontSize }
}

/**
 * Narrows the wrap width while the line count holds, so a caption splits into even lines
 * rather than a full line and a one-word orphan.
 */
function balance(text: string, lines: string[], maxEm: number): string[] {
  if (lines.length < 2) return lines
  let best = lines
  for (let em = maxEm * 0.95; em > maxEm * 0.4; em *= 0.95) {
    const narrower = wrapText(text, em)
    if (narrower.length !== lines.length) break
    best = narrower
  }
  return best
}

export interface TextFile {
  path: string
  text: string
}

/**
 * Writes one file per non-empty line, for drawtext's `textfile=`: the text never enters the
 * filtergraph. No trailing newline (drawtext would draw it as a line break). Blank lines get
 * no file; their slot stays empty.
 */
export async function writeLineFiles(
  dir: string,
  stem: string,
  lines: readonly string[],
): Promise<(TextFile | null)[]> {
  return Promise.all(
    lines.map(async (text, i) => {
      if (!text.trim()) return null
      const file = path.join(dir, `${stem}-${i}.txt`)
      await writeFile(file, text, { encoding: 'utf8', mode: 0o600 })
      return { path: file, text }
    }),
  )
}
