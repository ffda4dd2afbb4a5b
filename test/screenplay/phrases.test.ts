import { describe, expect, it } from 'vitest'
import { languages } from '../../src/screenplay/brief.js'
import { captionFits } from '../../src/screenplay/caption-guide.js'
import { categories } from '../../src/screenplay/category.js'
import { linesFor, questionHooks, toneLines } from '../../src/screenplay/phrases.js'
import { toneIds } from '../../src/screenplay/tones.js'
import { han, scriptSlips, simplifiedOnly, traditionalOnly } from './fixtures.js'

describe('phrase banks', () => {
  const banks = [...Object.values(toneLines).flatMap((bank) => Object.values(bank)), ...Object.values(questionHooks)]

  it('have lines in every language, inside the caption guide, in the right script', () => {
    for (const bank of banks) {
      for (const language of languages) {
        expect(bank[language].length).toBeGreaterThan(0)
        for (const line of bank[language]) {
          expect(captionFits(line, language), line).toBe(true)
          if (language === 'en') expect(line).not.toMatch(han)
          else expect(line).toMatch(han)
        }
      }
      for (const line of bank['zh-CN']) expect(scriptSlips(line, traditionalOnly), line).toEqual([])
      for (const line of bank['zh-HK']) expect(scriptSlips(line, simplifiedOnly), line).toEqual([])
    }
  })

  it('give every tone × category × language something to say', () => {
    for (const tone of toneIds) {
      for (const category of categories) {
        for (const language of languages) expect(linesFor(tone, category, language).length).toBeGreaterThan(0)
      }
    }
    expect(linesFor('energetic', 'sports', 'en')).toContain('Go harder.')
    expect(linesFor('energetic', 'home', 'en')).not.toContain('Go harder.')
    expect(linesFor('energetic', 'other', 'en')).not.toContain('Go harder.')
  })
})
