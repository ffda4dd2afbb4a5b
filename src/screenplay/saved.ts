import { z } from 'zod'
import { aspectRatios, languages } from './brief.js'
import { checkShotsAddUp, shotLimits, shotSchema } from './schema.js'
import { templateIds } from './templates/index.js'

/**
 * A screenplay as saved after editing. Like the engine's, except that dropping or re-timing
 * shots may change the total length, so the length is whatever the shots add up to.
 */
export const savedScreenplaySchema = z
  .object({
    template: z.enum(templateIds),
    variation: z.number().int().min(0),
    aspectRatio: z.enum(aspectRatios),
    language: z.enum(languages),
    lengthSeconds: z.number().int().min(15).max(80),
    shots: z
      .array(shotSchema)
      .min(shotLimits.minShots, `A screenplay needs at least ${shotLimits.minShots} shots.`)
      .max(shotLimits.maxShots, `A screenplay has at most ${shotLimits.maxShots} shots.`),
  })
  .superRefine(checkShotsAddUp)
export type SavedScreenplay = z.output<typeof savedScreenplaySchema>
