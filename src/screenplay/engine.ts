import type { AspectRatio, Brief, Language } from './brief.js'
import { captionFits } from './caption-guide.js'
import { type Category, guessCategory } from './category.js'
import { capLength } from './clean.js'
import { describeColour } from './colour.js'
import { chooseHook } from './hook.js'
import { assignPhotos, type ShotPhoto } from './photos.js'
import { linesFor } from './phrases.js'
import { chooseBeats, chooseDurations, chooseShotCount, type PlannedShot } from './plan.js'
import { createRandom, hashText, type Random } from './random.js'
import { type CameraMove, type Screenplay, type Shot, shotLimits } from './schema.js'
import { fillSlots, type SlotValues } from './slots.js'
import type { Beat, OpeningBeat, ScreenplayTemplate, ShotIdea } from './template.js'
import { type TemplateId, templateById } from './templates/index.js'
import { type Tone, type ToneLook, tones } from './tones.js'
import { type BriefWords, briefWords } from './words.js'

/** The sentence each prompt gives the frame's shape (src/screenplay/reframe.ts swaps it for another format). */
export const frames: Readonly<Record<AspectRatio, string>> = {
  '9:16': 'Vertical 9:16 frame: the product sits in the upper two-thirds, the lower third kept clear for captions.',
  '16:9': 'Widescreen 16:9 frame with generous negative space around the product and a clear lower third for captions.',
  '1:1': 'Square 1:1 frame: the product centred with a comfortable margin and a clear lower band for captions.',
  '3:4': 'Portrait 3:4 frame: the product fills the centre, whole and upright, with a clear lower band for captions.',
  '4:5':
    'Portrait 4:5 frame: the product centred and whole, a little headroom above and a clear lower band for captions.',
}

// Sideways moves waste a tall frame and vertical moves a wide one; these only tilt the odds.
const cameraFit: Readonly<Record<AspectRatio, Partial<Record<CameraMove, number>>>> = {
  '9:16': {
    'pan-left': 0.4,
    'pan-right': 0.4,
    'dolly-left': 0.6,
    'dolly-right': 0.6,
    'tilt-up': 1.5,
    'crane-down': 1.4,
  },
  '16:9': {
    'tilt-up': 0.7,
    'tilt-down': 0.7,
    'pan-left': 1.4,
    'pan-right': 1.4,
    'dolly-left': 1.3,
    'dolly-right': 1.3,
  },
  '1:1': {},
  // Portrait feeds: a little taller than square, so vertical moves are favoured gently.
  '3:4': { 'pan-left': 0.7, 'pan-right': 0.7, 'tilt-up': 1.2, 'crane-down': 1.2 },
  '4:5': { 'pan-left': 0.8, 'pan-right': 0.8, 'tilt-up': 1.1, 'crane-down': 1.1 },
}

/** The look of the whole film: chosen once, so every shot belongs to the same world. */
interface Look {
  values: SlotValues
  tagline: Record<Language, string>
}

function chooseLook(
  tone: ToneLook,
  toneId: Tone,
  category: Category,
  template: ScreenplayTemplate,
  brandColor: string | undefined,
  random: Random,
): Look {
  const brandColour = describeColour(brandColor)
  const palette = random.pick(tone.palette)
  const values: Record<string, string> = {
    motion: random.pick(tone.motion),
    light: random.pick(tone.light),
    palette: brandColour ? `${palette}, plus brand accents in ${brandColour}` : palette,
    surface: random.pick(tone.surface),
    place: random.pick(tone.place),
    mood: random.pick(tone.mood),
    grade: random.pick(tone.grade),
  }
  for (const [slot, choices] of Object.entries(template.vocabulary ?? {})) values[slot] = random.pick(choices)
  // A draw for every language, in a fixed order, so the rest of the film does not depend on the language.
  const tagline = {
    en: random.pick(linesFor(toneId, category, 'en')),
    'zh-CN': random.pick(linesFor(toneId, category, 'zh-CN')),
    'zh-HK': random.pick(linesFor(toneId, category, 'zh-HK')),
  }
  return { values, tagline }
}

/** Tracks what the film has already used, so no phrasing or caption is said twice. */
class Script {
  private readonly usedIdeas = new Map<Beat | OpeningBeat, Set<number>>()
  private readonly usedCaptions = new Set<string>()
  private readonly usedCaptionPatterns = new Map<Beat, Set<string>>()
  private taglineUsed = false
  // The end card shows the name once; one caption may say it too, never more.
  private productNamed = false

  constructor(
    private readonly random: Random,
    private readonly aspectRatio: AspectRatio,
    private readonly language: Language,
  ) {}

