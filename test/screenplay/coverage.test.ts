import { describe, expect, it } from 'vitest'
import {
  aspectRatios,
  type Brief,
  languages,
  lengthChoices,
  templateOptions,
  toneOptions,
} from '../../src/screenplay/brief.js'
import { writeScreenplay } from '../../src/screenplay/engine.js'
import { screenplaySchema, shotLimits } from '../../src/screenplay/schema.js'
import { templateById } from '../../src/screenplay/templates/index.js'
import { englishBrief, han } from './fixtures.js'

const printableAscii = /^[\x20-\x7e]+$/

const combinations = templateOptions.flatMap(({ value: template }) =>
  aspectRatios.flatMap((aspectRatio) =>
    languages.flatMap((language) =>
      lengthChoices.map((lengthSeconds) => ({ template, aspectRatio, language, lengthSeconds })),
    ),
  ),
)

describe('every template × aspect ratio × language × length', () => {
  it('covers all 375 combinations', () => {
    expect(combinations).toHaveLength(templateOptions.length * 5 * 3 * 5)
    expect(templateOptions.length).toBeGreaterThanOrEqual(5)
  })

  // Problems are collected as sentences and compared with [] once, so a failure names every
  // broken shot and 3,750 screenplays do not cost 100,000 expect() calls.
  it.each(combinations)(
    '$template $aspectRatio $language $lengthSeconds s writes a valid screenplay',
    (combination) => {
      const problems: string[] = []
      for (const { value: tone } of toneOptions) {
        for (const variation of [0, 3]) {
          const brief: Brief = {
            ...englishBrief,
            ...combination,
            tone,
            callToAction: { en: 'Pre-order today', 'zh-CN': '立即预订', 'zh-HK': '立即預訂' }[combination.language],
          }
          const screenplay = writeScreenplay(brief, variation)
          const where = `${tone} v${variation}`
          const problem = (ok: boolean, what: string) => {
            if (!ok) problems.push(`${where}: ${what}`)
          }
          const parsed = screenplaySchema.safeParse(screenplay)
          problem(parsed.success, `schema: ${JSON.stringify(parsed.error?.issues)}`)

          const { shots } = screenplay
          problem(shots.length >= 3 && shots.length <= 8, `${shots.length} shots`)
          const total = shots.reduce((sum, shot) => sum + shot.durationSeconds, 0)
          problem(total === brief.lengthSeconds, `durations add up to ${total}`)
          problem(
            screenplay.template === brief.template &&
              screenplay.aspectRatio === brief.aspectRatio &&
              screenplay.language === brief.language &&
              screenplay.variation === variation,
            'header does not match the brief',
          )

          const template = templateById(brief.template)
          problem(shots[0]?.beat === template?.opening.kind, `opens with ${shots[0]?.beat}`)
          problem(shots.at(-1)?.beat === 'close', `ends with ${shots.at(-1)?.beat}`)
          // Issue 22: the call to action is the end card's, so no caption says it (it used to be the
          // last shot's caption, and the end card said it again).
          for (const shot of shots) problem(!shot.caption.includes(brief.callToAction), `CTA in ${shot.caption}`)

          for (const shot of shots) {
            const at = `shot ${shot.index}`
            problem(shot.prompt.length <= shotLimits.prompt, `${at} prompt has ${shot.prompt.length} characters`)
            // Prompts stay English whatever the caption language: this brief has no Chinese in it.
            problem(printableAscii.test(shot.prompt), `${at} prompt is not plain English: ${shot.prompt}`)
            problem(shot.prompt.includes('Aura X2'), `${at} prompt does not name the product`)
            problem(
              !/[{}]|\s{2}|\.\./.test(shot.prompt),
              `${at} prompt has a slot, a double space or "..": ${shot.prompt}`,
            )
            problem(
              shot.caption.length > 0 && shot.caption.length <= shotLimits.caption,
              `${at} caption length ${shot.caption.length}`,
            )
            problem(!/[{}]/.test(shot.caption), `${at} caption has a slot: ${shot.caption}`)
            const chinese = han.test(shot.caption)
            // A selling point alone is the user's words as typed (issue 22: a hook, or a point shot
            // without a "亮点：" in front), in whatever language they typed it.
            const asTyped = brief.sellingPoints.includes(shot.caption)
            problem(
              asTyped || (brief.language === 'en' ? !chinese : chinese),
              `${at} caption in the wrong language: ${shot.caption}`,
            )
          }
          // No shot repeats another's prompt word for word.
          problem(new Set(shots.map((shot) => shot.prompt)).size === shots.length, 'two shots share a prompt')
        }
      }
      expect(problems).toEqual([])
    },
  )
})

describe('screenplay schema', () => {
  const screenplay = writeScreenplay(englishBrief, 0)

  it('rejects durations that do not add up to the length', () => {
    const shots = screenplay.shots.map((shot, index) =>
      index === 0 ? { ...shot, durationSeconds: shot.durationSeconds === 5 ? 10 : 5 } : shot,
    )
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
