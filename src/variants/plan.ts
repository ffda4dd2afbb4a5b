import type { MusicChoice } from '../../db/states.js'
import { partStartMs } from '../music/sections.js'
import { type TrackId, tracksOf } from '../music/tracks.js'
import type { Brief } from '../screenplay/brief.js'
import { hashText } from '../screenplay/random.js'
import { type TemplateId, templateIds } from '../screenplay/templates/index.js'
import { type Tone, toneIds, tones } from '../screenplay/tones.js'

/** How many variants one request makes: "Make 3 variants" on the page, 2–4 through the API. */
export const VARIANTS_MIN = 2
export const VARIANTS_MAX = 4
export const VARIANTS_ON_PAGE = 3

/** One variant: the screenplay it is written with (template, tone, take) and the music it plays. */
export type VariantPlan = {
  template: TemplateId
  tone: Tone
  /** The take (the screenplay engine's variation): a new set of variants of a brief gets new takes. */
  variation: number
  /** A built-in track chosen for the variant; null keeps the brief's own choice (a named track, or none). */
  music: TrackId | null
  /**
   * Where the variant plays the brief's recorded track from (ms), when its length is known now;
   * null for the others (a library track's part is planned when it is first played, src/music).
   */
  musicStartMs: number | null
}

/** What a variant's video lasts beyond its screenplay: the end card (2.5 s unless a platform shortens it). */
export const END_CARD_MS = 2500

/** A recorded track the brief names and how long it is, against the video's length (both ms). */
export type NamedTrackLength = { trackMs: number; videoMs: number }

// What a person sees of a tone: how fast it cuts (its pace), how light its picture is, how warm.
// Variants are told apart by these, so the set spans dark and light, slow and fast.
const toneLooks: Readonly<Record<Tone, readonly [light: number, warmth: number]>> = {
  premium: [0.1, 0.5], // deep charcoal and gold
  playful: [0.9, 0.6], // candy colours, high key
  energetic: [0.2, 0.2], // neon on black
  minimal: [1, 0.1], // white and grey
  warm: [0.6, 1], // golden light
}
const toneTraits = (tone: Tone) => [tones[tone].pace, ...toneLooks[tone]]

// Where a template films and whose story it tells: [people and places (0 studio … 1 everyday
// life), story (0 the object alone … 1 a change over time), closeness (0 whole … 1 details)].
const templateTraits: Readonly<Record<TemplateId, readonly number[]>> = {
  'hero-reveal': [0, 0, 0.3],
  'feature-tour': [0.1, 0.2, 1],
  lifestyle: [1, 0.4, 0.2],
  unboxing: [0.4, 0.6, 0.7],
  'before-after': [0.8, 1, 0.4],
}

const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(...a.map((value, i) => value - (b[i] ?? 0)))

/**
 * The first `count` of `ids`, starting with `first`, each next one the farthest from all chosen so
 * far (ties go to the catalog's order): deterministic, and as different as the catalog allows.
 */
function spread<T extends string>(ids: readonly T[], first: T, count: number, traits: (id: T) => readonly number[]) {
  const chosen: T[] = [first]
  while (chosen.length < Math.min(count, ids.length)) {
    let best: T | undefined
    let bestGap = -1
    for (const id of ids) {
      if (chosen.includes(id)) continue
      const gap = Math.min(...chosen.map((c) => distance(traits(id), traits(c))))
      if (gap > bestGap) {
        best = id
        bestGap = gap
      }
    }
    chosen.push(best as T)
  }
  return chosen
}

/**
 * The variants of a brief: the first is the brief's own template and tone, the others the most
 * different templates and tones. Music: a track of each variant's own mood when the brief leaves
 * it to us ("auto"), so the three sound different too; a track the brief names (or "none") is kept
 * for all, and a recorded one of known length is played from another part by each (`named`:
 * variant 1 from the start, the others spread over it; src/music/sections.ts). `round` counts the
 * sets already made of this brief, so asking again gives new takes.
 */
export function planVariants(
  brief: Pick<Brief, 'template' | 'tone' | 'music'>,
  count: number,
  round = 0,
  named: NamedTrackLength | null = null,
) {
  const templates = spread(templateIds, brief.template, count, (id) => templateTraits[id])
  const moods = spread(toneIds, brief.tone, count, toneTraits)
  return templates.map((template, i): VariantPlan => {
    const tone = moods[i] as Tone
    return {
      template,
      tone,
      variation: round,
      music: brief.music === 'auto' ? trackFor(tone, round) : null,
      musicStartMs: named ? partStartMs(i, templates.length, named.trackMs, named.videoMs) : null,
    }
  })
}

/** One of the tone's tracks, the next one each round. */
function trackFor(tone: Tone, round: number): TrackId {
  const choices = tracksOf(tone)
  return choices[(hashText(tone) + round) % choices.length] as TrackId
}

/** Whether the brief's own music choice holds for every variant (it names a track, or none). */
export function keepsBriefMusic(music: MusicChoice | string): boolean {
  return music !== 'auto'
}