  idea(beat: Beat | OpeningBeat, previousCamera: CameraMove | undefined, forced?: number): ShotIdea {
    const used = this.usedIdeas.get(beat) ?? new Set<number>()
    this.usedIdeas.set(beat, used)
    if (used.size >= beat.ideas.length) used.clear()
    const open = beat.ideas.map((_, index) => index).filter((index) => !used.has(index))
    let index = forced !== undefined ? forced % beat.ideas.length : undefined
    if (index === undefined) {
      const fit = this.aspectRatio
      const weights = open.map((candidate) => {
        const camera = beat.ideas[candidate]?.camera
        if (camera === undefined) return 0
        // Two shots in a row with the same move feel like one long shot.
        return (cameraFit[fit][camera] ?? 1) * (camera === previousCamera ? 0.1 : 1)
      })
      index = open[this.random.weightedIndex(weights)] ?? 0
    }
    used.add(index)
    return beat.ideas[index] as ShotIdea
  }

  /** A caption the film writes without a pattern (the hook, a selling point on the last shot). */
  said(text: string): string {
    this.usedCaptions.add(text)
    return text
  }

  /**
   * Picks among the beat's caption patterns. Out of the running: a pattern whose own words push
   * the caption past the guide (a lone slot, the user's words as typed, may be longer), and the
   * product's name once a caption has said it. Then by preference: every slot has words, the text
   * was not shown before, the tone's tagline is not repeated, the pattern is fresh for this beat
   * (so two feature shots in a row do not both open with "亮点："). When nothing is left, the
   * user's words alone: the selling point, else the tagline.
   */
  caption(beat: Beat, values: SlotValues): string {
    const usedPatterns = this.usedCaptionPatterns.get(beat) ?? new Set<string>()
    this.usedCaptionPatterns.set(beat, usedPatterns)
    const options = beat.captions[this.language]
      .filter((pattern) => !(this.productNamed && pattern.includes('{product}')))
      .map((pattern) => ({ pattern, text: tidy(fillSlots(pattern, values)) }))
      .filter(({ pattern, text }) => /^\{\w+\}$/.test(pattern) || captionFits(text, this.language))
      .map((option) => ({
        ...option,
        score:
          (slotsFilled(option.pattern, values) ? 8 : 0) +
          (this.usedCaptions.has(option.text) ? 0 : 4) +
          (this.taglineUsed && option.pattern.includes('{tagline}') ? 0 : 2) +
          (usedPatterns.has(option.pattern) ? 0 : 1),
      }))
    if (options.length === 0) return this.said(values.point || values.tagline || '')
    const best = Math.max(...options.map((option) => option.score))
    const choice = this.random.pick(options.filter((option) => option.score === best))
    usedPatterns.add(choice.pattern)
    this.usedCaptions.add(choice.text)
    if (choice.pattern.includes('{tagline}')) this.taglineUsed = true
    if (choice.pattern.includes('{product}')) this.productNamed = true
    return choice.text
  }
}

function slotsFilled(pattern: string, values: SlotValues): boolean {
  for (const match of pattern.matchAll(/\{(\w+)\}/g)) if (!values[match[1] ?? '']) return false
  return true
}

// "Acme Inc.." and "Shop now!." happen when a user's words end a sentence of their own.
// Filled values are already collapsed, so only an empty slot can leave a double space.
function tidy(text: string): string {
  return text
    .replace(/([.!?。！？…])[.。]/g, '$1')
    .replace(/ {2,}/g, ' ')
    .trim()
}

function composePrompt(
  idea: ShotIdea,
  beat: Beat | OpeningBeat,
  values: SlotValues,
  look: Look,
  aspectRatio: AspectRatio,
  words: BriefWords,
): string {
  const sentences = [tidy(fillSlots(idea.prompt, values))]
  if (!beat.ownLook) {
    sentences.push(`Palette of ${look.values.palette}; ${look.values.grade}. Mood: ${look.values.mood}.`)
  }
  sentences.push(frames[aspectRatio])
  // A "before" shot shows life without the product, so it cannot promise to keep it on screen.
  sentences.push(
    beat.ownLook
      ? 'Muted, desaturated colour throughout, so the change that follows is unmistakable.'
      : `Keep the ${words.prompt.product} exactly as in the reference photo: shape, colour, materials and branding.`,
  )
  if (words.prompt.summary) sentences.push(`Product notes: ${words.prompt.summary}.`)
  sentences.push('No on-screen text, subtitles or watermarks.')
  return fitPrompt(sentences.join(' '))
}

// The inputs are capped well below this, but the limit is LibTV's, so it is enforced here too.
function fitPrompt(prompt: string): string {
  if (prompt.length <= shotLimits.prompt) return prompt
  const cut = prompt.slice(0, shotLimits.prompt)
  const lastStop = cut.lastIndexOf('. ')
  return lastStop > shotLimits.prompt / 2 ? cut.slice(0, lastStop + 1) : cut.trimEnd()
}

