import { z } from 'zod'
import { templateIds, templateOptions } from './templates/index.js'
import { toneIds, toneOptions } from './tones.js'

export { templateOptions, toneOptions }

import {
  type AspectRatio,
  aspectRatios,
  isMusicChoice,
  type MusicChoice,
  musicChoices,
  musicVolumes,
  type Resolution,
  resolutions,
} from '../../db/states.js'

export { type AspectRatio, aspectRatios, musicChoices, musicVolumes, type Resolution, resolutions }

import { type PresetChoice, presetChoices, presetDefaults, presetProblems } from '../formats/presets.js'

export { type PresetChoice, presetChoices }
export const aspectRatioOptions: ReadonlyArray<{ value: AspectRatio; label: string }> = [
  { value: '9:16', label: 'Vertical 9:16 (Reels, TikTok, Shorts)' },
  { value: '16:9', label: 'Widescreen 16:9 (YouTube, websites)' },
  { value: '1:1', label: 'Square 1:1 (feeds)' },
  { value: '3:4', label: 'Portrait 3:4 (Xiaohongshu, Taobao)' },
  { value: '4:5', label: 'Portrait 4:5 (Instagram and Facebook feeds)' },
]

export const languages = ['en', 'zh-CN', 'zh-HK'] as const
export type Language = (typeof languages)[number]
export const languageOptions: ReadonlyArray<{ value: Language; label: string }> = [
  { value: 'en', label: 'English' },
  { value: 'zh-CN', label: 'Simplified Chinese (简体中文)' },
  { value: 'zh-HK', label: 'Traditional Chinese, Hong Kong (繁體中文)' },
]

// LibTV clips are 5 or 10 s and a screenplay has 3–8 shots: each length here can be
// cut into such shots (15 = 3×5 … 60 = 6×10 or 8 shots mixing 5 and 10).
export const lengthChoices = [15, 20, 30, 45, 60] as const
export type LengthSeconds = (typeof lengthChoices)[number]
export const lengthOptions: ReadonlyArray<{ value: LengthSeconds; label: string }> = lengthChoices.map((seconds) => ({
  value: seconds,
  label: `${seconds} seconds`,
}))

