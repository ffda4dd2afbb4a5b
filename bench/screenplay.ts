// How many screenplays per second the engine writes, over a varied set of briefs.
// Run: npx tsx bench/screenplay.ts   (also part of `npm run bench`)
import { performance } from 'node:perf_hooks'
import {
  aspectRatios,
  type Brief,
  briefSchema,
  languages,
  lengthChoices,
  templateOptions,
  toneOptions,
} from '../src/screenplay/brief.js'
import { writeScreenplay } from '../src/screenplay/engine.js'

const products = [
  ['Aura X2', 'Wireless over-ear headphones with adaptive noise cancelling. Designed in Copenhagen.'],
  ['Bolt Runner', 'A featherweight running shoe with a carbon plate and a breathable knit upper.'],
  ['云朵保温杯', '316 不锈钢双层真空保温杯，12 小时保温，一只手就能打开。'],
  ['Velvet Serum', 'A vitamin C serum in a frosted glass bottle that brightens skin in two weeks.'],
] as const
const points = [
  '40-hour battery life',
  'Weighs just 190 g',
  '单手开盖',
  'Dishwasher safe',
  'Charges in 15 minutes',
  'Two-year warranty',
]

// Every template, tone, frame, language and length, with 1–6 selling points and some brand colours.
const briefs: Brief[] = []
let n = 0
for (const template of templateOptions)
  for (const tone of toneOptions)
    for (const aspectRatio of aspectRatios)
      for (const language of languages)
        for (const lengthSeconds of lengthChoices) {
          const [productName, description] = products[n % products.length] ?? products[0]
          briefs.push(
            briefSchema.parse({
              productName,
              description,
              sellingPoints: points.slice(0, 1 + (n % points.length)),
              audience: 'commuters and frequent flyers',
              tone: tone.value,
              template: template.value,
              aspectRatio,
              lengthSeconds,
              language,
              callToAction: language === 'en' ? 'Shop now' : '立即购买',
              brandColor: n % 3 === 0 ? '#1A7F86' : undefined,
            }),
          )
          n++
        }

function run(rounds: number): number {
  let shots = 0
  for (let round = 0; round < rounds; round++) {
    for (const brief of briefs) shots += writeScreenplay(brief, round).shots.length
  }
  return shots
}

run(3) // warm-up: let the JIT settle before timing
const rounds = 20
const started = performance.now()
run(rounds)
const seconds = (performance.now() - started) / 1000
const written = rounds * briefs.length
const perSecond = Math.round(written / seconds)

console.log(
  `screenplay: ${perSecond.toLocaleString('en-US')} screenplays/s (${written} screenplays from ${briefs.length} briefs in ${seconds.toFixed(2)} s)`,
)
console.log(
  JSON.stringify({
    bench: 'screenplay',
    perSecond,
    screenplays: written,
    briefs: briefs.length,
    seconds: Number(seconds.toFixed(3)),
  }),
)
