import { z } from '@hono/zod-openapi'
import {
  aspectRatios,
  isMusicChoice,
  type MusicChoice,
  maxBriefPhotos,
  musicChoices,
  musicVolumes,
  photoRoles,
  resolutions,
  shotStatuses,
} from '../../db/states.js'
import { captionFaces } from '../formats/fonts.js'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { failureCodes } from '../render/reasons.js'
import { briefSchema, lengthChoices, presetChoices } from '../screenplay/brief.js'
import { savedScreenplaySchema } from '../screenplay/saved.js'
import { VARIANTS_MAX, VARIANTS_MIN } from '../variants/plan.js'

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

const music = z.custom<MusicChoice>(isMusicChoice, { error: 'Choose a music track from the list' }).openapi({
  type: 'string',
  description:
    'Music under the video (docs/music.md): "auto" picks a track for the tone, "none" keeps a silent track, a built-in track by id (' +
    musicChoices.slice(2).join(', ') +
    "), one of your own tracks as `track:<id>` (GET /api/v1/tracks), or one of the operator's library as `library:<slug>` (listed there too).",
  default: 'auto',
  example: 'track:7d1f0c2e-4b7a-4a57-9c59-2f3f1a0f6b11',
})
const ambientSound = z.boolean().openapi({
  description:
    "The clips' own sound from the video model, mixed under the music (docs/music.md#ambient-sound). Off by default; honoured only when the operator's LibTV model can make sound.",
  default: false,
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
  ambientSound: ambientSound.optional(),
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

// A PATCH clears a colour with null (back to the brand kit's, or the default); left out, it stays.
const clearableColour = (what: string) =>
  z
    .string()
    .regex(/^#[0-9A-Fa-f]{6}$/, { error: `${what} must look like #1A2B3C` })
    .nullable()
    .optional()
    .openapi({ description: `${what}; null clears it, left out it stays.`, example: '#1F6FEB' })

export const BriefPatchSchema = briefFields
  .partial()
  .extend({
    brandColor: clearableColour('Brand colour'),
    accentColor: clearableColour('Accent colour'),
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
    ambientSound,
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
    variantGroupId: id.nullable().openapi({
      description:
        'The set of variants the video was made in (`"variants"` on POST /videos): the videos of one answer share it. null for an ordinary video.',
      example: '3f0c2a9e-8d4b-4c1e-9a57-2b6f1d0e7c44',
    }),
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

/** How many variants one request makes (src/variants/plan.ts): each one video of the month's quota. */
export const VariantsCount = z.number().int().min(VARIANTS_MIN).max(VARIANTS_MAX).openapi({
  description:
    'Make this many variants of the brief instead of one video: each its own template, tone, music and take (a screenplay version each), each counted as one video. The answer is then `{ "data": [ <video>, … ] }`.',
  example: 3,
})

export const VideoCreateSchema = z
  .object({
    screenplayId: id.openapi({
      description: 'The saved screenplay to render; with `variants`, the brief it belongs to.',
    }),
    variants: VariantsCount.optional(),
  })
  .openapi('VideoCreate')

export const VideoVariantsSchema = z
  .object({ data: z.array(VideoSchema).openapi({ description: 'The variants, in the order they were made.' }) })
  .openapi('VideoVariants')

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

const hexColour = z
  .string()
  .regex(/^#[0-9A-Fa-f]{6}$/, { error: 'brand.invalid.colour' satisfies MessageKey })
  .openapi({ example: '#1F6FEB' })

/** The brand kit as GET and PUT answer it (src/brand/). */
export const BrandSchema = z
  .object({
    primaryColor: hexColour
      .nullable()
      .openapi({ description: 'The end card’s button and tint, the caption box’s tint.' }),
    accentColor: hexColour.nullable().openapi({ description: 'Each caption’s key word and the end card’s handle.' }),
    font: z.enum(captionFaces).openapi({
      description:
        'The caption face: Noto Sans CJK, Noto Serif CJK, Inter or League Spartan (Chinese in Noto Sans CJK; docs/fonts.md).',
    }),
    handle: z.string().nullable().openapi({ example: 'halolamp.example' }),
    cornerLogo: z
      .boolean()
      .openapi({ description: 'A small logo in a corner of every shot (Taobao: the last 2 s only).' }),
    logo: z
      .object({
        url: z.string().openapi({ example: '/api/v1/brand/logo' }),
        width: z.number().int(),
        height: z.number().int(),
        bytes: z.number().int(),
      })
      .nullable(),
    updatedAt: iso.nullable(),
  })
  .openapi('Brand')

/** PUT /brand: every setting; a field left out goes back to its default. */
export const BrandPutSchema = z
  .object({
    primaryColor: hexColour.nullable().optional(),
    accentColor: hexColour.nullable().optional(),
    font: z.enum(captionFaces, { error: 'brand.invalid.font' satisfies MessageKey }).optional(),
    handle: z
      .string()
      .max(60, { error: 'brand.invalid.handle' satisfies MessageKey })
      .regex(/^[^\n\r\t\u0000-\u001f\u007f]*$/, { error: 'brand.invalid.handle' satisfies MessageKey })
      .nullable()
      .optional(),
    cornerLogo: z.boolean().optional(),
  })
  .openapi('BrandPut', {
    example: {
      primaryColor: '#1F6FEB',
      accentColor: '#FFB000',
      font: 'sans',
      handle: 'halolamp.example',
      cornerLogo: false,
    },
  })
