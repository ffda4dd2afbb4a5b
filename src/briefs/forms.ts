import { z } from 'zod'
import type { FieldErrors } from '../http/forms.js'
import type { MessageKey } from '../i18n/catalogs/index.js'
import type { Said } from '../i18n/said.js'
import type { Translator } from '../i18n/translate.js'
import { briefDefaults, briefWithPreset, lengthChoices, presetBriefSchema } from '../screenplay/brief.js'

// The brief form arrives as multipart (it may carry the photo). This envelope only checks its
// shape (lengths are bounded by the body limit); the brief itself is validated by briefSchema
// after the photo is dealt with, so a photo or an over-long field's text is never lost.
const optionalText = z.string().optional()
export const briefFormEnvelope = z.object({
  productName: optionalText,
  description: optionalText,
  sellingPoints: z.union([z.string(), z.array(z.string()).max(20)]).optional(),
  audience: optionalText,
  tone: optionalText,
  template: optionalText,
  aspectRatio: optionalText,
  lengthSeconds: optionalText,
  language: optionalText,
  resolution: optionalText,
  preset: optionalText,
  callToAction: optionalText,
  brandColor: optionalText,
  accentColor: optionalText,
  music: optionalText,
  musicVolume: optionalText,
  /** The ambient sound box: a hidden "off", then "on" when ticked (the last one counts). */
  ambientSound: z.union([z.string(), z.array(z.string()).max(2)]).optional(),
  /** The "No brand colour" box: a colour input always sends a colour, so the choice is its own field. */
  noBrandColor: z.literal('yes').optional(),
  /** The accent's "Use the brand kit's" box: ticked, the brief has no accent of its own. */
  noAccentColor: z.literal('yes').optional(),
  /** "Add another" selling point without JavaScript: the form comes back with one more box, nothing saved. */
  intent: z.literal('addPoint').optional(),
  /** The photos chosen so far, in order, with their roles (views/briefs/photo.tsx). */
  imageId: z.union([z.string().max(100), z.array(z.string().max(100)).max(10)]).optional(),
  photoRole: z.union([z.string().max(20), z.array(z.string().max(20)).max(10)]).optional(),
  /** A photo's move or removal without JavaScript: the form comes back rearranged, nothing saved. */
  photoMove: z
    .string()
    .regex(/^(up|down|remove):\d{1,2}$/)
    .optional(),
  photo: z.union([z.instanceof(File), z.array(z.instanceof(File)).max(10), z.string().max(0)]).optional(),
})
export type BriefFormEnvelope = z.output<typeof briefFormEnvelope>

/** The brief from the form's text fields: blank selling-point boxes are ignored. */
export function parseBrief(form: BriefFormEnvelope) {
  const points =
    form.sellingPoints === undefined
      ? []
      : Array.isArray(form.sellingPoints)
        ? form.sellingPoints
        : [form.sellingPoints]
  const {
    photo: _photo,
    imageId: _imageId,
    photoRole: _photoRole,
    photoMove: _photoMove,
    noBrandColor,
    noAccentColor,
    intent: _intent,
    ...fields
  } = form
  // Format and resolution left on "the platform's default" take the preset's, else the app's.
  const fallback = { aspectRatio: briefDefaults.aspectRatio, resolution: briefDefaults.resolution }
  return presetBriefSchema.safeParse(
    briefWithPreset(fallback, {
      ...fields,
      brandColor: noBrandColor === 'yes' ? '' : fields.brandColor,
      accentColor: noAccentColor === 'yes' ? '' : fields.accentColor,
      ambientSound: Array.isArray(fields.ambientSound) ? fields.ambientSound.at(-1) : fields.ambientSound,
      sellingPoints: points.filter((p) => p.trim() !== ''),
    }),
  )
}

type Issue = { path: readonly PropertyKey[]; code: string; maximum?: unknown; params?: Record<string, unknown> }

