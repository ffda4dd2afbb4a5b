import type { Language } from './brief.js'
import { captionFits } from './caption-guide.js'
import type { Category } from './category.js'
import { questionHooks } from './phrases.js'
import type { Random } from './random.js'
import { fillSlots } from './slots.js'

/** What the first two seconds say to keep someone watching. */
export const hookKinds = ['point', 'number', 'question', 'problem'] as const
export type HookKind = (typeof hookKinds)[number]

export interface Hook {
  kind: HookKind
  caption: string
  /** The selling point the hook already shows, so the film need not give it a shot of its own. */
  pointIndex?: number
}

// A number with its unit: "40%", "12-hour", "190 g", "2 年", "15 分钟", "4K", "3x".
const numberWithUnit =
  /\d+(?:[.,]\d+)?\s?(?:%|×|x\b|-?(?:hours?|hrs?|h|minutes?|mins?|seconds?|days?|weeks?|months?|years?|g|kg|mm|cm|m|ml|l|w|mah|lm|lumens?|k|°)\b|(?:小时|小時|分钟|分鐘|秒|天|周|週|个月|個月|年|克|公斤|毫升|升|倍|档|檔|度|流明|瓦))/iu

const framings: Readonly<Record<'number' | 'audience', Readonly<Record<Language, string>>>> = {
  number: { en: '{point}. No, really.', 'zh-CN': '{point}，没看错。', 'zh-HK': '{point}，冇睇錯。' },
  audience: {
    en: '{Audience}: this one is for you.',
    'zh-CN': '{audience}，看过来！',
    'zh-HK': '{audience}，睇過來！',
  },
}

/** "people who work late at home" → "Do you work late at home?" (English audiences only). */
function audienceQuestion(audience: string): string | undefined {
  const match = /^(?:people|anyone|everyone|those|folks)\s+who\s+(.+?)[.!]?$/iu.exec(audience)
  if (!match?.[1]) return undefined
  const rest = match[1]
    .replace(/\btheir\b/giu, 'your')
    .replace(/\bthemselves\b/giu, 'yourself')
    .replace(/\bthey\b/giu, 'you')
  return `Do you ${rest}?`
}

export interface HookInput {
  language: Language
  category: Category
  /** Selling points as they appear in captions (as typed, cleaned). */
  points: readonly string[]
  audience: string
  /** The template's order of preference: which kind it opens with at variation 0. */
  preference: readonly HookKind[]
  variation: number
  random: Random
}

/**
 * Picks the hook: the kinds this brief can support, in the template's order, and the variation
 * steps through them, so "try another" opens differently. A hook whose own words would run over
 * the caption guide is left out (the point hook is the user's words as typed, so it stays).
 */
export function chooseHook(input: HookInput): Hook {
  const candidates = input.preference.flatMap((kind) => {
    const hook = writeHook(kind, input)
    // A selling point as typed is the user's own words: it may be long; the engine's are not.
    return hook && (hook.kind === 'point' || captionFits(hook.caption, input.language)) ? [hook] : []
  })
  const question = writeHook('question', input) as Hook
  if (candidates.length === 0) return question
  return candidates[input.variation % candidates.length] ?? question
}

function writeHook(kind: HookKind, input: HookInput): Hook | undefined {
  const { language, points } = input
  switch (kind) {
    case 'point': {
      // The brief lists its strongest selling point first.
      const point = points[0]
      return point ? { kind, caption: point, pointIndex: 0 } : undefined
    }
    case 'number': {
      const index = points.findIndex((point) => numberWithUnit.test(point))
      const point = points[index]
      if (index < 0 || !point) return undefined
      const framed = fillSlots(framings.number[language], { point: point.replace(/[.。!！]+$/u, '') })
      return { kind, caption: captionFits(framed, language) ? framed : point, pointIndex: index }
    }
    case 'question':
      return { kind, caption: input.random.pick(questionHooks[input.category][language]) }
    case 'problem': {
      if (!input.audience) return undefined
      const asked = language === 'en' ? audienceQuestion(input.audience) : undefined
      const caption =
        asked ?? fillSlots(framings.audience[language], { audience: input.audience.replace(/[.。!！]+$/u, '') })
      return { kind, caption }
    }
  }
}
