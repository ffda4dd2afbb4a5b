import { z } from 'zod'
import { REPLACE_DRAFT_CONFIRMATION } from '../../views/briefs/screenplay.js'
import { ConfirmPage } from '../../views/pages/confirm.js'
import { signedInRoutes } from '../accounts/middleware.js'
import { formBody } from '../http/body-limits.js'
import { seeOther } from '../http/confirm.js'
import { validForm } from '../http/forms.js'
import { uuidParam } from '../http/params.js'
import { viewerOf } from '../http/viewer.js'
import { templateIds } from '../screenplay/templates/index.js'
import { dropDraft, findDraft, keepDraft } from './drafts.js'
import { applyScreenplayEdit, screenplayEditForm } from './screenplay-edit.js'
import { findBrief } from './service.js'

/**
 * The editor's draft (issue 23, never lose work): kept as the person types (static/screenplay-editor.js
 * posts the form here), and replaced only after asking: another take, another style, a saved version.
 */
export const draftRoutes = signedInRoutes()

// The script sends the whole editor form. It is kept as typed, an emptied prompt too; only a form
// that is not a screenplay's shape (shots missing) is not: 202, the one before stays.
draftRoutes.post(
  '/:id/screenplay/draft',
  uuidParam,
  formBody,
  validForm(screenplayEditForm, (c) => c.body(null, 422)),
  (c) => {
    const saved = findBrief(c.var.db, c.var.user.id, c.req.valid('param').id)
    if (!saved) return c.notFound()
    const form = c.req.valid('form')
    const { screenplay, errors } = applyScreenplayEdit({ ...form, intent: 'save' })
    if (errors.form) return c.body(null, 202)
    const kept = keepDraft(c.var.db, c.var.user.id, saved.id, screenplay, {
      basedOn: form.basedOn,
      writtenAt: form.writtenAt ?? Date.now(),
    })
    return c.body(null, kept ? 204 : 202)
  },
)

// What the toolbar opens: a take (variation, template) or a saved version; nothing opens the draft.
const opening = z.object({
  variation: z.coerce.number().int().min(0).max(1_000_000).optional(),
  template: z.enum(templateIds).optional(),
  version: z.coerce.number().int().min(1).max(1_000_000).optional(),
  confirm: z.literal('yes').optional(),
})

// The toolbar's forms post here (a select's value cannot be in a link). Without a draft it simply
// opens what was asked; with one it asks first, carrying what was asked in the address.
draftRoutes.post('/:id/screenplay/open', uuidParam, formBody, async (c) => {
  const { id } = c.req.valid('param')
  const saved = findBrief(c.var.db, c.var.user.id, id)
  if (!saved) return c.notFound()
  const body = await c.req.parseBody()
  const asked = opening.safeParse({ ...c.req.query(), ...body })
  if (!asked.success) return c.notFound()
  const { confirm, ...what } = asked.data
  const query = new URLSearchParams(
    Object.entries(what).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  ).toString()
  const base = `/briefs/${id}/screenplay`
  if (findDraft(c.var.db, c.var.user.id, id)) {
    if (confirm !== 'yes') {
      c.header('Cache-Control', 'no-store')
      return c.html(
        <ConfirmPage
          viewer={viewerOf(c)}
          confirmation={REPLACE_DRAFT_CONFIRMATION}
          action={`${base}/open${query ? `?${query}` : ''}`}
          keepHref={base}
        />,
      )
    }
    dropDraft(c.var.db, c.var.user.id, id)
  }
  return seeOther(c, query ? `${base}?${query}` : base)
})
