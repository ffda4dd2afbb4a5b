import { zValidator } from '@hono/zod-validator'
import { type Context, Hono } from 'hono'
import { ScreenplayPage, type ScreenplayPageProps } from '../../views/briefs/screenplay.js'
import { ErrorPage } from '../../views/pages/error.js'
import { requireUser } from '../accounts/middleware.js'
import type { AppEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { viewerOf } from '../http/viewer.js'
import { allowance } from '../render/submit.js'
import { writeScreenplay } from '../screenplay/engine.js'
import { type TemplateId, templateById } from '../screenplay/templates/index.js'
import { screenplayQuery, uuidParam } from './forms.js'
import { applyScreenplayEdit, screenplayEditForm } from './screenplay-edit.js'
import {
  findScreenplayVersion,
  latestScreenplay,
  listScreenplayVersions,
  type SavedScreenplay,
  saveScreenplayVersion,
} from './screenplays.js'
import { findProject, type Project } from './service.js'

export const screenplayRoutes = new Hono<AppEnv>()
screenplayRoutes.use('*', requireUser)

const idParam = zValidator('param', uuidParam, (result, c) => {
  if (!result.success) return c.notFound()
})
const query = zValidator('query', screenplayQuery, (result, c) => {
  if (!result.success) return c.notFound()
})

screenplayRoutes.get('/:id/screenplay', idParam, query, (c) => {
  const project = findProject(c.var.db, c.var.user!.id, c.req.valid('param').id)
  if (!project) return c.notFound()
  const q = c.req.valid('query')
  const wantsDraft = q.variation !== undefined || q.template !== undefined
  const saved = q.version
    ? findScreenplayVersion(c.var.db, c.var.user!.id, project.id, q.version)
    : wantsDraft
      ? undefined
      : latestScreenplay(c.var.db, c.var.user!.id, project.id)
  if (q.version && !saved) return c.notFound()
  const template = (q.template && templateById(q.template) ? q.template : project.brief.template) as TemplateId
  const screenplay: SavedScreenplay = saved?.screenplay ?? writeScreenplay(project.brief, q.variation ?? 0, template)
  const notice = q.saved && saved ? { kind: 'success' as const, text: `Saved as version ${saved.version}.` } : undefined
  const render = saved
    ? { screenplayId: saved.id, ...allowance(c.var.db, c.var.user!.id, c.var.user!.plan) }
    : undefined
  return renderPage(
    c,
    project,
    screenplay,
    saved?.version ?? null,
    {},
    notice,
    saved ? project.updatedAt > saved.createdAt : false,
    200,
    render,
  )
})

screenplayRoutes.post(
  '/:id/screenplay',
  idParam,
  validForm(screenplayEditForm, (c) =>
    c.html(
      <ErrorPage
        status={400}
        title="Screenplay form incomplete"
        message="The screenplay form was incomplete or changed. Reload the page and try again; your saved versions are safe."
        viewer={viewerOf(c)}
      />,
      400,
    ),
  ),
  (c) => {
    const project = findProject(c.var.db, c.var.user!.id, c.req.valid('param').id)
    if (!project) return c.notFound()
    const form = c.req.valid('form')
    const { screenplay, errors } = applyScreenplayEdit(form)
    const hasErrors = Object.keys(errors).length > 0
    if (form.intent === 'save' && !hasErrors) {
      const saved = saveScreenplayVersion(c.var.db, c.var.user!.id, project.id, screenplay)
      const location = `/briefs/${project.id}/screenplay?version=${saved.version}&saved=1`
      // htmx would swap only the editor; a save changes the whole page (version, Render panel).
      if (c.req.header('hx-request') === 'true') return c.body(null, 200, { 'HX-Redirect': location })
      return c.redirect(location, 303)
    }
    // A move or drop shows the edited draft; nothing is saved until "Save screenplay".
    const notice = hasErrors
      ? undefined
      : { kind: 'info' as const, text: 'Unsaved changes. Save the screenplay to keep them.' }
    return renderPage(c, project, screenplay, null, errors, notice, false, hasErrors ? 422 : 200)
  },
)

function renderPage(
  c: Context<AppEnv>,
  project: Project,
  screenplay: SavedScreenplay,
  savedVersion: number | null,
  errors: Record<string, string>,
  notice: { kind: 'info' | 'success' | 'error'; text: string } | undefined,
  briefChangedSinceSave: boolean,
  status: 200 | 422 = 200,
  render?: ScreenplayPageProps['render'],
) {
  const versions = listScreenplayVersions(c.var.db, c.var.user!.id, project.id)
  return c.html(
    <ScreenplayPage
      viewer={viewerOf(c)}
      project={project}
      screenplay={screenplay}
      savedVersion={savedVersion}
      versions={versions}
      errors={errors}
      notice={notice}
      briefChangedSinceSave={briefChangedSinceSave}
      render={render}
    />,
    status,
  )
}
