// Prints the captions the engine writes for a brief, for every template × tone, so a person can
// read them as a seller would (issue 22). Usage: npx tsx scripts/captions.ts [en|zh-CN|zh-HK] [15|30]
import { type Brief, briefSchema, type Language, templateOptions, toneOptions } from '../src/screenplay/brief.js'
import { captionLength, captionLimit } from '../src/screenplay/caption-guide.js'
import { guessCategory } from '../src/screenplay/category.js'
import { writeScreenplay } from '../src/screenplay/engine.js'

const lamp = {
  en: {
    productName: 'Halo Desk Lamp',
    description: 'A dimmable LED desk lamp with a warm-to-cool slider and a weighted oak base.',
    sellingPoints: [
      'Flicker-free light that is easy on the eyes',
      'Warm to cool white in one slider',
      'USB-C phone charging in the base',
      'Weighted oak base that never tips',
    ],
    audience: 'people who work late at home',
    callToAction: 'Shop now at halolamp.example',
  },
  'zh-CN': {
    productName: 'Halo 台灯',
    description: '可调光 LED 台灯，冷暖色温一键滑动调节，橡木配重底座。',
    sellingPoints: ['无频闪，护眼不累', '冷暖白光一键切换', '底座 USB-C 手机充电', '橡木配重，稳固不倒'],
    audience: '在家加班到深夜的人',
    callToAction: '立即到 halolamp.example 选购',
  },
  'zh-HK': {
    productName: 'Halo 枱燈',
    description: '可調光 LED 枱燈，冷暖色溫一鍵滑動調節，橡木配重底座。',
    sellingPoints: ['無頻閃，護眼不累', '冷暖白光一鍵切換', '底座 USB-C 手機充電', '橡木配重，穩固不倒'],
    audience: '在家加班到深夜的人',
    callToAction: '立即到 halolamp.example 選購',
  },
}

export function lampBrief(language: Language, lengthSeconds: 15 | 30, aspectRatio: '9:16' | '1:1'): Brief {
  return briefSchema.parse({
    ...lamp[language],
    tone: 'premium',
    template: 'hero-reveal',
    aspectRatio,
    lengthSeconds,
    language,
  })
}

const language = (process.argv[2] ?? 'en') as Language
const takes = process.argv[3] ? [Number(process.argv[3]) as 15 | 30] : ([30, 15] as const)
for (const length of takes) {
  const base = lampBrief(language, length, length === 30 ? '9:16' : '1:1')
  console.log(
    `\n=== ${base.productName}, ${length} s ${base.aspectRatio}, ${language}, category ${guessCategory(base)}`,
  )
  console.log(`    end card: ${base.productName} · ${base.callToAction}`)
  for (const { value: template } of templateOptions) {
    for (const { value: tone } of toneOptions) {
      const screenplay = writeScreenplay({ ...base, template, tone }, 0)
      const captions = screenplay.shots.map((shot) => {
        const over = captionLength(shot.caption, language) > captionLimit(language) ? ' [over]' : ''
        return `${shot.caption}${over}`
      })
      console.log(`${template.padEnd(13)} ${tone.padEnd(9)} ${captions.join('  |  ')}`)
    }
  }
}
