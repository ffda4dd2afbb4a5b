import type { Context } from 'hono'
import { ImageRejected } from '../briefs/image-processing.js'
import { deleteImageIfUnused, type saveProductImage } from '../briefs/images.js'
import { maxBriefPhotos, shotPhotos } from '../briefs/photos.js'
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

const BriefFields = BriefCreateSchema.omit({ imageId: true, photos: true })

type Stored = Awaited<ReturnType<typeof saveProductImage>>

/**
 * POST /videos with 1 to 5 photos and a brief: the photos, the brief, its default screenplay and
 * the render, in that order (or, with `variants` in the brief, that many variants of it). Every
 * check runs before anything is stored; if a photo or the render itself is refused (the quota),
 * what this call created is removed again, so a refusal leaves nothing behind.
 */
export async function renderFromPhoto(
  c: Context<ApiEnv>,
  form: { image: File | File[]; brief: string },
): Promise<OneCall> {
  const files = Array.isArray(form.image) ? form.image : [form.image]
  if (files.length > maxBriefPhotos) {
    return {
      ok: false,
      errors: [{ field: 'image', message: detail('photos.problem.tooMany', { max: String(maxBriefPhotos) }) }],
    }
  }
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
  const brief = checked.data
  if (!musicAllowed(c, brief.music))
    return { ok: false, errors: noSuchTrack.map((e) => ({ ...e, field: 'brief.music' })) }

  const { db, config } = c.var
  const userId = c.var.user.id
  const startedAt = Date.now()
  const stored: Stored[] = []
  // Only photos this call stored go again: the same photo uploaded earlier stays the person's.
  const removeNew = async () => {
    for (const image of stored) if (image.createdAt >= startedAt) await deleteImageIfUnused(db, config.dataDir, image)
  }
  for (const [i, file] of files.entries()) {
    const field = files.length > 1 ? `image.${i}` : 'image'
    try {
      stored.push(await saveUploadedPhoto(c, file))
    } catch (err) {
      await removeNew()
      if (err instanceof ImageRejected) return { ok: false, errors: [{ field, message: err.said }] }
      if (err instanceof UploadRefused) return uploadRefusedProblem(c, err.refusal)
      throw err
    }
  }
  const saved = createBrief(
    db,
    userId,
    brief,
    stored.map((image) => ({ imageId: image.id })),
  )
  try {
    if (asked.data !== undefined) {
      const made = makeVariants(db, userId, saved.id, asked.data, config.libtv.model)
      return { ok: true, videoIds: made.videos.map((v) => v.id), variants: true }
    }
    const screenplay = writeScreenplay(brief, 0, brief.template, shotPhotos(saved.photos))
    const version = saveScreenplayVersion(db, userId, saved.id, screenplay)
    return { ok: true, videoIds: [submitRender(db, userId, version.id, config.libtv.model).id], variants: false }
  } catch (err) {
    await deleteBrief(db, config.dataDir, userId, saved.id)
    await removeNew()
    throw err
  }
}