/**
 * The seed text: the fields that decide a screenplay, in a fixed order, so neither extra fields
 * on the object (a database row's owner) nor the order its keys were set in can change the output.
 */
function seedText(brief: Brief, templateId: string): string {
  return JSON.stringify([
    brief.productName,
    brief.description,
    brief.sellingPoints,
    brief.audience,
    brief.tone,
    brief.aspectRatio,
    brief.lengthSeconds,
    brief.language,
    brief.callToAction,
    brief.brandColor ?? null,
    templateId,
  ])
}

/**
 * Writes the screenplay for a brief: a pure function of (brief, variation, template, photos), so
 * the same inputs give byte-identical output. The template defaults to the brief's own. With the
 * brief's photos, each shot names the photo it animates (assignPhotos).
 */
export function writeScreenplay(
  brief: Brief,
  variation: number,
  templateId: TemplateId = brief.template,
  photos: readonly ShotPhoto[] = [],
): Screenplay {
  if (!Number.isSafeInteger(variation) || variation < 0) throw new RangeError('variation must be a whole number ≥ 0')
  const template = templateById(templateId)
  if (!template) throw new RangeError(`Unknown template: ${String(templateId)}`)
  const tone = tones[brief.tone]
  if (!tone) throw new RangeError(`Unknown tone: ${String(brief.tone)}`)

  const key = seedText(brief, template.id)
  const random = createRandom(`${key}#${variation}`)
  // Consecutive variations always open on a different shot, so "try another" visibly changes.
  const openingIdea = (hashText(key) + variation) % template.opening.ideas.length

  const words = briefWords(brief)
  const category = guessCategory(brief)
  const look = chooseLook(tone, brief.tone, category, template, brief.brandColor, random)
  const hook = chooseHook({
    language: brief.language,
    category,
    points: words.caption.points,
    audience: words.caption.audience,
    preference: template.hook,
    variation,
    random,
  })
  // Every selling point the hook did not already show gets a shot, as far as the length allows;
  // one more than the middle holds is said on the last shot instead of the tone's line.
  const pointsToShow = words.prompt.points.map((_, index) => index).filter((index) => index !== hook.pointIndex)
  const shotCount = chooseShotCount(brief.lengthSeconds, tone.pace, pointsToShow.length, random)
  const plan: PlannedShot[] = [
    { beat: template.opening },
    ...chooseBeats(template, shotCount, pointsToShow, random),
    { beat: template.close },
  ]
  const shown = new Set(plan.flatMap(({ pointIndex }) => (pointIndex === undefined ? [] : [pointIndex])))
  const lastPoint = pointsToShow.find((index) => !shown.has(index))
  const durations = chooseDurations(plan, brief.lengthSeconds, random)
  const script = new Script(random, brief.aspectRatio, brief.language)
  const tagline = look.tagline[brief.language]

  let previousCamera: CameraMove | undefined
  const shots = plan.map(({ beat, pointIndex }, position): Shot => {
    const idea = script.idea(beat, previousCamera, position === 0 ? openingIdea : undefined)
    previousCamera = idea.camera
    const isLast = position === plan.length - 1
    const promptPoint = pointIndex ?? (position === 0 ? hook.pointIndex : isLast ? lastPoint : undefined)
    const promptValues: SlotValues = {
      ...look.values,
      product: words.prompt.product,
      audience: words.prompt.audience,
      point: words.prompt.points[promptPoint ?? 0] ?? 'its signature detail',
    }
    const captionValues: SlotValues = {
      product: words.caption.product,
      audience: words.caption.audience,
      // A selling point typed as nothing but markup leaves no words; the tagline stands in.
      point: words.caption.points[pointIndex ?? 0] || tagline,
      tagline,
    }
    let caption: string
    if (!('captions' in beat)) caption = script.said(hook.caption || tagline)
    else if (isLast && lastPoint !== undefined) caption = script.said(words.caption.points[lastPoint] || tagline)
    else caption = script.caption(beat, captionValues)
    return {
      index: position + 1,
      beat: beat.kind,
      durationSeconds: durations[position] ?? 5,
      camera: idea.camera,
      prompt: composePrompt(idea, beat, promptValues, look, brief.aspectRatio, words),
      caption: capLength(caption, shotLimits.caption),
      transition: position === 0 ? tone.firstTransition : (beat.transition ?? random.pick(tone.transitions)),
    }
  })

  return {
    template: template.id as TemplateId,
    variation,
    aspectRatio: brief.aspectRatio,
    language: brief.language,
    lengthSeconds: brief.lengthSeconds,
    shots: assignPhotos(shots, photos),
  }
}
