/**
 * Where a caption's lines break: at phrase boundaries, never inside a name, a number with its
 * unit, a URL or a handle, and into lines of even width. Widths are estimated in ems (see
 * textWidthEm); the typesetter checks the real width afterwards.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
// ICU's dictionary segmenter for Chinese: breaks between words, not between any two characters.
const words = new Intl.Segmenter('zh', { granularity: 'word' })

/** East Asian wide and fullwidth characters (and emoji): one em each. */
export function isWide(cp: number): boolean {
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

/** Estimated advance of one grapheme in ems of the bold face, generous so lines never overflow. */
function graphemeEm(g: string): number {
  const cp = g.codePointAt(0) ?? 0
  if (isWide(cp)) return 1
  if (g === ' ') return 0.26
  if (/[il.,:;!|'`]/.test(g)) return 0.3
  if (/[MWmw@%]/.test(g)) return 0.9
  if (/[A-Z]/.test(g)) return 0.68
  return 0.58
}

export function textWidthEm(text: string): number {
  let em = 0
  for (const { segment } of graphemes.segment(text)) em += graphemeEm(segment)
  return em
}

// Kinsoku: a line may not start with closing punctuation nor end with opening brackets.
const NO_BREAK_BEFORE = new Set([...'、。，．：；？！）」』】〕〉》〗〙〛｝］ー…‥・々〻％,.:;!?)]}%’”'])
const NO_BREAK_AFTER = new Set([...'（「『【〔〈《〖〘〚｛［‘“([{'])
/** A break after these ends a phrase. */
const PHRASE_END = /[,.;:!?，。；：！？、—–]$/
/** English words a phrase starts with: a good place to break before, a bad one to break after. */
const LEADS =
  /^(and|or|but|so|with|without|for|in|on|at|to|of|from|by|that|which|while|when|into|under|over|all|every)$/i
const DANGLES = /^(a|an|the|your|our|my|its|this|no|and|or|with|for|in|on|at|to|of|from|by)$/i
/** Chinese particles that belong to the word before them: a line never starts with one. */
const ZH_TRAILING = /^[的了吗呢吧地得着过们]/

const UNITS_ZH = '小时|分钟|秒|天|年|个月|倍|度|瓦|伏|档|级|种|色|克|公斤|毫安时|米|厘米|毫米|英寸|寸|折'
const UNITS_EN = 'hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|times'
/** Runs that must stay on one line: URLs, handles, numbers with their unit. */
const UNBREAKABLE = new RegExp(
  [
    String.raw`(?:https?:\/\/)?(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}(?:\/\S*)?`,
    String.raw`[@＠][\p{L}\p{N}_.]+`,
    String.raw`[$€£¥]?\p{N}[\p{N}.,:/]*\s?(?:${UNITS_ZH}|${UNITS_EN}|[%％‰]|°[CF]?|[\p{L}µΩ]{1,3}(?![\p{L}\p{N}]))`,
  ].join('|'),
  'giu',
)

interface Atom {
  text: string
  em: number
  /** The spaces before this atom: kept inside a line, dropped at a break. */
  sep: string
  /** Cost of breaking before this atom (negative: a good place). */
  penalty: number
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** [start, end) ranges of the paragraph inside which no line may break. */
function protectedRanges(paragraph: string, keep: readonly string[]): [number, number][] {
  const ranges: [number, number][] = []
  for (const m of paragraph.matchAll(UNBREAKABLE)) ranges.push([m.index, m.index + m[0].length])
  for (const phrase of keep) {
    if (!phrase.trim()) continue
    for (const m of paragraph.matchAll(new RegExp(escapeRegExp(phrase.trim()), 'giu')))
      ranges.push([m.index, m.index + m[0].length])
  }
  return ranges
}

/** Where a break may go in a run without spaces: between Chinese words and around Latin runs. */
function runBoundaries(run: string): number[] {
  const cuts: number[] = []
  let prevWide: boolean | null = null
  for (const { segment, index } of words.segment(run)) {
    const wide = isWide(segment.codePointAt(0) ?? 0)
    // A Latin or digit run inside Chinese text (USB-C, 5V) stays whole.
    if (index > 0 && (wide || prevWide)) cuts.push(index)
    prevWide = wide
  }
  return cuts
}

function breakPenalty(before: string, after: string): number {
  if (PHRASE_END.test(before)) return -1.2
  const lastWord = before.split(/\s+/).at(-1) ?? ''
  const nextWord = after.split(/\s+/)[0] ?? ''
  if (DANGLES.test(lastWord)) return 1.5
  if (ZH_TRAILING.test(after)) return 3
  if (LEADS.test(nextWord)) return -0.6
  return 0
}

/** The paragraph cut into atoms at every place a line may break, each break priced. */
function atomsOf(paragraph: string, keep: readonly string[]): Atom[] {
  const ranges = protectedRanges(paragraph, keep)
  const inside = (i: number) => ranges.some(([s, e]) => i > s && i < e)
  // Candidate breaks: [position of the next atom, separator start].
  const breaks: [number, number][] = []
  for (const m of paragraph.matchAll(/\S+/g)) {
    if (m.index > 0) breaks.push([m.index, paragraph.slice(0, m.index).trimEnd().length])
    if ([...m[0]].some((c) => isWide(c.codePointAt(0) ?? 0)))
      for (const cut of runBoundaries(m[0])) breaks.push([m.index + cut, m.index + cut])
  }
  const allowed = breaks.filter(([at, sepStart]) => {
    if (inside(at) || inside(sepStart)) return false
    if (NO_BREAK_BEFORE.has(paragraph[at] ?? '')) return false
    return !NO_BREAK_AFTER.has(paragraph[sepStart - 1] ?? '')
  })
  const atoms: Atom[] = []
  let start = 0
  let sep = ''
  for (const [at, sepStart] of [...allowed, [paragraph.length, paragraph.length] as [number, number]]) {
    const text = paragraph.slice(start, sepStart)
    if (text) {
      const penalty = atoms.length ? breakPenalty(atoms.map((a) => a.sep + a.text).join(''), text) : 0
      atoms.push({ text, em: textWidthEm(text), sep, penalty })
    }
    sep = paragraph.slice(sepStart, at)
    start = at
  }
  return atoms
}

/** An atom wider than a whole line is cut between graphemes: a costly, last-resort break. */
function splitWide(atoms: Atom[], maxEm: number): Atom[] {
  return atoms.flatMap((atom) => {
    if (atom.em <= maxEm) return [atom]
    const parts: Atom[] = []
    let current = { ...atom, text: '', em: 0 }
    for (const { segment: g } of graphemes.segment(atom.text)) {
      const em = graphemeEm(g)
      if (current.text && current.em + em > maxEm) {
        parts.push(current)
        current = { text: '', em: 0, sep: '', penalty: 5 }
      }
      current.text += g
      current.em += em
    }
    if (current.text) parts.push(current)
    return parts
  })
}

function lineWidth(atoms: readonly Atom[], from: number, to: number): number {
  let em = 0
  for (let i = from; i < to; i++) em += (i > from ? textWidthEm(atoms[i]?.sep ?? '') : 0) + (atoms[i]?.em ?? 0)
  return em
}

/** The fewest lines a greedy fill needs: the line count the balanced breaking aims for. */
function greedyLineCount(atoms: readonly Atom[], maxEm: number): number {
  let lines = 1
  let from = 0
  for (let i = 1; i < atoms.length; i++) {
    if (lineWidth(atoms, from, i + 1) > maxEm) {
      lines++
      from = i
    }
  }
  return lines
}

/**
 * Breaks one paragraph into the fewest lines that fit, choosing among the ways to do so the one
 * with the most even lines and the best phrase boundaries (dynamic programming over the atoms).
 */
function breakParagraph(paragraph: string, maxEm: number, keep: readonly string[]): string[] {
  // A name longer than a line breaks between its words rather than inside one.
  const fits = keep.filter((phrase) => textWidthEm(phrase.trim()) <= maxEm)
  const atoms = splitWide(atomsOf(paragraph, fits), maxEm)
  if (atoms.length === 0) return ['']
  const n = atoms.length
  const count = greedyLineCount(atoms, maxEm)
  const average = lineWidth(atoms, 0, n) / count
  // best[l][j]: cheapest way to set atoms [0, j) in l lines; from[l][j]: where its last line starts.
  const best = Array.from({ length: count + 1 }, () => new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY))
  const from = Array.from({ length: count + 1 }, () => new Array<number>(n + 1).fill(0))
  ;(best[0] as number[])[0] = 0
  for (let l = 1; l <= count; l++) {
    for (let j = 1; j <= n; j++) {
      for (let i = j - 1; i >= l - 1; i--) {
        const w = lineWidth(atoms, i, j)
        if (w > maxEm) break
        const prev = best[l - 1]?.[i] ?? Number.POSITIVE_INFINITY
        if (prev === Number.POSITIVE_INFINITY) continue
        const shape = 4 * ((w - average) / Math.max(average, 1)) ** 2
        const cost = prev + shape + (i > 0 ? (atoms[i]?.penalty ?? 0) : 0)
        if (cost < (best[l]?.[j] ?? Number.POSITIVE_INFINITY)) {
          ;(best[l] as number[])[j] = cost
          ;(from[l] as number[])[j] = i
        }
      }
    }
  }
  const lines: string[] = []
  let j = n
  for (let l = count; l > 0; l--) {
    const i = from[l]?.[j] ?? 0
    lines.unshift(atoms.slice(i, j).reduce((s, a, k) => s + (k > 0 ? a.sep : '') + a.text, ''))
    j = i
  }
  return lines
}

/**
 * Lines of at most `maxEm`: \n is a hard break (blank lines kept); otherwise breaks fall at phrase
 * boundaries, never inside the `keep` phrases (the product's name) nor inside a URL, a handle or
 * a number with its unit, and the lines come out of even width. Spaces at a break are dropped.
 */
export function wrapText(text: string, maxEm: number, keep: readonly string[] = []): string[] {
  return text.split('\n').flatMap((paragraph) => breakParagraph(paragraph, maxEm, keep))
}
