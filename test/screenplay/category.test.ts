import { describe, expect, it } from 'vitest'
import { type Category, guessCategory } from '../../src/screenplay/category.js'

const brief = (productName: string, description = '', sellingPoints: string[] = [], audience = '') => ({
  productName,
  description,
  sellingPoints,
  audience,
})

describe('guessCategory', () => {
  it.each<[string, ReturnType<typeof brief>, Category]>([
    [
      'a desk lamp, even with USB-C charging among its points',
      brief(
        'Halo Desk Lamp',
        'A dimmable LED desk lamp with a warm-to-cool slider and a weighted oak base.',
        ['Flicker-free light', 'USB-C phone charging in the base'],
        'people who work late at home',
      ),
      'home',
    ],
    [
      'running shoes',
      brief('Bolt Runner', 'A featherweight running shoe with a carbon plate.', ['Race-day grip']),
      'sports',
    ],
    ['a serum', brief('Velvet Serum', 'A vitamin C serum that brightens skin in two weeks.'), 'beauty'],
    [
      'headphones',
      brief('Aura X2', 'Wireless over-ear headphones with adaptive noise cancelling.', ['40-hour battery life']),
      'tech',
    ],
    ['a coffee mug', brief('Cloud Mug', 'A double-walled mug that keeps coffee hot.'), 'food'],
    ['a jacket', brief('Harbour Jacket', 'A waxed cotton jacket with a corduroy collar.'), 'fashion'],
    ['a toy', brief('Stack Bear', 'Wooden stacking toy for toddlers.', [], 'new parents'), 'kids'],
    ['a pet feeder', brief('Pixel Pet Feeder', 'Feeds your cat on time, every time.'), 'pets'],
    ['nothing it knows', brief('Widget 3', 'It does the thing.'), 'other'],
    ['Simplified Chinese', brief('云朵保温杯', '316 不锈钢双层真空保温杯，12 小时保温。'), 'food'],
    ['Traditional Chinese', brief('Halo 枱燈', '可調光 LED 枱燈，橡木配重底座。'), 'home'],
    ['Chinese skincare', brief('水光精华', '深层保湿，肌肤透亮。'), 'beauty'],
  ])('%s', (_what, input, expected) => {
    expect(guessCategory(input)).toBe(expected)
  })

  it('matches whole words where a prefix would mislead: a team is not tea, a tablet not a table', () => {
    expect(guessCategory(brief('Team Planner', 'A tablet stand for your team.'))).toBe('tech')
  })

  it('is deterministic and ignores missing fields', () => {
    const lamp = brief('Halo Desk Lamp')
    expect(guessCategory(lamp)).toBe(guessCategory(structuredClone(lamp)))
    expect(guessCategory({} as ReturnType<typeof brief>)).toBe('other')
  })
})