// briefSchema's messages are English words, for the API; a page says each issue in its own
// language from the field and what was wrong (missing or too long).
const textFields: Record<string, { missing: MessageKey; tooLong: MessageKey }> = {
  productName: { missing: 'briefs.invalid.productNameMissing', tooLong: 'briefs.invalid.productNameTooLong' },
  description: { missing: 'briefs.invalid.descriptionMissing', tooLong: 'briefs.invalid.descriptionTooLong' },
  audience: { missing: 'briefs.invalid.audienceMissing', tooLong: 'briefs.invalid.audienceTooLong' },
  callToAction: { missing: 'briefs.invalid.callToActionMissing', tooLong: 'briefs.invalid.callToActionTooLong' },
}
const choiceFields: Record<string, Said> = {
  tone: { key: 'briefs.invalid.tone' },
  template: { key: 'briefs.invalid.template' },
  aspectRatio: { key: 'briefs.invalid.aspectRatio' },
  lengthSeconds: { key: 'briefs.invalid.length', values: { choices: lengthChoices.join(', ') } },
  language: { key: 'briefs.invalid.language' },
  resolution: { key: 'briefs.invalid.resolution' },
  preset: { key: 'briefs.invalid.preset' },
  brandColor: { key: 'briefs.invalid.brandColor' },
  accentColor: { key: 'briefs.invalid.accentColor' },
  music: { key: 'briefs.invalid.music' },
  musicVolume: { key: 'briefs.invalid.musicVolume' },
  ambientSound: { key: 'music.invalid.ambientSound' },
}

/** What a brief's issue says, by its field and rule; null for a rule without words of its own. */
export function briefIssueSaid(issue: Issue): Said | null {
  const field = String(issue.path[0])
  const max = Number(issue.maximum)
  const tooLong = issue.code === 'too_big'
  const text = textFields[field]
  // A preset's rule carries its own words (presetBriefSchema).
  if (issue.code === 'custom' && typeof issue.params?.key === 'string')
    return { key: issue.params.key as MessageKey, values: issue.params.values as Record<string, string> }
  if (field === 'description' && issue.code === 'custom') return { key: 'briefs.invalid.descriptionParagraphs' }
  if (text) return tooLong ? { key: text.tooLong, values: { max } } : { key: text.missing }
  if (field === 'sellingPoints') {
    // sellingPoints.2: one point (blank ones are dropped before, so only too long); sellingPoints: the list.
    if (issue.path.length > 1) return { key: 'briefs.invalid.sellingPointTooLong', values: { max } }
    return tooLong
      ? { key: 'briefs.invalid.sellingPointsTooMany', values: { max } }
      : { key: 'briefs.invalid.sellingPointsMissing' }
  }
  return choiceFields[field] ?? null
}

/** The brief's issues for the form, the first for each field, in the page's language. */
export function briefErrors({ t }: Pick<Translator, 't'>, error: { issues: readonly Issue[] }): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    if (out[field] !== undefined) continue
    const said = briefIssueSaid(issue)
    // A rule without words of its own yet keeps the schema's English.
    out[field] = said ? t(said.key, said.values) : ((issue as { message?: string }).message ?? '')
  }
  return out
}

/** What to put back in the form after an error: the text as typed. */
export function briefFormValues(form: BriefFormEnvelope): Record<string, string | string[] | undefined> {
  const { photo: _photo, imageId: _imageId, photoRole: _role, photoMove: _move, intent: _intent, ...fields } = form
  return fields
}

export const screenplayQuery = z.object({
  variation: z.coerce.number().int().min(0).max(1_000_000).optional(),
  template: z.string().max(40).optional(),
  version: z.coerce.number().int().min(1).max(1_000_000).optional(),
  saved: z.string().max(10).optional(),
  deleted: z.coerce.number().int().min(1).max(1_000_000).optional(),
  /** Render video saved the draft as this version, then could not start (a cap reached meanwhile). */
  notRendered: z.string().max(10).optional(),
  /** Written by "Make it 1:1" on a video's page from version `from`: its edits kept, or a fresh take. */
  made: z.enum(['kept', 'fresh']).optional(),
  from: z.coerce.number().int().min(1).max(1_000_000).optional(),
})
