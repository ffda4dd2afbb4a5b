import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  aspectRatioOptions,
  aspectRatios,
  briefSchema,
  languageOptions,
  languages,
  lengthChoices,
  lengthOptions,
  templateOptions,
  toneOptions,
} from '../../src/screenplay/brief.js'
import { shotCountRange } from '../../src/screenplay/plan.js'
import { englishBrief } from './fixtures.js'

function fieldErrors(input: unknown): Record<string, string[] | undefined> {
  const result = briefSchema.safeParse(input)
  if (result.success) return {}
  return z.flattenError(result.error).fieldErrors as Record<string, string[] | undefined>
}

describe('brief schema', () => {
  it('accepts a complete brief and form-style values', () => {
    const parsed = briefSchema.parse({ ...englishBrief, lengthSeconds: '45', brandColor: '' })
    expect(parsed.lengthSeconds).toBe(45)
    expect(parsed.brandColor).toBeUndefined()
    expect(briefSchema.parse({ ...englishBrief, productName: '  Aura X2  ' }).productName).toBe('Aura X2')
  })

  const bad: Array<[string, Record<string, unknown>]> = [
    ['productName', { productName: '' }],
    ['productName', { productName: '   ' }],
    ['productName', { productName: 'x'.repeat(81) }],
    ['description', { description: 'y'.repeat(601) }],
    ['description', { description: 'First paragraph.\n\nSecond paragraph.' }],
    ['sellingPoints', { sellingPoints: [] }],
    ['sellingPoints', { sellingPoints: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }],
    ['sellingPoints', { sellingPoints: ['fine', 'z'.repeat(121)] }],
    ['sellingPoints', { sellingPoints: 'not a list' }],
    ['audience', { audience: 'a'.repeat(121) }],
    ['tone', { tone: 'sad' }],
    ['template', { template: 'slideshow' }],
    ['aspectRatio', { aspectRatio: '4:3' }],
    ['lengthSeconds', { lengthSeconds: 25 }],
    ['lengthSeconds', { lengthSeconds: '90' }],
    ['language', { language: 'fr' }],
    ['callToAction', { callToAction: 'b'.repeat(61) }],
    ['brandColor', { brandColor: 'red' }],
    ['brandColor', { brandColor: '#12345' }],
  ]

  it.each(bad)('rejects a bad %s with an error on that field only', (field, change) => {
    const errors = fieldErrors({ ...englishBrief, ...change })
    expect(Object.keys(errors)).toEqual([field])
    expect(errors[field]?.[0]).toMatch(/\w/)
  })

  it('rejects 100 kB of text in every text field, naming each field', () => {
    const huge = 'A'.repeat(100_000)
    const errors = fieldErrors({
      ...englishBrief,
      productName: huge,
      description: huge,
      sellingPoints: [huge],
      audience: huge,
      callToAction: huge,
    })
    expect(Object.keys(errors).sort()).toEqual([
      'audience',
      'callToAction',
      'description',
      'productName',
      'sellingPoints',
    ])
  })

  it('reports a missing field by name', () => {
    const { tone: _tone, ...withoutTone } = englishBrief
    expect(Object.keys(fieldErrors(withoutTone))).toEqual(['tone'])
  })
})

describe('option lists for the form', () => {
  it('offer exactly the values the schema accepts, each with a label', () => {
    expect(aspectRatioOptions.map((option) => option.value)).toEqual([...aspectRatios])
    expect(languageOptions.map((option) => option.value)).toEqual([...languages])
    expect(lengthOptions.map((option) => option.value)).toEqual([...lengthChoices])
    for (const option of [
      ...aspectRatioOptions,
      ...languageOptions,
      ...lengthOptions,
      ...toneOptions,
      ...templateOptions,
    ]) {
      expect(option.label.length).toBeGreaterThan(0)
    }
    for (const { value } of toneOptions)
      expect(briefSchema.safeParse({ ...englishBrief, tone: value }).success).toBe(true)
    for (const { value } of templateOptions)
      expect(briefSchema.safeParse({ ...englishBrief, template: value }).success).toBe(true)
  })

  it('include at least the five templates the product promises', () => {
    expect(templateOptions.map((option) => option.value)).toEqual(
      expect.arrayContaining(['hero-reveal', 'feature-tour', 'lifestyle', 'unboxing', 'before-after']),
    )
  })

  it('only offer lengths that 3–8 clips of 5 or 10 s can add up to', () => {
    for (const seconds of lengthChoices) {
      const { min, max } = shotCountRange(seconds)
      expect(min).toBeGreaterThanOrEqual(3)
      expect(max).toBeLessThanOrEqual(8)
      expect(min * 5).toBeLessThanOrEqual(seconds)
      expect(max * 10).toBeGreaterThanOrEqual(seconds)
    }
    expect(() => shotCountRange(90)).toThrow(RangeError)
    expect(() => shotCountRange(12)).toThrow(RangeError)
  })
})
