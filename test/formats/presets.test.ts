import { describe, expect, it } from 'vitest'
import { aspectRatios } from '../../db/states.js'
import { presetDefaults, presetIds, presetProblems, presets } from '../../src/formats/presets.js'
import { lengthChoices } from '../../src/screenplay/brief.js'

describe('the preset table', () => {
  it.each(presetIds)('%s: shapes and lengths the app makes, 1080p, a safe zone inside the frame', (id) => {
    const preset = presets[id]
    expect(preset.id).toBe(id)
    expect(preset.ratios.length).toBeGreaterThan(0)
    for (const ratio of preset.ratios) expect(aspectRatios).toContain(ratio)
    for (const length of preset.lengths) expect(lengthChoices).toContain(length)
    expect(preset.resolution).toBe('1080p')
    expect(preset.chineseWrap).toEqual({ charsPerLine: 14, lines: 2 })
    if (preset.safeZone) {
      const z = preset.safeZone
      expect(z.left + z.right).toBeLessThan(0.5)
      expect(z.top + z.bottom).toBeLessThan(0.5)
    }
  })

  it('the vertical social presets keep out of the bottom 20 %, the right 15 % and the top 8 %', () => {
    for (const id of ['douyin', 'tiktok', 'reels-shorts', 'xiaohongshu'] as const) {
      expect(presets[id].safeZone).toMatchObject({ top: 0.08, bottom: 0.2, right: 0.15 })
    }
  })

  it('Taobao: 1:1 or 3:4, at most 60 s with the end card, the end card at most 2 s', () => {
    expect(presets.taobao.ratios).toEqual(['1:1', '3:4'])
    expect(Math.max(...presets.taobao.lengths) + 2).toBeLessThanOrEqual(60)
    expect(presets.taobao.endCardMaxSeconds).toBe(2)
  })

  it('fills in the first shape and the resolution; refuses what the platform does not take', () => {
    expect(presetDefaults('xiaohongshu')).toEqual({ aspectRatio: '3:4', resolution: '1080p' })
    expect(presetDefaults('custom')).toEqual({})
    expect(presetDefaults(undefined)).toEqual({})
    expect(presetProblems({ preset: 'taobao', aspectRatio: '9:16', lengthSeconds: 60 }).map((p) => p.field)).toEqual([
      'aspectRatio',
      'lengthSeconds',
    ])
    expect(presetProblems({ preset: 'custom', aspectRatio: '9:16', lengthSeconds: 60 })).toEqual([])
    expect(presetProblems({ aspectRatio: '4:5', lengthSeconds: 60 })).toEqual([])
  })
})

describe('Chinese captions under a preset', () => {
  it('wrap at no more than 14 characters a line, two lines at most', async () => {
    const { captionLimits } = await import('../../src/render/stitch/layout.js')
    const { fitText } = await import('../../src/render/stitch/captions.js')
    const caption = '随太阳移动的暖光，从早到晚陪伴你的书桌和每一个夜晚，出门也能带上'
    for (const id of presetIds) {
      const preset = presets[id]
      const size = { width: 1080, height: 1920 }
      const limits = captionLimits(size, '9:16', preset.safeZone, preset.chineseWrap)
      const { lines } = fitText(caption, limits)
      expect(lines.length).toBeLessThanOrEqual(2)
      for (const line of lines) expect([...line].length).toBeLessThanOrEqual(14)
    }
  })
})
