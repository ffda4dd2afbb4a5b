import { describe, expect, it } from 'vitest'
import { type Language, templateOptions } from '../../src/screenplay/brief.js'
import { captionFits } from '../../src/screenplay/caption-guide.js'
import { hookKinds } from '../../src/screenplay/hook.js'
import type { Beat } from '../../src/screenplay/template.js'
import { templateById } from '../../src/screenplay/templates/index.js'
import { tones } from '../../src/screenplay/tones.js'
import { han, scriptSlips, simplifiedOnly, traditionalOnly } from './fixtures.js'

const templates = templateOptions.map(({ value }) => {
  const template = templateById(value)
  if (!template) throw new Error(`missing template ${value}`)
  return template
})

// Lints the data itself: a new template file is checked the moment it is registered.
describe.each(templates)('template $id', (template) => {
  // The opening's caption is the hook (src/screenplay/hook.ts); it has no patterns of its own.
  const beats: Beat[] = [...template.middle, template.close]

  it('has the shape the engine needs', () => {
    expect(template.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/)
    expect(template.opening.ideas.length).toBeGreaterThanOrEqual(2)
    expect(template.middle.length).toBeGreaterThanOrEqual(4)
    expect(template.middle.some((beat) => beat.perSellingPoint)).toBe(true)
    expect(template.close.kind).toBe('close')
    // Every kind of hook, so the variation can step through them all; the question always exists.
    expect([...template.hook].sort()).toEqual([...hookKinds].sort())
  })

  it('writes prompts in plain English and captions in every language', () => {
    for (const idea of template.opening.ideas) expect(idea.prompt).toMatch(/^[\x20-\x7e]+$/)
    for (const beat of beats) {
      expect(beat.ideas.length).toBeGreaterThan(0)
      for (const idea of beat.ideas) expect(idea.prompt).toMatch(/^[\x20-\x7e]+$/)
      expect(beat.captions.en.length).toBeGreaterThan(0)
      for (const caption of beat.captions.en) expect(caption).not.toMatch(han)
      for (const language of ['zh-CN', 'zh-HK'] as const) {
        expect(beat.captions[language].length).toBeGreaterThan(0)
        // Chinese patterns carry Chinese of their own (a tone's tagline counts: those are Chinese
        // too), whatever language the user typed in; a lone {point} is the user's words as typed.
        for (const caption of beat.captions[language]) {
          if (caption === '{point}') continue
          expect(caption.replace(/\{\w+\}/g, (slot) => (slot === '{tagline}' ? '标语' : ''))).toMatch(han)
        }
      }
      for (const caption of beat.captions['zh-CN']) expect(scriptSlips(caption, traditionalOnly), caption).toEqual([])
      for (const caption of beat.captions['zh-HK']) expect(scriptSlips(caption, simplifiedOnly), caption).toEqual([])
      if (beat.perSellingPoint) for (const idea of beat.ideas) expect(idea.prompt).toContain('{point}')
    }
  })

  it('leaves the call to action to the end card and never opens with a filler line', () => {
    // Issue 22: the closing caption used to carry {cta}, so the video said it twice.
    for (const beat of beats) {
      for (const caption of Object.values(beat.captions).flat()) {
        expect(caption).not.toContain('{cta}')
        expect(caption).not.toMatch(/^(Introducing|Meet|This is)\b/)
      }
      // The product's name may be said once: every beat can do without it.
      for (const list of Object.values(beat.captions))
        expect(list.some((caption) => !caption.includes('{product}'))).toBe(true)
    }
  })

  it("keeps the engine's own words inside the caption guide", () => {
    for (const beat of beats) {
      for (const [language, list] of Object.entries(beat.captions) as Array<[Language, string[]]>) {
        for (const caption of list) {
          const own = caption.replace(/\{\w+\}/g, '')
          expect(captionFits(own, language), caption).toBe(true)
        }
      }
    }
  })
})

describe('tones', () => {
  it('give every vocabulary several choices', () => {
    for (const tone of Object.values(tones)) {
      for (const list of [tone.motion, tone.light, tone.palette, tone.surface, tone.place, tone.mood, tone.grade]) {
        expect(list.length).toBeGreaterThanOrEqual(2)
        for (const words of list) expect(words).toMatch(/^[\x20-\x7e]+$/)
      }
      for (const place of tone.place) expect(place).toMatch(/^(in|on|at) /)
      expect(tone.pace).toBeGreaterThanOrEqual(0)
      expect(tone.pace).toBeLessThanOrEqual(1)
    }
  })
})
