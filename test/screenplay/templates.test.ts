import { describe, expect, it } from 'vitest'
import { templateOptions } from '../../src/screenplay/brief.js'
import type { Beat } from '../../src/screenplay/template.js'
import { templateById } from '../../src/screenplay/templates/index.js'
import { tones } from '../../src/screenplay/tones.js'
import { han } from './fixtures.js'

// Characters of these captions that differ between the scripts: zh-CN must not slip into
// Traditional, nor zh-HK into Simplified (a pasted line from the other list is the usual slip).
const simplifiedOnly = '们这个为时让细节见点优势开惊艳现选购设质乐无图长变过简单换里爱体验刚间华发还买'
const traditionalOnly = '們這個為時讓細節見點優勢開驚艷現選購設質樂無圖長變過簡單換裏愛體驗剛間華發還買'
const scriptSlips = (text: string, chars: string) => [...text].filter((ch) => chars.includes(ch))

const templates = templateOptions.map(({ value }) => {
  const template = templateById(value)
  if (!template) throw new Error(`missing template ${value}`)
  return template
})

// Lints the data itself: a new template file is checked the moment it is registered.
describe.each(templates)('template $id', (template) => {
  const beats: Beat[] = [template.opening, ...template.middle, template.close]

  it('has the shape the engine needs', () => {
    expect(template.id).toMatch(/^[a-z]+(?:-[a-z]+)*$/)
    expect(template.opening.ideas.length).toBeGreaterThanOrEqual(2)
    expect(template.middle.length).toBeGreaterThanOrEqual(4)
    expect(template.middle.some((beat) => beat.perSellingPoint)).toBe(true)
    expect(template.close.kind).toBe('close')
  })

  it('writes prompts in plain English and captions in every language', () => {
    for (const beat of beats) {
      expect(beat.ideas.length).toBeGreaterThan(0)
      for (const idea of beat.ideas) expect(idea.prompt).toMatch(/^[\x20-\x7e]+$/)
      expect(beat.captions.en.length).toBeGreaterThan(0)
      for (const caption of beat.captions.en) expect(caption).not.toMatch(han)
      for (const language of ['zh-CN', 'zh-HK'] as const) {
        expect(beat.captions[language].length).toBeGreaterThan(0)
        // Chinese patterns carry Chinese of their own (a tone's tagline counts: those are Chinese
        // too), whatever language the user typed in.
        for (const caption of beat.captions[language]) {
          expect(caption.replace(/\{\w+\}/g, (slot) => (slot === '{tagline}' ? '标语' : ''))).toMatch(han)
        }
      }
      for (const caption of beat.captions['zh-CN']) expect(scriptSlips(caption, traditionalOnly), caption).toEqual([])
      for (const caption of beat.captions['zh-HK']) expect(scriptSlips(caption, simplifiedOnly), caption).toEqual([])
      if (beat.perSellingPoint) for (const idea of beat.ideas) expect(idea.prompt).toContain('{point}')
    }
  })

  it('puts the call to action in every closing caption', () => {
    for (const caption of Object.values(template.close.captions).flat()) expect(caption).toContain('{cta}')
  })
})

describe('tones', () => {
  it('give every vocabulary several choices and taglines in both languages', () => {
    for (const tone of Object.values(tones)) {
      for (const list of [tone.motion, tone.light, tone.palette, tone.surface, tone.place, tone.mood, tone.grade]) {
        expect(list.length).toBeGreaterThanOrEqual(2)
        for (const words of list) expect(words).toMatch(/^[\x20-\x7e]+$/)
      }
      for (const place of tone.place) expect(place).toMatch(/^(in|on|at) /)
      for (const tagline of tone.taglines['zh-CN']) expect(tagline).toMatch(han)
      for (const tagline of tone.taglines['zh-HK']) expect(tagline).toMatch(han)
      for (const tagline of tone.taglines['zh-CN']) expect(scriptSlips(tagline, traditionalOnly)).toEqual([])
      for (const tagline of tone.taglines['zh-HK']) expect(scriptSlips(tagline, simplifiedOnly)).toEqual([])
      expect(tone.pace).toBeGreaterThanOrEqual(0)
      expect(tone.pace).toBeLessThanOrEqual(1)
    }
  })
})
