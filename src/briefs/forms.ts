import { z } from 'zod'
import { briefSchema } from '../screenplay/brief.js'

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
  callToAction: optionalText,
  brandColor: optionalText,
  imageId: z.string().max(100).optional(),
  photo: z.union([z.instanceof(File), z.string().max(0)]).optional(),
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
  const { photo: _photo, imageId: _imageId, ...fields } = form
  return briefSchema.safeParse({ ...fields, sellingPoints: points.filter((p) => p.trim() !== '') })
}

/** What to put back in the form after an error: the text as typed. */
export function briefFormValues(form: BriefFormEnvelope): Record<string, string | string[] | undefined> {
  const { photo: _photo, imageId: _imageId, ...fields } = form
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
})