export const briefLimits = {
  productName: 80,
  description: 600,
  sellingPoints: 6,
  sellingPoint: 120,
  audience: 120,
  callToAction: 60,
} as const

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` })

// Forms send every value as a string, and an empty colour input as ''.
const lengthFromForm = (value: unknown) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value)
const emptyAsMissing = (value: unknown) => (value === '' ? undefined : value)
// A checkbox sends "on"/"yes" when ticked; the form adds a hidden "off" so unticking is heard.
const formBoolean = (value: unknown) => {
  if (value === '' || value === undefined) return undefined
  if (value === 'on' || value === 'yes' || value === 'true') return true
  if (value === 'off' || value === 'no' || value === 'false') return false
  return value
}

export const briefSchema = z.object({
  productName: text('Product name', briefLimits.productName),
  description: text('Description', briefLimits.description).refine((value) => !/\n\s*\n/.test(value), {
    error: 'Keep the description to one paragraph',
  }),
  sellingPoints: z
    .array(text('Each selling point', briefLimits.sellingPoint), { error: 'Add at least one selling point' })
    .min(1, { error: 'Add at least one selling point' })
    .max(briefLimits.sellingPoints, { error: `Add at most ${briefLimits.sellingPoints} selling points` }),
  audience: text('Audience', briefLimits.audience),
  tone: z.enum(toneIds, { error: 'Choose a tone from the list' }),
  template: z.enum(templateIds, { error: 'Choose a template from the list' }),
  aspectRatio: z.enum(aspectRatios, { error: 'Choose 9:16, 16:9, 1:1, 3:4 or 4:5' }),
  lengthSeconds: z.preprocess(
    lengthFromForm,
    z.literal(lengthChoices, { error: `Length must be one of ${lengthChoices.join(', ')} seconds` }),
  ),
  language: z.enum(languages, { error: 'Choose English, Simplified Chinese or Traditional Chinese' }),
  callToAction: text('Call to action', briefLimits.callToAction),
  // Optional, not defaulted here: a PATCH that leaves it out must keep the saved value, and
  // briefs saved before it existed read as 720p (resolutionOf).
  resolution: z.preprocess(emptyAsMissing, z.enum(resolutions, { error: 'Choose 720p or 1080p' }).optional()),
  // The platform the video is for (src/formats/presets.ts), or `custom`. Optional like resolution:
  // a PATCH that leaves it out keeps it, and briefs saved before presets read as custom.
  preset: z.preprocess(
    emptyAsMissing,
    z.enum(presetChoices, { error: `Choose a platform: ${presetChoices.join(', ')}` }).optional(),
  ),
  brandColor: z.preprocess(
    emptyAsMissing,
    z
      .string()
      .regex(/^#[0-9A-Fa-f]{6}$/, { error: 'Brand colour must look like #1A2B3C' })
      .optional(),
  ),
  // Overrides the brand kit's accent for this brief's videos (the kit: src/brand/).
  accentColor: z.preprocess(
    emptyAsMissing,
    z
      .string()
      .regex(/^#[0-9A-Fa-f]{6}$/, { error: 'Accent colour must look like #1A2B3C' })
      .optional(),
  ),
  // Music under the video (docs/music.md); briefs saved before it existed get the defaults. Own
  // tracks (`track:<id>`) and library tracks (`library:<slug>`) are checked by shape here and for
  // existence and owner where the brief is saved.
  music: z.preprocess(
    emptyAsMissing,
    z.custom<MusicChoice>(isMusicChoice, { error: 'Choose a music track from the list' }).default('auto'),
  ),
  musicVolume: z.preprocess(
    emptyAsMissing,
    z.enum(musicVolumes, { error: 'Choose normal or quiet music' }).default('normal'),
  ),
  // The clips' own sound from the video model under the music (docs/music.md#ambient-sound); off
  // unless asked, and only sent to LibTV when its model can make sound. Optional: a PATCH keeps it.
  ambientSound: z.preprocess(formBoolean, z.boolean({ error: 'Choose on or off' }).optional()),
})

/** What the brief form starts with, and what the API assumes when a field is left out. */
export const briefDefaults = {
  tone: 'premium',
  template: 'hero-reveal',
  aspectRatio: '9:16',
  lengthSeconds: 30,
  language: 'en',
  resolution: '720p',
  music: 'auto',
  musicVolume: 'normal',
} as const satisfies Partial<z.output<typeof briefSchema>>

export type Brief = z.output<typeof briefSchema>
export type BriefInput = z.input<typeof briefSchema>

/**
 * The brief and its preset's rules: a shape or length the chosen platform does not take is an
 * issue on that field, its words' key in `params` (forms and the API say it in the reader's
 * language). Kept apart from briefSchema, which the API's schemas extend (zod cannot extend a
 * refined object).
 */
export const presetBriefSchema = briefSchema.superRefine((brief, ctx) => {
  for (const problem of presetProblems(brief)) {
    ctx.addIssue({
      code: 'custom',
      path: [problem.field],
      message: problem.message,
      params: { key: problem.key, values: problem.values },
    })
  }
})

/**
 * The fields to validate: `base` (briefDefaults for a new brief, the saved brief for a change),
 * then what the preset named in `fields` sets, then `fields` themselves, so a value the person
 * chose wins over the preset's and the preset's over the default. A blank shape or resolution
 * (the form's "platform's default") counts as left out.
 */
export function briefWithPreset(base: Record<string, unknown>, fields: Record<string, unknown>) {
  const leftToPreset = (key: string, value: unknown) =>
    value === undefined || ((key === 'aspectRatio' || key === 'resolution') && value === '')
  const given = Object.fromEntries(Object.entries(fields).filter(([key, value]) => !leftToPreset(key, value)))
  const preset = typeof given.preset === 'string' ? given.preset : undefined
  return { ...base, ...presetDefaults(preset), ...given }
}

/** The brief's resolution; briefs saved before the choice existed are 720p. */
export function resolutionOf(brief: Pick<Brief, 'resolution'>): Resolution {
  return brief.resolution ?? briefDefaults.resolution
}
