import { describe, expect, it } from 'vitest'
import { aspectRatios, languages, lengthChoices, templateOptions, toneOptions, type Brief } from '../../src/screenplay/brief.js'
import { writeScreenplay } from '../../src/screenplay/engine.js'
import { screenplaySchema, shotLimits } from '../../src/screenplay/schema.js'
import { templateById } from '../../src/screenplay/templates/index.js'
import { englishBrief, han } from './fixtures.js'

const printableAscii = /^[\x20-\x7e]+$/

const combinations = templateOptions.flatMap(({ value: template }) =>
  aspectRatios.flatMap((aspectRatio) =>
    languages.flatMap((language) => lengthChoices.map((lengthSeconds) => ({ template, aspectRatio, language, lengthSeconds }))),
  ),
)

describe('every template × aspect ratio × language × length', () => {
  it('covers all 150 combinations', () => {
    expect(combinations).toHaveLength(templateOptions.length * 3 * 2 * 5)
    expect(templateOptions.length).toBeGreaterThanOrEqual(5)
  })

  it.each(combinations)('$template $aspectRatio $language $lengthSeconds s writes a valid screenplay', (combination) => {
    for (const { value: tone } of toneOptions) {
      for (const variation of [0, 1, 7]) {
        const brief: Brief = {
          ...englishBrief,
          ...combination,
          tone,
          callToAction: combination.language === 'en' ? 'Pre-order today' : '立即预订',
        }
        const screenplay = writeScreenplay(brief, variation)
        const parsed = screenplaySchema.safeParse(screenplay)
        expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true)

        const { shots } = screenplay
        expect(shots.length).toBeGreaterThanOrEqual(3)
        expect(shots.length).toBeLessThanOrEqual(8)
        expect(shots.reduce((sum, shot) => sum + shot.durationSeconds, 0)).toBe(brief.lengthSeconds)
        expect(screenplay).toMatchObject({ template: brief.template, aspectRatio: brief.aspectRatio, language: brief.language, variation })

        const template = templateById(brief.template)
        expect(shots[0]?.beat).toBe(template?.opening.kind)
        expect(shots.at(-1)?.beat).toBe('close')
        // The last shot carries the call to action, as typed.
        expect(shots.at(-1)?.caption).toContain(brief.callToAction)

        for (const shot of shots) {
          expect(shot.prompt.length).toBeLessThanOrEqual(shotLimits.prompt)
          // Prompts stay English whatever the caption language: this brief has no Chinese in it.
          expect(shot.prompt).toMatch(printableAscii)
          expect(shot.prompt).toContain('Aura X2')
          expect(shot.prompt).not.toMatch(/[{}]|\s{2}|\.\./)
          expect(shot.caption.length).toBeGreaterThan(0)
          expect(shot.caption.length).toBeLessThanOrEqual(shotLimits.caption)
          expect(shot.caption).not.toMatch(/[{}]/)
          if (brief.language === 'zh-CN') expect(shot.caption).toMatch(han)
          else expect(shot.caption).not.toMatch(han)
        }
        // No shot repeats another's prompt word for word.
        expect(new Set(shots.map((shot) => shot.prompt)).size).toBe(shots.length)
      }
    }
  })
})

describe('screenplay schema', () => {
  const screenplay = writeScreenplay(englishBrief, 0)

  it('rejects durations that do not add up to the length', () => {
    const shots = screenplay.shots.map((shot, index) => (index === 0 ? { ...shot, durationSeconds: shot.durationSeconds === 5 ? 10 : 5 } : shot))
    expect(screenplaySchema.safeParse({ ...screenplay, shots }).success).toBe(false)
  })

  it('rejects shots out of order, durations other than 5 or 10 s, and prompts over 2000 characters', () => {
    const swapped = [...screenplay.shots].reverse()
    expect(screenplaySchema.safeParse({ ...screenplay, shots: swapped }).success).toBe(false)
    const seven = screenplay.shots.map((shot, index) => (index === 0 ? { ...shot, durationSeconds: 7 } : shot))
    expect(screenplaySchema.safeParse({ ...screenplay, shots: seven }).success).toBe(false)
    const long = screenplay.shots.map((shot, index) => (index === 0 ? { ...shot, prompt: 'x'.repeat(2001) } : shot))
    expect(screenplaySchema.safeParse({ ...screenplay, shots: long }).success).toBe(false)
    expect(screenplaySchema.safeParse(screenplay).success).toBe(true)
  })
})
