import { z } from 'zod'
import { aspectRatios, languages, lengthChoices } from './brief.js'
import { templateIds } from './templates/index.js'

// Named moves the render step and the pages understand; each prompt describes its move in words too.
export const cameraMoves = [
  'push-in',
  'pull-out',
  'pan-left',
  'pan-right',
  'tilt-up',
  'tilt-down',
  'orbit',
  'crane-up',
  'crane-down',
  'dolly-left',
  'dolly-right',
  'tracking',
  'top-down',
  'macro-slide',
  'handheld',
  'static',
] as const
export type CameraMove = (typeof cameraMoves)[number]

/** How a shot enters: from the previous shot, or from black for the first one. */
export const transitions = ['cut', 'fade', 'dissolve', 'slide', 'wipe', 'zoom', 'whip'] as const
export type Transition = (typeof transitions)[number]

export const beatKinds = [
  'opening',
  'reveal',
  'feature',
  'detail',
  'lifestyle',
  'unboxing',
  'before',
  'after',
  'overview',
  'close',
] as const
export type BeatKind = (typeof beatKinds)[number]

export const shotLimits = { minShots: 3, maxShots: 8, prompt: 2000, caption: 160 } as const

export const shotSchema = z.object({
  index: z.number().int().min(1).max(shotLimits.maxShots),
  beat: z.enum(beatKinds),
  durationSeconds: z.literal([5, 10]),
  camera: z.enum(cameraMoves),
  prompt: z.string().trim().min(1).max(shotLimits.prompt),
  caption: z.string().max(shotLimits.caption),
  transition: z.enum(transitions),
  /** Which of the brief's photos LibTV animates for this shot (src/screenplay/photos.ts); absent: the main photo. */
  imageId: z.uuid().optional(),
})
export type Shot = z.output<typeof shotSchema>

/**
 * Shots are numbered 1, 2, 3… in order and their durations add up to the screenplay's length.
 * Shared by the engine's schema and the saved (edited) screenplay's.
 */
export function checkShotsAddUp(
  screenplay: { lengthSeconds: number; shots: readonly { index: number; durationSeconds: number }[] },
  ctx: z.RefinementCtx,
): void {
  const total = screenplay.shots.reduce((sum, shot) => sum + shot.durationSeconds, 0)
  if (total !== screenplay.lengthSeconds) {
    ctx.addIssue({
      code: 'custom',
      path: ['shots'],
      message: `Shot durations add up to ${total} s, not ${screenplay.lengthSeconds} s`,
    })
  }
  screenplay.shots.forEach((shot, position) => {
    if (shot.index !== position + 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['shots', position, 'index'],
        message: 'Shots are numbered 1, 2, 3… in order',
      })
    }
  })
}

export const screenplaySchema = z
  .object({
    template: z.enum(templateIds),
    variation: z.number().int().min(0),
    aspectRatio: z.enum(aspectRatios),
    language: z.enum(languages),
    lengthSeconds: z.literal(lengthChoices),
    shots: z.array(shotSchema).min(shotLimits.minShots).max(shotLimits.maxShots),
  })
  .superRefine(checkShotsAddUp)
export type Screenplay = z.output<typeof screenplaySchema>
