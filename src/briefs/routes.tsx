import type { Context } from 'hono'
import { z } from 'zod'
import { BriefFormPage, DELETE_BRIEF_CONFIRMATION } from '../../views/briefs/brief-form.js'
import { BriefsPage } from '../../views/briefs/list.js'
import { signedInRoutes } from '../accounts/middleware.js'
import { StorageFull, storageRoom } from '../accounts/storage-caps.js'
import { brandKitOf } from '../brand/kit.js'
import { formBody, uploadBody } from '../http/body-limits.js'
import { askFirst, isConfirmed, seeOther } from '../http/confirm.js'
import type { AppEnv, SignedInEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { notFoundUnless, pageQuery, uuidParam } from '../http/params.js'
import { translatorOf, viewerOf } from '../http/viewer.js'
import { sayIn } from '../i18n/said.js'
import type { Brief } from '../screenplay/brief.js'
import { musicChoiceAllowedFor, musicOffer } from '../tracks/offer.js'
import { draftRoutes } from './draft-routes.js'
import { type BriefFormEnvelope, briefErrors, briefFormEnvelope, briefFormValues, parseBrief } from './forms.js'
import { formPhotos, photosFromForm } from './photo-form.js'
import type { BriefPhoto } from './photos.js'
import { screenplayRoutes } from './screenplay-routes.js'
import { createBrief, deleteBrief, findBrief, listBriefs, type SavedBrief, updateBrief } from './service.js'
import { photoForm, type UploadRefusal } from './uploads.js'

/** Everything under /briefs: the list, the brief form, and (mounted below) the screenplay editor. */
export const briefRoutes = signedInRoutes()

briefRoutes.get('/', pageQuery, (c) => {
  const notice = c.req.query('deleted') ? translatorOf(c).t('briefs.list.deleted') : undefined
  const { page } = c.req.valid('query')
  const list = listBriefs(c.var.db, c.var.user.id, page)
  return c.html(
    <BriefsPage
      viewer={viewerOf(c)}
      briefs={list.briefs}
      page={page}
      pages={list.pages}
      total={list.total}
      notice={notice}
    />,
  )
})

const copyQuery = notFoundUnless('query', z.object({ from: z.uuid().optional() }))

// A new brief, or ("Duplicate and edit" on a video's page) the form filled from one of the
// person's briefs, its photo included; nothing is saved until the form is. Another's id: 404.
briefRoutes.get('/new', copyQuery, (c) => {
  const { from } = c.req.valid('query')
  if (!from) return c.html(<PersonsBriefForm c={c} action="/briefs" isNew />)
  const saved = findBrief(c.var.db, c.var.user.id, from)
  if (!saved) return c.notFound()
  const notice = translatorOf(c).t('nextsteps.copyOf', { name: saved.brief.productName })
  const page = (
    <PersonsBriefForm
      c={c}
      action="/briefs"
      isNew
      values={formValuesOf(saved)}
      photos={formPhotos(saved.photos)}
      notice={notice}
    />
  )
  return c.html(page)
})

briefRoutes.post(
  '/',
  uploadBody,
  photoForm,
  validForm(briefFormEnvelope, (c, _errors, values) =>
    c.html(
      <PersonsBriefForm
        c={c}
        action="/briefs"
        isNew
        values={values}
        errors={{ form: translatorOf(c).t('briefs.form.unreadable') }}
      />,
      422,
    ),
  ),
  async (c) => {
    const form = c.req.valid('form')
    const page = (errors: Record<string, string>, photos: BriefPhoto[], status: 200 | 403 | 422 | 429 | 503 | 507) =>
      c.html(
        <PersonsBriefForm
          c={c}
          action="/briefs"
          isNew
          values={briefFormValues(form)}
          errors={errors}
          photos={formPhotos(photos)}
          addedPoint={form.intent === 'addPoint'}
        />,
        status,
      )
    if (form.intent === 'addPoint' || form.photoMove) {
      const { photos, error } = await photosFromForm(c, form)
      return page(error ? { photo: error } : {}, photos, 200)
    }
    // At the plan's cap of briefs nothing is stored, not even the photos; the typed text comes back.
    const full = storageRoom(c.var.db, c.var.user.id, { kind: 'briefs' })
    if (full) {
      const { photos } = await photosFromForm(c, { ...form, photo: undefined })
      return page({ form: sayIn(translatorOf(c), full) }, photos, 403)
    }
    const result = await readBriefForm(c, form)
    if (!result.ok) return page(result.errors, result.photos, statusFor(c, result))
    try {
      const saved = createBrief(c.var.db, c.var.user.id, result.brief, photoChoices(result.photos))
      return c.redirect(`/briefs/${saved.id}/screenplay`, 303)
    } catch (err) {
      // Another save took the last room meanwhile.
      if (err instanceof StorageFull) return page({ form: sayIn(translatorOf(c), err) }, result.photos, 403)
      throw err
    }
  },
)

briefRoutes.get('/:id', uuidParam, (c) => c.redirect(`/briefs/${c.req.valid('param').id}/screenplay`, 303))

briefRoutes.get('/:id/edit', uuidParam, (c) => {
  const saved = findBrief(c.var.db, c.var.user.id, c.req.valid('param').id)
  if (!saved) return c.notFound()
  return c.html(
    <PersonsBriefForm
      c={c}
      action={`/briefs/${saved.id}/edit`}
      isNew={false}
      values={formValuesOf(saved)}
      photos={formPhotos(saved.photos)}
      deleteAction={`/briefs/${saved.id}/delete`}
    />,
  )
})

briefRoutes.post(
  '/:id/edit',
  uuidParam,
  uploadBody,
  photoForm,
  validForm(briefFormEnvelope, (c, _errors, values) =>
    c.html(
      <PersonsBriefForm
        c={c}
        action={c.req.path}
        isNew={false}
        values={values}
        errors={{ form: translatorOf(c).t('briefs.form.unreadable') }}
      />,
      422,
    ),
  ),
  async (c) => {
    const { id } = c.req.valid('param')
    const saved = findBrief(c.var.db, c.var.user.id, id)
    if (!saved) return c.notFound()
    const form = c.req.valid('form')
    if (form.intent === 'addPoint' || form.photoMove) {
      const { photos, error } = await photosFromForm(c, form)
      const page = (
        <PersonsBriefForm
          c={c}
          action={`/briefs/${id}/edit`}
          isNew={false}
          values={briefFormValues(form)}
          errors={error ? { photo: error } : {}}
          photos={formPhotos(photos)}
          deleteAction={`/briefs/${id}/delete`}
          addedPoint={form.intent === 'addPoint'}
        />
      )
      return c.html(page)
    }
    const result = await readBriefForm(c, form)
    if (!result.ok) {
      const page = (
        <PersonsBriefForm
          c={c}
          action={`/briefs/${id}/edit`}
          isNew={false}
          values={briefFormValues(form)}
          errors={result.errors}
          // Every photo refused (another person's id, say): the form shows the brief's own again.
          photos={formPhotos(result.photos.length > 0 ? result.photos : saved.photos)}
          deleteAction={`/briefs/${id}/delete`}
        />
      )
      return c.html(page, statusFor(c, result))
    }
    await updateBrief(c.var.db, c.var.config.dataDir, c.var.user.id, id, result.brief, photoChoices(result.photos))
    return c.redirect(`/briefs/${id}/screenplay`, 303)
  },
)

// Asks first (the dialog with JavaScript, a page without), and only the brief's owner is asked.
briefRoutes.post('/:id/delete', uuidParam, formBody, async (c) => {
  const { id } = c.req.valid('param')
  if (!findBrief(c.var.db, c.var.user.id, id)) return c.notFound()
  if (!(await isConfirmed(c))) return askFirst(c, DELETE_BRIEF_CONFIRMATION, `/briefs/${id}/edit`)
  const deleted = await deleteBrief(c.var.db, c.var.config.dataDir, c.var.user.id, id)
  return deleted ? seeOther(c, '/briefs?deleted=1') : c.notFound()
})

briefRoutes.route('/', screenplayRoutes)
briefRoutes.route('/', draftRoutes)

/** The brand kit's colours: what a brief without colours of its own gets (the form says so). */
/** The brief form as this person sees it: in their language, with their music and their brand kit's colours. */
function PersonsBriefForm({
  c,
  ...props
}: { c: Context<SignedInEnv> | Context<AppEnv> } & Omit<
  Parameters<typeof BriefFormPage>[0],
  'viewer' | 'music' | 'kit'
>) {
  return <BriefFormPage viewer={viewerOf(c)} music={musicOffer(c)} kit={kitColours(c)} {...props} />
}

function kitColours(c: Context<SignedInEnv> | Context<AppEnv>) {
  const user = c.var.user
  return user ? brandKitOf(c.var.db, user.id) : undefined
}

/** A saved brief as the form's fields. */
function formValuesOf({ brief }: SavedBrief) {
  return {
    ...brief,
    lengthSeconds: String(brief.lengthSeconds),
    brandColor: brief.brandColor ?? '',
    noBrandColor: brief.brandColor ? undefined : 'yes',
    accentColor: brief.accentColor ?? '',
    noAccentColor: brief.accentColor ? undefined : 'yes',
    ambientSound: brief.ambientSound ? 'on' : undefined,
  }
}

type BriefFormResult =
  | { ok: true; brief: Brief; photos: BriefPhoto[] }
  | {
      ok: false
      errors: Record<string, string>
      photos: BriefPhoto[]
      status: 403 | 422 | 507
      refusal?: UploadRefusal | undefined
    }

const photoChoices = (photos: BriefPhoto[]) => photos.map((photo) => ({ imageId: photo.image.id, role: photo.role }))

/**
 * 422 for a form to fix; 403 or 507 when a storage cap or the disk refused its photo; 503 or 429,
 * with Retry-After, when its photo could not be checked now.
 */
function statusFor(c: Context<SignedInEnv>, result: BriefFormResult): 403 | 422 | 429 | 503 | 507 {
  if (result.ok) return 422
  if (!result.refusal) return result.status
  c.header('Retry-After', String(result.refusal.retryAfterSeconds))
  return result.refusal.status
}

/**
 * Reads a submitted brief form: the photos first (so they are kept even when a field is wrong),
 * then the brief's fields. A brief needs at least one photo. Errors are per field, ready for the
 * re-rendered form.
 */
async function readBriefForm(c: Context<SignedInEnv>, form: BriefFormEnvelope): Promise<BriefFormResult> {
  const { photos, error, status = 422, refusal } = await photosFromForm(c, form)
  const brief = parseBrief(form)
  const lang = translatorOf(c)
  const errors = brief.success ? {} : briefErrors(lang, brief.error)
  // Another person's track (or one deleted since the form was shown): refused like any foreign id.
  if (brief.success && !musicChoiceAllowedFor(c, brief.data.music)) errors.music = lang.t('music.invalid.notYours')
  if (error) errors.photo = error
  else if (photos.length === 0) errors.photo = lang.t('briefs.form.photoMissing')
  return brief.success && Object.keys(errors).length === 0
    ? { ok: true, brief: brief.data, photos }
    : { ok: false, errors, photos, status, refusal }
}
