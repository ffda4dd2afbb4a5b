import type { Random } from './random.js'
import { shotLimits } from './schema.js'
import type { Beat, OpeningBeat, ScreenplayTemplate } from './template.js'

export interface PlannedShot {
  beat: Beat | OpeningBeat
  /** Which selling point a per-point beat is about. */
  pointIndex?: number
}

/** Shot counts a length allows: every shot is 5 or 10 s, and a screenplay has 3–8 shots. */
export function shotCountRange(lengthSeconds: number): { min: number; max: number } {
  const min = Math.max(shotLimits.minShots, Math.ceil(lengthSeconds / 10))
  const max = Math.min(shotLimits.maxShots, Math.floor(lengthSeconds / 5))
  if (lengthSeconds % 5 !== 0 || min > max) {
    throw new RangeError(
      `${lengthSeconds} s cannot be cut into ${shotLimits.minShots}–${shotLimits.maxShots} shots of 5 or 10 s`,
    )
  }
  return { min, max }
}

/**
 * Calm tones hold longer shots and fast tones cut more often; the variation nudges by about one
 * shot. Selling points come first: the film has a shot for each point still to show (between the
 * opening and the close) whenever the length allows that many.
 */
export function chooseShotCount(lengthSeconds: number, pace: number, pointsToShow: number, random: Random): number {
  const { min, max } = shotCountRange(lengthSeconds)
  const target = min + pace * (max - min) + (random.next() - 0.5) * 1.2
  const needed = pointsToShow + 2
  return Math.min(max, Math.max(min, needed, Math.round(target)))
}

interface Candidate extends PlannedShot {
  order: number
  score: number
}

// Far above any beat's priority: a selling point's shot is never traded for a mood shot.
const POINT_FIRST = 1000

/**
 * Picks the middle of the story: one per-point beat for each selling point still to show (in the
 * brief's order), then the beats with the highest priority (a small seeded jitter lets near-equal
 * beats trade places between variations), all put back in story order.
 */
export function chooseBeats(
  template: ScreenplayTemplate,
  shotCount: number,
  pointIndices: readonly number[],
  random: Random,
): PlannedShot[] {
  const slots = shotCount - 2
  if (template.middle.length === 0) throw new Error(`Template ${template.id} has no middle beats`)
  const jitter = template.middle.map(() => random.next() * 0.9)
  const pointBeat = template.middle.find((beat) => beat.perSellingPoint)

  const candidates: Candidate[] = []
  // Later rounds repeat beats (with other phrasings) only when a long film outruns the template.
  for (let round = 0; candidates.length < slots + pointIndices.length; round++) {
    template.middle.forEach((beat, beatIndex) => {
      const base = beat.priority + (jitter[beatIndex] ?? 0) - round * 100
      if (beat === pointBeat && round === 0) {
        pointIndices.forEach((pointIndex, rank) => {
          candidates.push({ beat, pointIndex, order: candidates.length, score: POINT_FIRST - rank })
        })
      } else if (!beat.perSellingPoint) {
        candidates.push({ beat, order: candidates.length, score: base })
      }
    })
  }

  return candidates
    .slice()
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, slots)
    .sort((a, b) => a.order - b.order)
    .map(({ beat, pointIndex }) => (pointIndex === undefined ? { beat } : { beat, pointIndex }))
}

/** Which shots run 10 s: exactly as many as the length needs, preferring beats that gain from a hold. */
export function chooseDurations(plan: readonly PlannedShot[], lengthSeconds: number, random: Random): Array<5 | 10> {
  const longShots = lengthSeconds / 5 - plan.length
  if (!Number.isInteger(longShots) || longShots < 0 || longShots > plan.length) {
    throw new RangeError(`${plan.length} shots cannot add up to ${lengthSeconds} s`)
  }
  const durations: Array<5 | 10> = plan.map(() => 5)
  const weights = plan.map((planned) => planned.beat.hold + 0.25)
  for (let chosen = 0; chosen < longShots; chosen++) {
    const index = random.weightedIndex(weights)
    durations[index] = 10
    weights[index] = 0
  }
  return durations
}
