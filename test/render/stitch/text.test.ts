import { describe, expect, it } from 'vitest'
import { cleanText, fitText, keyword } from '../../../src/render/stitch/captions.js'
import { splitCallToAction } from '../../../src/render/stitch/end-card.js'
import { buildTimeline, escapeFilterValue } from '../../../src/render/stitch/filtergraph.js'
import {
  captionLimits,
  chooseAnchor,
  contrast,
  placeCaption,
  readableAccent,
  safeArea,
  textColourOn,
} from '../../../src/render/stitch/layout.js'
import { textWidthEm, wrapText } from '../../../src/render/stitch/line-breaks.js'
import { CAPTION_BOX_OVER_WHITE, escapeMarkup, markupOf } from '../../../src/render/stitch/typeset.js'

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

  // Changed on purpose (issue 22): CJK used to break between any two characters, splitting
  // words (台|灯); it now breaks between words, as ICU's dictionary segmenter finds them.
  it('wraps CJK between words, never inside one', () => {
    const lines = wrapText('全新智能台灯让每一个夜晚都明亮', 5)
    expect(lines.join('')).toBe('全新智能台灯让每一个夜晚都明亮')
    for (const line of lines) expect(textWidthEm(line)).toBeLessThanOrEqual(5)
    for (const word of ['台灯', '夜晚', '明亮']) expect(lines.some((l) => l.includes(word))).toBe(true)
  })

  it('breaks at phrase boundaries into even lines', () => {
    expect(wrapText('USB-C phone charging in the base', 11)).toEqual(['USB-C phone', 'charging in the base'])
    expect(wrapText('USB-C phone charging in the base', 12)).toEqual(['USB-C phone charging', 'in the base'])
    expect(wrapText('Warm light for late nights', 9)).toEqual(['Warm light', 'for late nights'])
    // After the comma, not in the middle of either phrase.
    expect(wrapText('底座支持手机充电，桌面更整洁', 9)).toEqual(['底座支持手机充电，', '桌面更整洁'])
  })

  it('never breaks inside a name, a number with its unit, a URL or a handle', () => {
    const keep = ['Halo Desk Lamp']
    for (const width of [10, 11, 12, 14, 16, 20]) {
      const lines = wrapText(
        'Meet Halo Desk Lamp: 40 % less glare, 5 V USB, at halolamp.example or @halolamp',
        width,
        keep,
      )
      const text = lines.join('\n')
      for (const unit of ['Halo Desk Lamp', '40 %', '5 V', 'halolamp.example', '@halolamp'])
        expect(text, `${unit} at ${width} em`).toContain(unit)
    }
    expect(wrapText('续航长达12小时，充电快', 5).join('\n')).toContain('12小时')
  })

  it('breaks a name longer than a line between its words, not inside one', () => {
    expect(wrapText('Halo Desk Lamp', 6, ['Halo Desk Lamp'])).toEqual(['Halo Desk', 'Lamp'])
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
    const { lines } = fitText('全新智能台灯让每一个夜晚都明亮如昼直骨写字更护眼', {
      maxWidthPx: 604,
      fontSize: 36,
      maxLines: 3,
    })
    const widths = lines.map(textWidthEm)
    expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(3)
  })

  // Changed on purpose (issue 22): this text used to be cut into three even lines mid-phrase;
  // a phrase boundary (the commas) now outweighs a few ems of evenness.
  it('prefers a phrase boundary to perfectly even lines', () => {
    const { lines } = fitText('全新智能台灯，直骨写字更护眼，让每一个夜晚都明亮如昼（限时优惠）。', {
      maxWidthPx: 604,
      fontSize: 36,
      maxLines: 3,
    })
    expect(lines[0]).toMatch(/，$/)
    expect(lines.join('')).toBe('全新智能台灯，直骨写字更护眼，让每一个夜晚都明亮如昼（限时优惠）。')
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
  it('sizes captions at about 6 % of the frame height, a little smaller on 16:9', () => {
    expect(captionLimits({ width: 720, height: 1280 }, '9:16').fontSize).toBe(72)
    expect(captionLimits({ width: 1080, height: 1920 }, '9:16').fontSize).toBe(108)
    expect(captionLimits({ width: 720, height: 720 }, '1:1').fontSize).toBe(43)
    expect(captionLimits({ width: 1280, height: 720 }, '16:9').fontSize).toBe(37)
  })

  it('keeps captions inside the platforms’ safe zone on 9:16, at the top or above the bottom fifth', () => {
    const size = { width: 720, height: 1280 }
    const limits = captionLimits(size, '9:16')
    expect(limits.maxWidthPx).toBeLessThanOrEqual(720 * 0.8)
    const box = { width: 500, height: 300 }
    const bottom = placeCaption(size, '9:16', 'bottom', box)
    expect(bottom.y + bottom.height).toBeLessThanOrEqual(1280 * 0.8)
    const top = placeCaption(size, '9:16', 'top', box)
    expect(top.y).toBeGreaterThanOrEqual(1280 * 0.1)
    // Clear of the button column down the right edge.
    for (const p of [top, bottom]) expect(p.x + p.width).toBeLessThanOrEqual(720 * 0.86)
  })

  it('puts the captions on the side away from the product', () => {
    const size = { width: 720, height: 1280 }
    const safe = safeArea(size, '9:16')
    const low = { x: 200, y: 700, width: 300, height: 500 }
    const high = { x: 200, y: 100, width: 300, height: 500 }
    expect(chooseAnchor(size, '9:16', 250, low)).toBe('top')
    expect(chooseAnchor(size, '9:16', 250, high)).toBe('bottom')
    expect(chooseAnchor(size, '9:16', 250, null)).toBe('bottom')
    expect(safe.y).toBe(128)
  })

  it('draws the brand colour as the key word’s colour only where it reads', () => {
    // Navy cannot be read on the dark box: it becomes a clear blue, not a grey.
    const navy = readableAccent('#1D3557', CAPTION_BOX_OVER_WHITE)
    expect(contrast(navy, CAPTION_BOX_OVER_WHITE)).toBeGreaterThanOrEqual(4.5)
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(navy.slice(i, i + 2), 16)) as [number, number, number]
    expect(b).toBeGreaterThan(r + 60)
    expect(b).toBeGreaterThan(g)
    expect(readableAccent('#FFC93C', CAPTION_BOX_OVER_WHITE)).toBe('#FFC93C')
  })

  it('picks dark text on light brand colours and white on dark ones', () => {
    expect(textColourOn('#FFFF00')).toBe('#111111')
    expect(textColourOn('#14161A')).toBe('#FFFFFF')
    expect(textColourOn('#0044CC')).toBe('#FFFFFF')
  })
})

