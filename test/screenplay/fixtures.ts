import {
  aspectRatios,
  type Brief,
  type BriefInput,
  briefSchema,
  languages,
  lengthChoices,
  templateOptions,
  toneOptions,
} from '../../src/screenplay/brief.js'

// The tests' own seeded generator (mulberry32), independent of the engine's, so the briefs
// the engine is tested on are not shaped by the code under test.
export function testRandom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T
  return { next, pick, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) }
}

const names = [
  'Aura X2',
  'Bolt Runner',
  'Lumen Desk Lamp',
  'Cloud Mug',
  '云朵保温杯',
  'Nordic Chair',
  'Pixel Pet Feeder',
  'Velvet Serum',
  'Trail Pack 30L',
  '小熊咖啡机',
]
const descriptions = [
  'Wireless over-ear headphones with adaptive noise cancelling and a brushed aluminium frame. Designed in Copenhagen.',
  'A featherweight running shoe with a carbon plate and a breathable knit upper.',
  'A dimmable desk lamp with a warm-to-cool slider and a weighted oak base.',
  '316 不锈钢双层真空保温杯，12 小时保温，一只手就能打开。',
  'A vitamin C serum in a frosted glass bottle that brightens skin in two weeks.',
]
const points = [
  '40-hour battery life',
  'Adaptive noise cancelling',
  'Weighs just 190 g',
  'Folds flat into a slim case',
  'Dishwasher safe',
  '12 小时长效保温',
  '单手开盖',
  'Made from recycled aluminium',
  'Two-year warranty',
  'Charges in 15 minutes',
]
const audiences = [
  'commuters and frequent flyers',
  'runners training for a race',
  '上班族和学生',
  'new parents',
  'home cooks who love good coffee',
]
const ctas = ['Shop now', 'Pre-order today', '立即购买', 'Try it free for 30 days', 'Find your colour']

/** A valid brief, different for every seed. */
export function generateBrief(seed: number): Brief {
  const random = testRandom(seed)
  const count = random.int(1, 6)
  const input: BriefInput = {
    productName: random.pick(names),
    description: random.pick(descriptions),
    sellingPoints: Array.from({ length: count }, () => random.pick(points)),
    audience: random.pick(audiences),
    tone: random.pick(toneOptions).value,
    template: random.pick(templateOptions).value,
    aspectRatio: random.pick(aspectRatios),
    lengthSeconds: random.pick(lengthChoices),
    language: random.pick(languages),
    callToAction: random.pick(ctas),
    brandColor:
      random.next() < 0.5
        ? undefined
        : `#${Math.floor(random.next() * 0xffffff)
            .toString(16)
            .padStart(6, '0')}`,
  }
  return briefSchema.parse(input)
}

/** A plain-English brief: every prompt written from it should be pure printable ASCII. */
export const englishBrief: Brief = briefSchema.parse({
  productName: 'Aura X2',
  description:
    'Wireless over-ear headphones with adaptive noise cancelling and a brushed aluminium frame. Designed in Copenhagen.',
  sellingPoints: ['40-hour battery life', 'Adaptive noise cancelling', 'Folds flat into a slim case'],
  audience: 'commuters and frequent flyers',
  tone: 'premium',
  template: 'hero-reveal',
  aspectRatio: '9:16',
  lengthSeconds: 30,
  language: 'en',
  callToAction: 'Pre-order today',
  brandColor: '#1A7F86',
})

export const han = /\p{Script=Han}/u

// Characters of these captions that differ between the scripts: zh-CN must not slip into
// Traditional, nor zh-HK into Simplified (a pasted line from the other list is the usual slip).
export const simplifiedOnly = '们这个为时让细节见点优势开惊艳现选购设质乐无图长变过简单换里爱体验刚间华发还买'
export const traditionalOnly = '們這個為時讓細節見點優勢開驚艷現選購設質樂無圖長變過簡單換裏愛體驗剛間華發還買'
export const scriptSlips = (text: string, chars: string) => [...text].filter((ch) => chars.includes(ch))
