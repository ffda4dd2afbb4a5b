// Issue 22, "Copy": what the captions say, for every template, tone, length and language.
import { describe, expect, it } from 'vitest'
import { type Brief, languages, lengthChoices, templateOptions, toneOptions } from '../../src/screenplay/brief.js'
import { captionFits, captionLength, captionLimit } from '../../src/screenplay/caption-guide.js'
import { writeScreenplay } from '../../src/screenplay/engine.js'
import { shotCountRange } from '../../src/screenplay/plan.js'
import { englishBrief } from './fixtures.js'

const lamp: Brief = {
  ...englishBrief,
  productName: 'Halo Desk Lamp',
  description: 'A dimmable LED desk lamp with a warm-to-cool slider and a weighted oak base.',
  sellingPoints: [
    'Flicker-free light, easy on the eyes',
    'Warm to cool white in one slider',
    'USB-C phone charging in the base',
    'Weighted oak base that never tips',
  ],
  audience: 'people who work late at home',
  callToAction: 'Shop now at halolamp.example',
  brandColor: undefined,
}
const pointNames = ['Alpha grip', 'Bravo shell', 'Charlie lining', 'Delta zips', 'Echo vents', 'Foxtrot hood']

describe('selling points', () => {
  it('no selling point is dropped while a shot is free (every template × length × 1–6 points × tone)', () => {
    const problems: string[] = []
    for (const { value: template } of templateOptions) {
      for (const lengthSeconds of lengthChoices) {
        for (let count = 1; count <= 6; count++) {
          for (const { value: tone } of toneOptions) {
            for (const variation of [0, 1, 2]) {
              const sellingPoints = pointNames.slice(0, count)
              const brief: Brief = { ...lamp, template, lengthSeconds, tone, sellingPoints }
              const { shots } = writeScreenplay(brief, variation)
              const said = (point: string) => shots.some((shot) => shot.caption === point)
              const dropped = sellingPoints.filter((point) => !said(point))
              if (dropped.length === 0) continue
              // A point may only be missing when the film is as long as it gets and every shot says one.
              const full = shots.length === shotCountRange(lengthSeconds).max
              // The opening shot is the hook's (a question or the audience's problem may take it).
              const busy = shots.slice(1).every((shot) => sellingPoints.includes(shot.caption))
              if (!full || !busy) {
                problems.push(`${template} ${lengthSeconds}s ${count} points ${tone} v${variation}: dropped ${dropped}`)
              }
            }
          }
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('the lamp at 30 s says all four points, and at 15 s as many as its three shots can', () => {
    for (const { value: template } of templateOptions) {
      for (const { value: tone } of toneOptions) {
        const long = writeScreenplay({ ...lamp, template, tone, lengthSeconds: 30 }, 0).shots
        for (const point of lamp.sellingPoints) expect(long.map((shot) => shot.caption)).toContain(point)
        const short = writeScreenplay({ ...lamp, template, tone, lengthSeconds: 15, aspectRatio: '1:1' }, 0).shots
        const said = lamp.sellingPoints.filter((point) => short.some((shot) => shot.caption === point))
        expect(said.length).toBeGreaterThanOrEqual(2)
      }
    }
  })
})

describe('what every film says', () => {
  const films = templateOptions.flatMap(({ value: template }) =>
    toneOptions.flatMap(({ value: tone }) =>
      languages.flatMap((language) =>
        lengthChoices.flatMap((lengthSeconds) =>
          [0, 1, 2, 3].map((variation) => ({
            brief: { ...lamp, template, tone, language, lengthSeconds } as Brief,
            variation,
          })),
        ),
      ),
    ),
  )

  it('the call to action never (the end card says it), the name at most once (the end card is the second)', () => {
    const problems: string[] = []
    for (const { brief, variation } of films) {
      const captions = writeScreenplay(brief, variation).shots.map((shot) => shot.caption)
      const where = `${brief.template} ${brief.tone} ${brief.language} ${brief.lengthSeconds}s v${variation}`
      if (captions.some((caption) => caption.includes('halolamp'))) problems.push(`${where}: CTA in a caption`)
      const named = captions.filter((caption) => caption.includes(brief.productName)).length
      if (named > 1) problems.push(`${where}: the name in ${named} captions`)
    }
    expect(problems).toEqual([])
  })

  it('opens with a hook, never a filler line, and the variation changes which hook', () => {
    for (const { brief, variation } of films) {
      const first = writeScreenplay(brief, variation).shots[0]?.caption ?? ''
      expect(first).not.toMatch(/^(Introducing|Meet|This is)\b|惊艳登场|驚艷登場|初见|初見/)
      expect(first).not.toContain(brief.productName)
    }
    for (const { value: template } of templateOptions) {
      const openings = new Set(
        [0, 1, 2, 3].map((variation) => writeScreenplay({ ...lamp, template }, variation).shots[0]?.caption),
      )
      expect(openings.size, template).toBeGreaterThanOrEqual(2)
    }
  })

  it('a number in a selling point can be the hook', () => {
    const headphones = { ...englishBrief, template: 'feature-tour' } as Brief
    expect(writeScreenplay(headphones, 0).shots[0]?.caption).toBe('40-hour battery life. No, really.')
    const zh = { ...headphones, language: 'zh-HK', sellingPoints: ['續航 40 小時', '主動降噪'] } as Brief
    expect(writeScreenplay(zh, 0).shots[0]?.caption).toBe('續航 40 小時，冇睇錯。')
  })

  it('an audience of "people who…" becomes a question to them', () => {
    const film = writeScreenplay({ ...lamp, template: 'lifestyle' }, 0)
    expect(film.shots[0]?.caption).toBe('Do you work late at home?')
  })
})

describe('tone lines fit the product', () => {
  it('"Go harder." is for sports gear, not for a desk lamp', () => {
    const said = (brief: Brief) =>
      templateOptions.flatMap(({ value: template }) =>
        [0, 1, 2, 3, 4, 5].flatMap((variation) =>
          writeScreenplay({ ...brief, template, tone: 'energetic', lengthSeconds: 60 }, variation).shots.map(
            (shot) => shot.caption,
          ),
        ),
      )
    const lampLines = said(lamp)
    expect(lampLines).not.toContain('Go harder.')
    expect(lampLines.some((line) => /switched on|run late|keep up|Ready when/.test(line))).toBe(true)
    const shoe: Brief = {
      ...lamp,
      productName: 'Bolt Runner',
      description: 'A featherweight running shoe with a carbon plate for race day.',
      sellingPoints: ['Carbon plate'],
      audience: 'runners training for a race',
    }
    expect(said(shoe).some((line) => /Go harder\.|Built for full speed\./.test(line))).toBe(true)
  })
})

describe('caption length', () => {
  it("the engine's own captions stay inside the guide: about 40 characters, or two lines of 14 in Chinese", () => {
    expect(captionLimit('en')).toBe(40)
    expect(captionLimit('zh-CN')).toBe(28)
    expect(captionLength('12 小时长效保温', 'zh-CN')).toBe(8)
    expect(captionLength('USB-C 充电', 'zh-CN')).toBe(5)
    const short: Brief = { ...lamp, sellingPoints: ['Dimmable', 'Oak base'], audience: 'night owls' }
    for (const { value: template } of templateOptions) {
      for (const { value: tone } of toneOptions) {
        for (const language of languages) {
          for (const variation of [0, 1, 2, 3]) {
            for (const shot of writeScreenplay({ ...short, template, tone, language, lengthSeconds: 60 }, variation)
              .shots) {
              expect(captionFits(shot.caption, language), `${template} ${tone} ${language}: ${shot.caption}`).toBe(true)
            }
          }
        }
      }
    }
  })

  it("a long selling point is shown as typed, and the engine's words never push a caption over", () => {
    const long = 'Tilts, swivels and folds flat so it fits any desk or shelf'
    const longZh = '灯头可倾斜旋转，折叠后薄到可以放进任何书架和抽屉'
    for (const { value: template } of templateOptions) {
      for (const language of languages) {
        const point = language === 'en' ? long : longZh
        const brief: Brief = { ...lamp, template, language, sellingPoints: [point, 'Oak base'], lengthSeconds: 60 }
        for (let variation = 0; variation < 6; variation++) {
          for (const shot of writeScreenplay(brief, variation).shots) {
            const fits = captionFits(shot.caption, language)
            expect(fits || shot.caption === point, `${template} ${language}: ${shot.caption}`).toBe(true)
          }
        }
      }
    }
  })
})
