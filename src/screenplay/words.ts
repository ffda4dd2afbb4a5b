import type { Brief } from './brief.js'
import { briefLimits } from './brief.js'
import { capLength, cleanForCaption, cleanForPrompt } from './clean.js'

/** The brief's own words, cleaned once: one set for prompts (strict), one for captions (as typed). */
export interface BriefWords {
  prompt: { product: string; points: string[]; audience: string; summary: string }
  caption: { product: string; points: string[]; audience: string; cta: string }
}

const summaryLimit = 160

export function briefWords(brief: Brief): BriefWords {
  const points = (Array.isArray(brief.sellingPoints) ? brief.sellingPoints : []).slice(0, briefLimits.sellingPoints)
  // "The Ordinary" would read "the The Ordinary" in "…on the {product}".
  const product = cleanForPrompt(brief.productName ?? '', briefLimits.productName).replace(/^the\s+/i, '')
  const description = cleanForPrompt(brief.description ?? '', briefLimits.description)
  const firstSentence = description.split(/(?<=[.!?。！？])\s*/u)[0] ?? ''

  return {
    prompt: {
      product: product || 'product',
      points: points.map((point) => cleanForPrompt(point, briefLimits.sellingPoint) || 'its signature detail'),
      audience: cleanForPrompt(brief.audience ?? '', briefLimits.audience) || 'everyday users',
      summary: capLength(firstSentence, summaryLimit).replace(/[\s.!?。！？,;:]+$/u, ''),
    },
    caption: {
      product: cleanForCaption(brief.productName ?? '', briefLimits.productName),
      points: points.map((point) => cleanForCaption(point, briefLimits.sellingPoint)),
      audience: cleanForCaption(brief.audience ?? '', briefLimits.audience),
      cta: cleanForCaption(brief.callToAction ?? '', briefLimits.callToAction),
    },
  }
}