describe('key word', () => {
  it('lifts a number with its unit, else a technical name, else the longest word', () => {
    expect(keyword('Flicker-free light with 40 % less glare')).toBe('40 %')
    expect(keyword('Lasts a 12-hour day')).toBe('12-hour')
    expect(keyword('USB-C phone charging in the base')).toBe('USB-C')
    expect(keyword('Warm light for late nights')).toBe('nights')
    expect(keyword('底座支持USB-C手机充电')).toBe('USB-C')
    expect(keyword('续航12小时，随处可用')).toBe('12小时')
  })

  it('never lifts the product’s name or half a link', () => {
    expect(keyword('Halo Desk Lamp lights up', 'Halo Desk Lamp')).toBe('lights')
    expect(keyword('Shop at halolamp.example')).toBe('Shop')
  })
})

describe('markup', () => {
  it('escapes everything Pango would read as markup, and lights one key word', () => {
    expect(escapeMarkup(`<b>&"'`)).toBe('&#60;b&#62;&#38;&#34;&#39;')
    const m = markupOf(['40 % <less>', 'glare 40 %'], {
      language: 'zh-CN',
      fontSize: 10,
      weight: 'bold',
      colour: '#FFFFFF',
      highlight: { text: '40 %', colour: '#FFC93C' },
    })
    expect(m).toBe(
      '<span foreground="#FFFFFF" lang="zh-cn"><span foreground="#FFC93C">40 %</span> &#60;less&#62;\nglare 40 %</span>',
    )
  })
})

describe('end card call to action', () => {
  it('splits the link out of the call to action', () => {
    expect(splitCallToAction('Shop now at halolamp.example')).toEqual({ action: 'Shop now', link: 'halolamp.example' })
    expect(splitCallToAction('立即购买：halolamp.example')).toEqual({ action: '立即购买', link: 'halolamp.example' })
    expect(splitCallToAction('Follow @halolamp for more')).toEqual({ action: 'Follow for more', link: '@halolamp' })
    expect(splitCallToAction('Shop now')).toEqual({ action: 'Shop now', link: null })
    expect(splitCallToAction('halolamp.example')).toEqual({ action: 'halolamp.example', link: null })
  })
})
