import { describe, expect, it } from 'vitest'
import type { Brief } from '../../src/screenplay/brief.js'
import { describeColour } from '../../src/screenplay/colour.js'
import { writeScreenplay } from '../../src/screenplay/engine.js'
import { englishBrief, generateBrief } from './fixtures.js'

const briefs = Array.from({ length: 200 }, (_, seed) => generateBrief(seed + 1))

// Same fields, built in the opposite order: the output must not depend on how the object was made.
function reversedKeys(brief: Brief): Brief {
  return Object.fromEntries(Object.entries(brief).reverse()) as Brief
}

describe('writeScreenplay is deterministic', () => {
  it('writes byte-identical screenplays for the same inputs', () => {
    for (const [seed, brief] of briefs.entries()) {
      const variation = seed % 7
      const first = JSON.stringify(writeScreenplay(brief, variation))
      expect(JSON.stringify(writeScreenplay(structuredClone(brief), variation))).toBe(first)
      expect(JSON.stringify(writeScreenplay(reversedKeys(brief), variation))).toBe(first)
    }
  })

  it('ignores fields that are not part of the brief, such as a database row’s owner', () => {
    const row = { ...englishBrief, id: 'a9b3c1d2-0000-4000-8000-000000000000', userEmail: 'jane@example.com' } as Brief
    const screenplay = writeScreenplay(row, 3)
    expect(JSON.stringify(screenplay)).toBe(JSON.stringify(writeScreenplay(englishBrief, 3)))
    expect(JSON.stringify(screenplay)).not.toContain('jane@example.com')
  })

  it('does not mutate the brief', () => {
    const brief = structuredClone(englishBrief)
    writeScreenplay(brief, 5)
    expect(brief).toEqual(englishBrief)
  })
})

describe('variations', () => {
  it('the next variation always changes the screenplay, starting with its opening shot', () => {
    for (const [seed, brief] of briefs.entries()) {
      const a = writeScreenplay(brief, seed)
      const b = writeScreenplay(brief, seed + 1)
      expect(b.shots[0]?.prompt).not.toBe(a.shots[0]?.prompt)
    }
  })

  it('distant variations differ too, for nearly every brief', () => {
    const changed = briefs.filter((brief) => {
      const a = writeScreenplay(brief, 2)
      const b = writeScreenplay(brief, 29)
      return JSON.stringify(a.shots) !== JSON.stringify(b.shots)
    })
    expect(changed.length).toBeGreaterThanOrEqual(briefs.length * 0.95)
  })

  it('ten variations of one brief give ten different screenplays', () => {
    const written = new Set(
      Array.from({ length: 10 }, (_, variation) => JSON.stringify(writeScreenplay(englishBrief, variation).shots)),
    )
    expect(written.size).toBe(10)
  })

  it('changing the brief changes the screenplay', () => {
    const other = { ...englishBrief, sellingPoints: ['Charges in 15 minutes', ...englishBrief.sellingPoints.slice(1)] }
    expect(JSON.stringify(writeScreenplay(other, 0))).not.toBe(JSON.stringify(writeScreenplay(englishBrief, 0)))
  })

  it('keeps the variation number and can override the template', () => {
    const screenplay = writeScreenplay(englishBrief, 12, 'unboxing')
    expect(screenplay.variation).toBe(12)
    expect(screenplay.template).toBe('unboxing')
    expect(writeScreenplay(englishBrief, 12).template).toBe('hero-reveal')
  })

  it('refuses a variation that is not a whole number ≥ 0', () => {
    for (const variation of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => writeScreenplay(englishBrief, variation)).toThrow(RangeError)
    }
  })
})

describe('story order', () => {
  it('gives selling points their own shots, in the order the brief lists them', () => {
    const brief = {
      ...englishBrief,
      template: 'feature-tour',
      lengthSeconds: 60,
      sellingPoints: ['One', 'Two', 'Three', 'Four'],
    } as Brief
    // Issue 22: every point is said, in order; the hook may say the first one, in the opening shot.
    for (let variation = 0; variation < 20; variation++) {
      const shots = writeScreenplay(brief, variation).shots
      const said = shots.map((shot) => shot.caption).filter((caption) => brief.sellingPoints.includes(caption))
      expect(said).toEqual(brief.sellingPoints)
      expect(shots.filter((shot) => shot.beat === 'feature').length).toBeGreaterThanOrEqual(3)
    }
  })

  it('calm tones hold longer shots than energetic ones on average', () => {
    const count = (tone: Brief['tone']) =>
      briefs.reduce((sum, brief) => sum + writeScreenplay({ ...brief, tone, lengthSeconds: 60 }, 0).shots.length, 0)
    expect(count('premium')).toBeLessThan(count('energetic'))
  })
})

describe('brand colour', () => {
  it('reaches the prompts as words a video model understands, never as a hex code', () => {
    expect(describeColour('#1A7F86')).toMatch(/teal/)
    expect(describeColour('#E60012')).toMatch(/red/)
    expect(describeColour('#0050FF')).toMatch(/blue/)
    expect(describeColour('#6B3E1A')).toMatch(/brown/)
    expect(describeColour('#FFC0CB')).toMatch(/pink/)
    expect(describeColour('#000000')).toBe('black')
    expect(describeColour('#FFFFFF')).toBe('white')
    expect(describeColour('red')).toBeUndefined()

    const teal = writeScreenplay({ ...englishBrief, brandColor: '#1A7F86' }, 0)
    const none = writeScreenplay({ ...englishBrief, brandColor: undefined }, 0)
    for (const shot of teal.shots) {
      expect(shot.prompt).toMatch(/brand accents in [a-z ]*teal/)
      expect(shot.prompt).not.toMatch(/#/)
    }
    for (const shot of none.shots) expect(shot.prompt).not.toMatch(/brand accents/)
  })
})
