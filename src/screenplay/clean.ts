// User text passes through here before it reaches a video prompt or a caption.
// Prompts go to LibTV, so they get the strict treatment: no markup, no instructions
// aimed at a model, and nothing that identifies an account (the privacy policy promises
// LibTV sees only the image and the prompt).

// Never run the regexes below over more than a few kB, whatever a caller passes in.
function precap(text: string, maxLength: number): string {
  const sliced = text.length > maxLength * 8 + 64 ? text.slice(0, maxLength * 8 + 64) : text
  // A slice can split a surrogate pair; lone halves are dropped.
  return sliced.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
}

// Control, format (zero-width, bidi overrides, tag characters used to smuggle text),
// private-use and unassigned code points; line and paragraph separators.
// Terminal colour codes would otherwise leave their "[31m" behind.
const terminalEscapes = /\u001b\[[0-9;?]*[ -/]*[@-~]/g
const invisibleForPrompt = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/gu
// Captions keep the joiners that hold emoji and some scripts together.
const invisibleForCaption = /[\p{Cc}\p{Co}\p{Cn}\u2028\u2029]|(?![\u200C\u200D])\p{Cf}/gu

const dangerousBlocks =
  /<(script|style|iframe|object|embed|template|noscript|svg|math)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi
const comments = /<!--[\s\S]*?(?:-->|$)/g
// A tag starts with < followed by a letter, / or !; an unclosed one runs to the end.
const tags = /<\/?[A-Za-z!?][^<>]*(?:>|$)/g

export function stripMarkup(text: string): string {
  return text.replace(dangerousBlocks, ' ').replace(comments, ' ').replace(tags, ' ')
}

const namedEntities: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' }

// Encoded markup (&lt;script&gt;) is decoded once, then stripped like the real thing.
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});?/gi, (whole, body: string) => {
    const lower = body.toLowerCase()
    if (lower.startsWith('#x')) return codePoint(parseInt(lower.slice(2), 16))
    if (lower.startsWith('#')) return codePoint(parseInt(lower.slice(1), 10))
    return namedEntities[lower] ?? whole
  })
}

function codePoint(value: number): string {
  return Number.isFinite(value) && value > 0 && value <= 0x10ffff && (value < 0xd800 || value > 0xdfff)
    ? String.fromCodePoint(value)
    : ' '
}

// Anything that could identify a person or an account never reaches a prompt.
const identifiers: readonly RegExp[] = [
  /[\p{L}\p{N}._%+-]+(?:@|\s*[([]at[)\]]\s*)[\p{L}\p{N}-]+(?:(?:\.|\s*[([]dot[)\]]\s*)[\p{L}\p{N}-]+)+/giu,
  // No word boundary: "Mattehttp://…" and "xjavascript:" are still links.
  /(?:https?|ftp|javascript|data|vbscript|file):\S*/gi,
  /\bwww\.\S+/gi,
  /lum_[A-Za-z0-9_-]*/gi,
  /\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b/gi,
  // Tokens, hashes and keys: long runs that mix letters and digits. Hyphenated words
  // ("ultra-light-2024-edition") only count when long and mixed-case, as base64 keys are.
  /(?<![\w-])(?=\w*\d)(?=\w*[A-Za-z])\w{16,}(?![\w-])/g,
  /(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[a-z])(?=[\w-]*[A-Z])[\w-]{32,}(?![\w-])/g,
  // Phone and account numbers: nine or more digits, however they are spaced.
  /\+?(?:\d[\s.()-]{0,2}){8,}\d/g,
  /@[\p{L}\p{N}_.]+/gu,
]

