import { z } from '@hono/zod-openapi'
import {
  aspectRatios,
  maxBriefPhotos,
  musicChoices,
  musicVolumes,
  photoRoles,
  resolutions,
  shotStatuses,
} from '../../db/states.js'
import { failureCodes } from '../render/reasons.js'
import { briefSchema, lengthChoices, presetChoices } from '../screenplay/brief.js'
import { savedScreenplaySchema } from '../screenplay/saved.js'

// The JSON the API speaks. Request schemas reuse the rules the pages validate with (briefSchema,
// savedScreenplaySchema), so no rule is written twice; response schemas describe what we send.

const iso = z.iso.datetime().openapi({ example: '2026-12-01T09:30:00.000Z' })
const id = z.uuid().openapi({ example: '0b6e2f0e-5d1b-4a57-9a8f-2d3c4b5a6f70' })

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: '/docs/api#problem-validation' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })),
  })
  .catchall(z.unknown())
  .openapi('Problem')

export const PlanSchema = z
  .object({ id: z.enum(['free', 'creator', 'studio']), name: z.string(), monthlyVideos: z.number().int() })
  .openapi('Plan')

export const MeSchema = z
  .object({
    id,
    email: z.email(),
    createdAt: iso,
    plan: PlanSchema,
    usage: z.object({
      videosThisMonth: z.number().int(),
      monthlyQuota: z.number().int(),
      videosLeft: z.number().int(),
      resetsAt: iso,
    }),
    apiKeyPrefix: z.string().nullable(),
  })
  .openapi('Me')

export const UsageRecordSchema = z
  .object({
    videoId: z.string(),
    shots: z.number().int(),
    seconds: z.number().int(),
    model: z.string(),
    createdAt: iso,
    voided: z.boolean(),
    voidedAt: iso.nullable(),
  })
  .openapi('UsageRecord')

export const UsageSchema = z
  .object({
    month: z.string().openapi({ example: '2026-12' }),
    videosCounted: z.number().int(),
    data: z.array(UsageRecordSchema),
  })
  .openapi('Usage')

export const ImageSchema = z
  .object({ id, width: z.number().int(), height: z.number().int(), bytes: z.number().int(), createdAt: iso })
  .openapi('Image')

const music = z.enum(musicChoices).openapi({
  description:
    'Music under the video (docs/music.md): "auto" picks a track for the tone, "none" keeps a silent track, or a built-in track by id.',
  default: 'auto',
})
const musicVolume = z.enum(musicVolumes).openapi({
  description: '"normal": −14 LUFS integrated, as the platforms play; "quiet": −20 LUFS, for a voice-over added later.',
  default: 'normal',
})

const briefFields = briefSchema.extend({
  // Forms send the length as text; JSON sends a number. The rule is the same list.
  lengthSeconds: z.literal(lengthChoices).openapi({ type: 'integer', enum: [...lengthChoices] }),
  // Optional in what is sent, with no default here: a PATCH that leaves them out keeps them, and
  // briefSchema gives a new brief the defaults.
  music: music.optional(),
  musicVolume: musicVolume.optional(),
})

export const BriefPhotoSchema = z
  .object({
    imageId: id,
    role: z.enum(photoRoles).optional().openapi({
      description: 'What the photo shows; by position when left out: 1st main, 2nd detail, 3rd in-use, then other.',
    }),
  })
  .openapi('BriefPhoto')

