import { zValidator } from '@hono/zod-validator'
import { type Context, Hono } from 'hono'
import type { Image } from '../../db/schema.js'
import { BriefFormPage } from '../../views/briefs/brief-form.js'
import { ProjectsPage } from '../../views/briefs/projects.js'
import { requireUser } from '../accounts/middleware.js'
import type { AppEnv } from '../http/env.js'
import { fieldErrors, validForm } from '../http/forms.js'
import { viewerOf } from '../http/viewer.js'
import type { Brief } from '../screenplay/brief.js'
import { type BriefFormEnvelope, briefFormEnvelope, briefFormValues, parseBrief, uuidParam } from './forms.js'
import { ImageRejected } from './image-processing.js'
import { findOwnedImage, saveProductImage } from './images.js'
import { createBrief, deleteBrief, findProject, listProjects, updateBrief } from './service.js'

export const briefRoutes = new Hono<AppEnv>()

const unreadable =
  'The form could not be read. A field was sent more than once or in the wrong form: check the fields and send it again.'
// Mounted at the root, so guard only our own paths (a '*' here would catch every 404 too).
briefRoutes.use('/projects', requireUser)
briefRoutes.use('/briefs/*', requireUser)

// Ids that are not UUIDs get the same 404 as ids that belong to someone else.
const idParam = zValidator('param', uuidParam, (result, c) => {
  if (!result.success) return c.notFound()
})

briefRoutes.get('/projects', (c) => {
  const notice = c.req.query('deleted') ? 'The project was deleted.' : undefined
  return c.html(<ProjectsPage viewer={viewerOf(c)} projects={listProjects(c.var.db, c.var.user!.id)} notice={notice} />)
})

briefRoutes.get('/briefs/new', (c) => c.html(<BriefFormPage viewer={viewerOf(c)} action="/briefs" isNew />))

briefRoutes.post(
  '/briefs',
  validForm(briefFormEnvelope, (c, _errors, values) =>
    c.html(
      <BriefFormPage viewer={viewerOf(c)} action="/briefs" isNew values={values} errors={{ form: unreadable }} />,
      422,
    ),
  ),
  async (c) => {
    const form = c.req.valid('form')
    const result = await readBriefForm(c, form, { photoRequired: true })
    if (!result.ok) {
      return c.html(
        <BriefFormPage
          viewer={viewerOf(c)}
          action="/briefs"
          isNew
          values={briefFormValues(form)}
          errors={result.errors}
          image={result.image}
        />,
        422,
      )
    }
    const project = createBrief(c.var.db, c.var.user!.id, result.brief, result.image!.id)
    return c.redirect(`/briefs/${project.id}/screenplay`, 303)
  },
)

briefRoutes.get('/briefs/:id', idParam, (c) => c.redirect(`/briefs/${c.req.valid('param').id}/screenplay`, 303))

briefRoutes.get('/briefs/:id/edit', idParam, (c) => {
  const project = findProject(c.var.db, c.var.user!.id, c.req.valid('param').id)
  if (!project) return c.notFound()
  const { brief } = project
  const values = { ...brief, lengthSeconds: String(brief.lengthSeconds), brandColor: brief.brandColor ?? '' }
  return c.html(
    <BriefFormPage
      viewer={viewerOf(c)}
      action={`/briefs/${project.id}/edit`}
      isNew={false}
      values={values}
      image={project.image}
      deleteAction={`/briefs/${project.id}/delete`}
    />,
  )
})

briefRoutes.post(
  '/briefs/:id/edit',
  idParam,
  validForm(briefFormEnvelope, (c, _errors, values) =>
    c.html(
      <BriefFormPage
        viewer={viewerOf(c)}
        action={c.req.path}
        isNew={false}
        values={values}
        errors={{ form: unreadable }}
      />,
      422,
    ),
  ),
  async (c) => {
    const { id } = c.req.valid('param')
    const project = findProject(c.var.db, c.var.user!.id, id)
    if (!project) return c.notFound()
    const form = c.req.valid('form')
    const result = await readBriefForm(c, form, { photoRequired: false })
    if (!result.ok) {
      const page = (
        <BriefFormPage
          viewer={viewerOf(c)}
          action={`/briefs/${id}/edit`}
          isNew={false}
          values={briefFormValues(form)}
          errors={result.errors}
          image={result.image ?? project.image}
          deleteAction={`/briefs/${id}/delete`}
        />
      )
      return c.html(page, 422)
    }
    await updateBrief(c.var.db, c.var.config.dataDir, c.var.user!.id, id, result.brief, result.image?.id ?? null)
    return c.redirect(`/briefs/${id}/screenplay`, 303)
  },
)

briefRoutes.post('/briefs/:id/delete', idParam, async (c) => {
  const deleted = await deleteBrief(c.var.db, c.var.config.dataDir, c.var.user!.id, c.req.valid('param').id)
  return deleted ? c.redirect('/projects?deleted=1', 303) : c.notFound()
})

type BriefFormResult =
  | { ok: true; brief: Brief; image: Image | null }
  | { ok: false; errors: Record<string, string>; image: Image | null }

/**
 * Reads a submitted brief form: the photo first (so it is kept even when a field is wrong),
 * then the brief's fields. Errors are per field, ready for the re-rendered form.
 */
async function readBriefForm(
  c: Context<AppEnv>,
  form: BriefFormEnvelope,
  { photoRequired }: { photoRequired: boolean },
): Promise<BriefFormResult> {
  const { image, error } = await photoFromForm(c, form)
  const brief = parseBrief(form)
  const errors = brief.success ? {} : fieldErrors(brief.error)
  if (error) errors.photo = error
  else if (photoRequired && !image) errors.photo = 'Add a photo of the product.'
  return brief.success && Object.keys(errors).length === 0
    ? { ok: true, brief: brief.data, image }
    : { ok: false, errors, image }
}

/**
 * The photo for a brief form: a preview already uploaded (imageId, which must be the user's own)
 * or a file sent with the form itself when JavaScript is off.
 */
async function photoFromForm(
  c: Context<AppEnv>,
  form: BriefFormEnvelope,
): Promise<{ image: Image | null; error?: string }> {
  const userId = c.var.user!.id
  if (form.imageId) {
    const image = findOwnedImage(c.var.db, userId, form.imageId)
    return image ? { image } : { image: null, error: 'That photo is no longer available. Please choose it again.' }
  }
  if (form.photo instanceof File && (form.photo.name !== '' || form.photo.size > 0)) {
    try {
      return {
        image: await saveProductImage(
          c.var.db,
          c.var.config.dataDir,
          userId,
          Buffer.from(await form.photo.arrayBuffer()),
        ),
      }
    } catch (err) {
      if (err instanceof ImageRejected) return { image: null, error: err.message }
      throw err
    }
  }
  return { image: null }
}