// Text aimed at a language model rather than a camera.
const modelInstructions: readonly RegExp[] = [
  // No word boundaries: removing markup can glue these words to their neighbours.
  /(?:ignore|disregard|forget|override|bypass)(?:\s+[\p{L}\p{N}'-]+){0,5}?\s+(?:instructions?|prompts?|rules?|directions?|guidelines?|context|messages?|everything)/giu,
  // Role markers count even glued to a word ("ignoresystem:"); a rare "ecosystem:" loses its tail.
  /(?:system|assistant|user|developer|human|instructions?)\s*:|\b(?:ai|bot)\s*:/gi,
  /\b(?:system|hidden|original|initial)\s+prompts?\b/gi,
  /\b(?:new|updated|real)\s+instructions?\b/gi,
  /\byou\s+are\s+now\b/gi,
  /\bpretend\s+(?:to\s+be|you\s+are)\b/gi,
  /\b(?:jailbreak|developer\s+mode|do\s+anything\s+now)\b/gi,
  /\bim[\s_]*(?:start|end|sep)\b/gi,
  /(?:忽略|无视|忘记|忘掉|不要理会|覆盖)(?:掉)?(?:之前|以上|上面|前面|先前|上述|所有|全部)?的?(?:所有|全部)?(?:指令|指示|提示词?|规则|要求|设定)/gu,
  /系统提示词?|你现在是/gu,
]

// Structural markers that chat models treat as turns or code.
const modelMarkers = /<\|[^<>]{0,40}\|>|<<\/?SYS>>|\[\/?(?:INST|SYS)\]|`{3,}|\{\{|\}\}/gi

// Prompts keep words, numbers and plain punctuation; brackets, braces, backticks, pipes,
// angle brackets, @ and the like are what markup and templating are made of.
const promptUnsafe = /[^\p{L}\p{M}\p{N}\s.,;:!?'()%&+\-/$€£¥°×·、。，！？：；…–—‘’（）《》「」]/gu

function collapse(text: string): string {
  return text.replace(/\s+/gu, ' ').trim()
}

// One pass of the prompt rules over text that is already free of markup and invisible characters.
function scrub(text: string): string {
  let result = identifiers.reduce((current, pattern) => current.replace(pattern, ' '), text)
  // Double quotes would unbalance the quotes prompts put around a selling point.
  result = collapse(result.replace(/["“”„«»]/g, "'").replace(promptUnsafe, ' '))
  result = collapse(modelInstructions.reduce((current, pattern) => current.replace(pattern, ' '), result))
  // Removed words leave "the . Waterproof" behind: pull punctuation back and drop repeats.
  return result.replace(/\s+([.,;:!?])/g, '$1').replace(/([.,;:!?])(?:\s*[.,;:!?])+/g, '$1')
}

/** Cuts to at most `maxLength` code points, at a word boundary when one is near. */
export function capLength(text: string, maxLength: number): string {
  const codePoints = Array.from(text)
  if (codePoints.length <= maxLength) return text
  let cut = codePoints.slice(0, maxLength).join('')
  const lastSpace = cut.lastIndexOf(' ')
  if (lastSpace > maxLength * 0.6) cut = cut.slice(0, lastSpace)
  return cut.replace(/[\s,;:(\-–—/&+]+$/u, '')
}

/** For text inside an English video prompt. Returns '' when nothing usable is left. */
export function cleanForPrompt(text: string, maxLength: number): string {
  let result = decodeEntities(precap(text, maxLength))
    .normalize('NFKC')
    .replace(terminalEscapes, ' ')
    .replace(invisibleForPrompt, ' ')
  result = stripMarkup(result)
  result = result.replace(modelMarkers, ' ')
  // Removing one thing can join the halves of another ("ignore <b>previous</b> rules", digits
  // around a removed word): repeat until nothing changes, so cleaning twice changes nothing.
  for (let round = 0; round < 6; round++) {
    const next = scrub(result)
    if (next === result) break
    result = next
  }
  // A stray opening bracket or dash left at either end reads as noise.
  result = result.replace(/^[\s,.;:!?)\-–—/&+]+/u, '').replace(/[\s,;:(\-–—/&+]+$/u, '')
  return capLength(result, maxLength)
}

/** For on-screen text: the user's words as typed, minus control characters and markup. */
export function cleanForCaption(text: string, maxLength: number): string {
  const result = collapse(stripMarkup(precap(text, maxLength).normalize('NFC').replace(invisibleForCaption, ' ')))
  return capLength(result, maxLength)
}
