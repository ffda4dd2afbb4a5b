import type { Context } from 'hono'
import { ImageRejected } from '../briefs/image-processing.js'
import { deleteImageIfUnused, type saveProductImage } from '../briefs/images.js'
import { saveScreenplayVersion } from '../briefs/screenplays.js'
import { createBrief, deleteBrief } from '../briefs/service.js'
import { saveUploadedPhoto, UploadRefused } from '../briefs/uploads.js'
import type { ApiEnv } from '../http/env.js'
import { detail, type ProblemFieldError } from '../http/problem.js'
import { submitRender } from '../render/submit.js'
import { briefDefaults, briefWithPreset, presetBriefSchema } from '../screenplay/brief.js'
import { writeScreenplay } from '../screenplay/engine.js'
import { makeVariants } from '../variants/service.js'
import { fieldErrors } from './field-errors.js'
import { uploadRefusedProblem } from './openapi.js'
import { BriefCreateSchema, VariantsCount } from './schemas.js'
import { musicAllowed, noSuchTrack } from './tracks.js'

/** The video made, or with `variants` in the brief the variants (src/variants). */
type OneCall = { ok: true; videoIds: string[]; variants: boolean } | { ok: false; errors: ProblemFieldError[] }

const BriefFields = BriefCreateSchema.omit({ imageId: true })

/**
 * POST /videos with a photo and a brief: the photo, the brief, its default screenplay and the
 * render, in that order (or, with `variants` in the brief, that many variants of it). Every check runs before anything is stored; if the render itself is
 * refused (the quota), what this call created is removed again, so a refusal leaves nothing behind.
 */
export async function renderFromPhoto(c: Context<ApiEnv>, form: { image: File; brief: string }): Promise<OneCall> {
  // The route's validator has made sure of a file `image` and a text `brief`.
  let fields: unknown
  try {
    fields = JSON.parse(form.brief)
  } catch {
    return { ok: false, errors: [{ field: 'brief', message: detail('api.problem.briefNotJson') }] }
  }
  const parsed = BriefFields.safeParse(fields)
  if (!parsed.success) {
    return { ok: false, errors: fieldErrors(parsed.error).map((e) => ({ ...e, field: `brief.${e.field}` })) }
  }
  // `variants` travels inside the brief's JSON (the form has one text field); it is not a brief field.
  const asked = VariantsCount.optional().safeParse((fields as { variants?: unknown } | null)?.variants)
  if (!asked.success) {
    return { ok: false, errors: fieldErrors(asked.error).map((e) => ({ ...e, field: 'brief.variants' })) }
  }
  const checked = presetBriefSchema.safeParse(briefWithPreset(briefDefaults, parsed.data))
  if (!checked.success) {
    return { ok: false, errors: fieldErrors(checked.error).map((e) => ({ ...e, field: `brief.${e.field}` })) }
  }
  const file = form.image
  const brief = checked.data
  if (!musicAllowed(c, brief.music))
    return { ok: false, errors: noSuchTrack.map((e) => ({ ...e, field: 'brief.music' })) }

  const { db, config } = c.var
  const userId = c.var.user.id
  const startedAt = Date.now()
  let image: Awaited<ReturnType<typeof saveProductImage>>
  try {
    image = await saveUploadedPhoto(c, file)
  } catch (err) {
    if (err instanceof ImageRejected) return { ok: false, errors: [{ field: 'image', message: err.said }] }
    if (err instanceof UploadRefused) return uploadRefusedProblem(c, err.refusal)
    throw err
  }
  const saved = createBrief(db, userId, brief, image.id)
  try {
    if (asked.data !== undefined) {
      const made = makeVariants(db, userId, saved.id, asked.data, config.libtv.model)
      return { ok: true, videoIds: made.videos.map((v) => v.id), variants: true }
    }
    const version = saveScreenplayVersion(db, userId, saved.id, writeScreenplay(brief, 0, brief.template))
    return { ok: true, videoIds: [submitRender(db, userId, version.id, config.libtv.model).id], variants: false }
  } catch (err) {
    await deleteBrief(db, config.dataDir, userId, saved.id)
    // Only a photo this call stored: the same photo uploaded earlier stays the person's.
    if (image.createdAt >= startedAt) await deleteImageIfUnused(db, config.dataDir, image)
    throw err
  }
}
