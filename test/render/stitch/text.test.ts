import { describe, expect, it } from 'vitest'
import { cleanText, fitText, textWidthEm, wrapText } from '../../../src/render/stitch/captions.js'
import { buildTimeline, escapeFilterValue } from '../../../src/render/stitch/filtergraph.js'
import { captionLimits, placeCaption, textColourOn } from '../../../src/render/stitch/layout.js'

describe('cleanText', () => {
  it('keeps newlines, turns tabs and CR into spaces and newlines, drops other control characters', () => {
    expect(cleanText('a\tb\r\nc\rd\u2028e')).toBe('a b\nc\nd\ne')
    expect(cleanText('x\u0000y\u0007z\u001b[31m\u007f\u009bw')).toBe('xyz[31mw')
  })

  it('leaves quotes, backslashes, percent signs, braces and brackets alone', () => {
    const hostile = `Lumi's "Pro" C:\\x 100% %{pts} [out]; a,b {c}`
    expect(cleanText(hostile)).toBe(hostile)
  })

  it('replaces lone surrogates and trims the ends', () => {
    expect(cleanText('  a\uD800b  ')).toBe('a\uFFFDb')
  })

  it('caps very long text at 400 graphemes', () => {
    expect([...cleanText('字'.repeat(1000))]).toHaveLength(400)
  })
})

describe('wrapText', () => {
  it('wraps Latin at spaces and never splits a word that fits', () => {
    const lines = wrapText('The lamp that follows the sun all day long', 10)
    expect(lines.length).toBeGreaterThan(1)
    for (const line of lines) expect(textWidthEm(line)).toBeLessThanOrEqual(10)
    expect(lines.join(' ')).toBe('The lamp that follows the sun all day long')
  })

  it('wraps CJK between any two characters', () => {
    const lines = wrapText('全新智能台灯让每一个夜晚都明亮', 5)
    expect(lines).toEqual(['全新智能台', '灯让每一个', '夜晚都明亮'])
  })

  it('keeps closing punctuation off the start of a line and opening brackets off the end', () => {
    const lines = wrapText('一二三四，五六七（八九）', 4)
    for (const line of lines) {
      expect(line).not.toMatch(/^[，）]/)
      expect(line).not.toMatch(/（$/)
    }
    expect(lines.join('')).toBe('一二三四，五六七（八九）')
  })

  it('breaks mixed text at spaces and around CJK characters', () => {
    expect(wrapText('Lumi 台灯 Pro', 3.5)).toEqual(['Lumi', '台灯', 'Pro'])
  })

  it('splits a word longer than a line, and honours typed newlines', () => {
    expect(wrapText('Supercalifragilistic', 5).join('')).toBe('Supercalifragilistic')
    expect(wrapText('Supercalifragilistic', 5).length).toBeGreaterThan(2)
    expect(wrapText('one\n\ntwo', 50)).toEqual(['one', '', 'two'])
  })
})

describe('fitText', () => {
  it('balances the lines rather than leaving an orphan', () => {
    const { lines } = fitText('全新智能台灯，直骨写字更护眼，让每一个夜晚都明亮如昼（限时优惠）。', {
      maxWidthPx: 604,
      fontSize: 36,
      maxLines: 3,
    })
    const widths = lines.map(textWidthEm)
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(3)
  })

  it('shrinks the font, then ends with an ellipsis when even that does not fit', () => {
    const shrunk = fitText('word '.repeat(14).trim(), { maxWidthPx: 300, fontSize: 30, maxLines: 3 })
    expect(shrunk.fontSize).toBeLessThan(30)
    expect(shrunk.lines.length).toBeLessThanOrEqual(3)
    const cut = fitText('word '.repeat(100).trim(), { maxWidthPx: 300, fontSize: 30, maxLines: 3 })
    expect(cut.lines).toHaveLength(3)
    expect(cut.lines.at(-1)).toMatch(/…$/)
    for (const line of cut.lines) expect(textWidthEm(line) * cut.fontSize).toBeLessThanOrEqual(300)
  })
})

describe('escapeFilterValue', () => {
  it('escapes for the option parser, then for the filtergraph parser', () => {
    expect(escapeFilterValue('/tmp/plain/a-1.txt')).toBe('/tmp/plain/a-1.txt')
    expect(escapeFilterValue('a:b')).toBe('a\\\\:b')
    expect(escapeFilterValue("it's")).toBe("it\\\\\\'s")
    expect(escapeFilterValue('[x],y;z')).toBe('\\[x\\]\\,y\\;z')
    expect(escapeFilterValue('a\\b')).toBe('a\\\\\\\\b')
  })
})

describe('buildTimeline', () => {
  it('adds cuts end to end and overlaps each transition by half a second', () => {
    // 3 clips of 24, 25, 24 frames, then a 60-frame end card, at 24 fps.
    const cuts = buildTimeline([24, 25, 24, 60], ['cut', 'cut', 'cut'], 24)
    expect(cuts.totalFrames).toBe(133)
    const mixed = buildTimeline([24, 25, 24, 60], ['fade', 'cut', 'dissolve'], 24)
    expect(mixed.joins.map((j) => j.frames)).toEqual([12, 0, 12])
    expect(mixed.joins.map((j) => j.xfade)).toEqual(['fadeblack', null, 'fade'])
    expect(mixed.totalFrames).toBe(133 - 24)
  })

  it('shortens a transition to half the shorter neighbour', () => {
    const t = buildTimeline([10, 60], ['slide'], 24)
    expect(t.joins[0]).toEqual({ xfade: 'slideleft', frames: 5 })
    expect(t.totalFrames).toBe(65)
  })

  it('puts the poster inside the first shot, at most a second in', () => {
    expect(buildTimeline([120, 60], ['fade'], 24).posterFrame).toBe(24)
    expect(buildTimeline([24, 60], ['fade'], 24).posterFrame).toBe(6)
  })
})

describe('layout', () => {
  it('keeps captions above the bottom fifth on 9:16 and inside the frame everywhere', () => {
    const size = { width: 720, height: 1280 }
    const limits = captionLimits(size, '9:16')
    expect(limits.fontSize).toBe(36)
    expect(limits.maxWidthPx).toBeLessThanOrEqual(720 * 0.84)
    const place = placeCaption(size, '9:16', 3, limits.fontSize)
    expect(place.band.y + place.band.height).toBeLessThanOrEqual(1280 * 0.8 + 20)
    expect(place.band.y).toBeGreaterThan(0)
  })

  it('picks dark text on light brand colours and white on dark ones', () => {
    expect(textColourOn('#FFFF00')).toBe('#111111')
    expect(textColourOn('#14161A')).toBe('#FFFFFF')
    expect(textColourOn('#0044CC')).toBe('#FFFFFF')
  })
})
