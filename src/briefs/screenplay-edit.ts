import { z } from 'zod'
import type { Said } from '../i18n/said.js'
import { aspectRatios, languages } from '../screenplay/brief.js'
import { cleanEditedShots } from '../screenplay/edited.js'
import type { SavedScreenplay } from '../screenplay/saved.js'
import { beatKinds, cameraMoves, type Shot, shotLimits, transitions } from '../screenplay/schema.js'
import { templateIds } from '../screenplay/templates/index.js'

// Repeated form fields arrive as a string when there is one and an array when there are more.
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(shotLimits.maxShots))

/** The screenplay editor's form: one entry per shot in each list, in display order. */
export const screenplayEditForm = z.object({
  template: z.enum(templateIds),
  variation: z.coerce.number().int().min(0).max(1_000_000),
  aspectRatio: z.enum(aspectRatios),
  language: z.enum(languages),
  prompt: list(z.string().max(20_000)),
  caption: list(z.string().max(2_000)),
  duration: list(z.enum(['5', '10'])),
  camera: list(z.enum(cameraMoves)),
  beat: list(z.enum(beatKinds)),
  transition: list(z.enum(transitions)),
  /** Each shot's photo (the storyboard's picker); checked against the brief's photos by the route. */
  photo: list(z.union([z.uuid(), z.literal('')])),
  /** The saved version the editor was opened from (Render renders it as is when nothing changed). */
  basedOn: z.uuid().optional(),
  /** When the screenplay on the page was written: a brief changed after it may no longer match (drafts.ts). */
  writtenAt: z.coerce.number().int().min(0).max(8_640_000_000_000_000).optional(),
  intent: z
    .string()
    .regex(/^(save|(up|down|drop|at):\d{1,2})$/)
    .default('save'),
})
export type ScreenplayEditForm = z.output<typeof screenplayEditForm>

/** Errors as message keys: the page says them in its language (renderPage). */
export type EditResult = { screenplay: SavedScreenplay; errors: Record<string, Said> }

/**
 * Rebuilds the edited screenplay from the form, cleaning prompts exactly as the engine cleans
 * user text (no markup, control characters or identifiers reach LibTV), then applies a move or
 * drop ("at:N" only says where a dragged shot landed: the list came in its new order). Per-shot problems come back keyed "prompt-3", "caption-1"…
 */
export function applyScreenplayEdit(form: ScreenplayEditForm): EditResult {
  const count = form.prompt.length
  const errors: Record<string, Said> = {}
  if ([form.caption, form.duration, form.camera, form.beat, form.transition].some((l) => l.length !== count)) {
    errors.form = { key: 'briefs.screenplay.formIncomplete' }
  } else if (count < shotLimits.minShots || count > shotLimits.maxShots) {
    errors.form = { key: 'briefs.screenplay.shotCount', values: { min: shotLimits.minShots, max: shotLimits.maxShots } }
  }
  const cleaned = cleanEditedShots(
    form.prompt.map((prompt, i) => ({
      prompt,
      caption: form.caption[i] ?? '',
      durationSeconds: form.duration[i] === '10' ? 10 : 5,
      camera: form.camera[i] ?? 'static',
      beat: form.beat[i] ?? 'feature',
      transition: form.transition[i] ?? 'cut',
      imageId: form.photo[i] || undefined,
    })),
  )
  for (const { position, field, said } of cleaned.problems) errors[`${field}-${position}`] ??= said
  let shots: Shot[] = cleaned.shots

  const [action, at] = form.intent.split(':') as [string, string | undefined]
  const position = Number(at) - 1
  if (action !== 'save' && position >= 0 && position < shots.length) {
    if (action === 'drop') {
      if (shots.length <= shotLimits.minShots)
        errors.form = { key: 'briefs.screenplay.cannotDrop', values: { min: shotLimits.minShots } }
      else shots = shots.filter((_, i) => i !== position)
    } else if (action === 'up' || action === 'down') {
      const target = action === 'up' ? position - 1 : position + 1
      if (target >= 0 && target < shots.length) [shots[position], shots[target]] = [shots[target]!, shots[position]!]
    }
  }
  shots = shots.map((shot, i) => ({ ...shot, index: i + 1 }))
  const lengthSeconds = shots.reduce((sum, shot) => sum + shot.durationSeconds, 0)
  return {
    screenplay: {
      template: form.template,
      variation: form.variation,
      aspectRatio: form.aspectRatio,
      language: form.language,
      lengthSeconds,
      shots,
    },
    errors,
  }
}