const photos = z
  .array(BriefPhotoSchema)
  .min(1)
  .max(maxBriefPhotos)
  .openapi({
    description: `The brief's photos (uploaded with POST /images), 1 to ${maxBriefPhotos}, in the order the video should prefer them. The screenplay gives the hero and end shots the main photo, a detail beat the detail photo, a lifestyle beat the in-use photo.`,
    example: [
      { imageId: '0b6e2f0e-5d1b-4a57-9a8f-2d3c4b5a6f70', role: 'main' },
      { imageId: '5f0c1d7a-3b2e-4c9d-8e1f-6a7b8c9d0e1f', role: 'detail' },
      { imageId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', role: 'in-use' },
    ],
  })
const legacyImageId = id.optional().openapi({
  description: 'Older clients: one photo, the same as `photos: [{ imageId, role: "main" }]`. Send `photos` instead.',
})

/** A new brief: the form's fields; tone, template, aspect ratio, length and language may be left out. */
export const BriefCreateSchema = briefFields
  .partial({ tone: true, template: true, aspectRatio: true, lengthSeconds: true, language: true })
  .extend({ photos: photos.optional(), imageId: legacyImageId })
  .openapi('BriefCreate')

export const BriefPatchSchema = briefFields
  .partial()
  .extend({
    photos: photos.optional().openapi({ description: 'The whole new list of photos; left out, the photos stay.' }),
    imageId: legacyImageId,
  })
  .openapi('BriefPatch')

export const BriefSchema = briefFields
  .extend({
    id,
    imageId: id.nullable().openapi({ description: 'The main photo (also in `photos`), for older clients.' }),
    photos: z.array(BriefPhotoSchema.required()),
    brandColor: z.string().optional(),
    resolution: z.enum(resolutions),
    preset: z.enum(presetChoices).openapi({
      description: 'The platform the video is for (docs/formats.md), or `custom`: briefs without one read so.',
    }),
    music,
    musicVolume,
    createdAt: iso,
    updatedAt: iso,
  })
  .openapi('Brief')

const SavedShotSchema = z
  .object({
    ...savedScreenplaySchema.shape.shots.element.shape,
    durationSeconds: z.union([z.literal(5), z.literal(10)]),
  })
  .openapi('Shot')

export const ScreenplaySchema = z
  .object({
    id,
    briefId: id,
    version: z.number().int(),
    createdAt: iso,
    template: z.string(),
    take: z.number().int(),
    aspectRatio: z.enum(aspectRatios),
    language: z.string(),
    lengthSeconds: z.number().int(),
    shots: z.array(SavedShotSchema),
  })
  .openapi('Screenplay')

export const apiVideoStatuses = ['queued', 'rendering', 'stitching', 'succeeded', 'failed', 'canceled'] as const
export const apiShotStatuses = shotStatuses.map((s) => (s === 'done' ? 'succeeded' : s)) as [string, ...string[]]

export const VideoSchema = z
  .object({
    id,
    status: z.enum(apiVideoStatuses),
    failureReason: z.string().nullable().openapi({ description: 'Why it failed, in English; null unless failed.' }),
    failureCode: z.enum(failureCodes).nullable().openapi({
      description:
        'Why it failed, as a stable code a program can act on (shot_failed: a shot failed, see the shots; gave_up: our side, render again later); null unless failed or the reason is one without a code.',
    }),
    aspectRatio: z.enum(aspectRatios),
    resolution: z.enum(resolutions).openapi({
      description: "The video's size class, taken from its brief when the render started.",
    }),
    lengthSeconds: z.number().int(),
    briefId: id,
    screenplayId: id,
    shots: z.array(
      z.object({
        position: z.number().int(),
        status: z.enum(apiShotStatuses),
        percent: z.number().int(),
        caption: z.string(),
      }),
    ),
    fileUrl: z.string().nullable(),
    posterUrl: z.string().nullable(),
    createdAt: iso,
    finishedAt: iso.nullable(),
  })
  .openapi('Video')

export const VideoCreateSchema = z.object({ screenplayId: id }).openapi('VideoCreate')

/** Lists: one page of `data`, and the cursor for the next page (null on the last). */
export function listOf<T extends z.ZodType>(item: T, name: string) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() }).openapi(name)
}

export const ListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(20)
    .openapi({ param: { name: 'limit', in: 'query' } }),
  cursor: z
    .string()
    .max(200)
    .optional()
    .openapi({ param: { name: 'cursor', in: 'query' }, description: 'nextCursor of the previous page' }),
})

export const IdParam = z.object({ id: id.openapi({ param: { name: 'id', in: 'path' } }) })
