import type { Context } from 'hono'
import { z } from 'zod'
import { ScreenplayPage, type ScreenplayPageProps } from '../../views/briefs/screenplay.js'
import { ErrorPage } from '../../views/pages/error.js'
import { signedInRoutes } from '../accounts/middleware.js'
import { allowance } from '../accounts/plans.js'
import { StorageFull, storageRoom } from '../accounts/storage-caps.js'
import { formBody } from '../http/body-limits.js'
import type { AppEnv, SignedInEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { notFoundUnless, uuidParam } from '../http/params.js'
import { translatorOf, viewerOf } from '../http/viewer.js'
import { type Said, sayIn } from '../i18n/said.js'
import { writeScreenplay } from '../screenplay/engine.js'
import type { SavedScreenplay } from '../screenplay/saved.js'
import { templateById } from '../screenplay/templates/index.js'
import { briefMismatch, dropDraft, findDraft, keepDraft, type Mismatch } from './drafts.js'
import { screenplayQuery } from './forms.js'
import { shotPhotos } from './photos.js'
import { applyScreenplayEdit, screenplayEditForm } from './screenplay-edit.js'
import {
  deleteScreenplayVersion,
  findScreenplayVersion,
  latestScreenplay,
  listScreenplayVersions,
  type ScreenplayVersion,
  saveScreenplayVersion,
  versionHasVideos,
  videosOfVersion,
} from './screenplays.js'
import { findBrief, type SavedBrief } from './service.js'

/** The screenplay editor of a brief, under /briefs/:id/screenplay. */
export const screenplayRoutes = signedInRoutes()

screenplayRoutes.get('/:id/screenplay', uuidParam, notFoundUnless('query', screenplayQuery), (c) => {
  const saved = findBrief(c.var.db, c.var.user.id, c.req.valid('param').id)
  if (!saved) return c.notFound()
  const q = c.req.valid('query')
  const wantsTake = q.variation !== undefined || q.template !== undefined
  // Coming back to the editor brings back the unsaved edits; asking for a version or a take shows
  // that instead (the toolbar asks before it replaces them: draft-routes.tsx).
  const draft = q.version || wantsTake ? undefined : findDraft(c.var.db, c.var.user.id, saved.id)
  const version = q.version
    ? findScreenplayVersion(c.var.db, c.var.user.id, saved.id, q.version)
    : wantsTake || draft
      ? undefined
      : latestScreenplay(c.var.db, c.var.user.id, saved.id)
  if (q.version && !version) return c.notFound()
  const template = (q.template && templateById(q.template)?.id) || saved.brief.template
  const screenplay =
    draft?.screenplay ??
    version?.screenplay ??
    writeScreenplay(saved.brief, q.variation ?? 0, template, shotPhotos(saved.photos))
  const { t } = translatorOf(c)
  c.header('Cache-Control', 'no-store') // the back button shows the draft as it is now
  return renderPage(c, {
    saved,
    screenplay,
    savedVersion: version?.version ?? null,
    basedOn: draft ? (draft.basedOn ?? undefined) : version?.id,
    writtenAt: draft?.writtenAt ?? version?.createdAt ?? Date.now(),
    hasDraft: draft !== undefined,
    notice: draft
      ? { kind: 'info', text: t('briefs.screenplay.draftRestored') }
      : q.notRendered && version
        ? { kind: 'error', text: whyNoRender(c, version.version) }
        : q.made && q.from && version
          ? { kind: q.made === 'kept' ? 'success' : 'info', text: madeWords(c, q.made, version, q.from) }
          : q.saved && version
            ? { kind: 'success', text: t('briefs.screenplay.savedAs', { version: version.version }) }
            : q.deleted
              ? { kind: 'success', text: t('briefs.screenplay.versionDeleted', { version: q.deleted }) }
              : undefined,
    deletableVersion: version && !versionHasVideos(c.var.db, version.id) ? version.version : undefined,
  })
})

screenplayRoutes.post(
  '/:id/screenplay',
  uuidParam,
  formBody,
  validForm(screenplayEditForm, (c) => screenplayFormIncomplete(c)),
  (c) => {
    const saved = findBrief(c.var.db, c.var.user.id, c.req.valid('param').id)
    if (!saved) return c.notFound()
    const form = c.req.valid('form')
    const { screenplay, errors } = applyScreenplayEdit(form)
    const hasErrors = Object.keys(errors).length > 0
    if (form.intent === 'save' && !hasErrors) {
      let version: ScreenplayVersion
      try {
        version = saveScreenplayVersion(c.var.db, c.var.user.id, saved.id, screenplay)
        dropDraft(c.var.db, c.var.user.id, saved.id) // the edits are that version now
      } catch (err) {
        // The plan's versions per brief are used up: the edited draft comes back, unsaved, with why.
        if (!(err instanceof StorageFull)) throw err
        const page = { saved, screenplay, savedVersion: null, basedOn: form.basedOn, writtenAt: form.writtenAt }
        return renderPage(c, { ...page, hasDraft: true, errors: { form: err.said ?? err.message } }, 403)
      }
      const location = `/briefs/${saved.id}/screenplay?version=${version.version}&saved=1`
      // htmx would swap only the editor; a save changes the whole page (version picker, header).
      if (c.req.header('hx-request') === 'true') return c.body(null, 200, { 'HX-Redirect': location })
      return c.redirect(location, 303)
    }
    // A move or drop shows the edited draft, kept as the unsaved draft (not a version) until
    // "Save screenplay": a page without JavaScript keeps its edits this way.
    const kept =
      !errors.form &&
      keepDraft(c.var.db, c.var.user.id, saved.id, screenplay, {
        basedOn: form.basedOn,
        writtenAt: form.writtenAt ?? Date.now(),
      })
    return renderPage(
      c,
      {
        saved,
        screenplay,
        savedVersion: null,
        basedOn: form.basedOn,
        writtenAt: form.writtenAt,
        hasDraft: kept || undefined,
        movedTo: movedTo(form.intent, screenplay.shots.length),
        errors,
        notice: hasErrors ? undefined : { kind: 'info', text: translatorOf(c).t('briefs.screenplay.unsaved') },
      },
      hasErrors ? 422 : 200,
    )
  },
)

const versionParam = notFoundUnless(
  'param',
  z.object({ id: z.uuid(), version: z.coerce.number().int().min(1).max(1_000_000) }),
)

// Deleting a saved version no video was made from: how a person makes room under the plan's cap.
// The body limit comes first, as on every route that takes one (test/http/body-limits.test.ts
// posts to each route with a placeholder in `:version`).
screenplayRoutes.post('/:id/screenplay/versions/:version/delete', formBody, versionParam, (c) => {
  const { id, version } = c.req.valid('param')
  const saved = findBrief(c.var.db, c.var.user.id, id)
  if (!saved) return c.notFound()
  const result = deleteScreenplayVersion(c.var.db, c.var.user.id, saved.id, version)
  if (result === 'not_found') return c.notFound()
  if (result === 'in_use') {
    const { t } = translatorOf(c)
    const message = t('briefs.screenplay.versionInUse', { version })
    const title = t('briefs.screenplay.versionInUseTitle')
    return c.html(<ErrorPage status={409} title={title} message={message} viewer={viewerOf(c)} />, 409)
  }
  return c.redirect(`/briefs/${saved.id}/screenplay?deleted=${version}`, 303)
})

type PageInput = Omit<
  ScreenplayPageProps,
  'viewer' | 'versions' | 'saved' | 'screenplay' | 'render' | 'errors' | 'mismatch' | 'writtenAt'
> & {
  saved: SavedBrief
  screenplay: SavedScreenplay
  /** When the screenplay shown was written (unknown: only format and language are compared). */
  writtenAt?: number | undefined
  /** Words, or message keys (applyScreenplayEdit's) said here in the page's language. */
  errors?: Record<string, string | Said>
}

/**
 * The editor page, with what a render would use of the monthly quota beside its Render button.
 * Also answers the Render button (src/render/routes.tsx) when the edited draft has mistakes.
 */
/** The editor's form came without its fields (a stale or tampered page): nothing saved, nothing lost. */
export function screenplayFormIncomplete(c: Context<AppEnv> | Context<SignedInEnv>) {
  const { t } = translatorOf(c)
  return c.html(
    <ErrorPage
      status={400}
      title={t('briefs.screenplay.incompleteTitle')}
      message={t('briefs.screenplay.incomplete')}
      viewer={viewerOf(c)}
    />,
    400,
  )
}

export function renderPage(c: Context<SignedInEnv>, page: PageInput, status: 200 | 403 | 422 = 200) {
  const versions = listScreenplayVersions(c.var.db, c.var.user.id, page.saved.id)
  const lang = translatorOf(c)
  const full = storageRoom(c.var.db, c.var.user.id, { kind: 'videos' })
  const render = {
    ...allowance(c.var.db, c.var.user),
    storageFull: full ? sayIn(lang, full) : undefined,
    notifyWhenReady: c.var.user.notifyWhenReady,
  }
  const errors = Object.fromEntries(
    Object.entries(page.errors ?? {}).map(([field, e]) => [field, typeof e === 'string' ? e : lang.t(e.key, e.values)]),
  )
  const mismatch = briefMismatch(page.saved.brief, page.saved.updatedAt, page.screenplay, page.writtenAt)
  // A saved version shown as it is links to the videos made from it (issue 23: both ways).
  const made = page.savedVersion && page.basedOn ? videosOfVersion(c.var.db, c.var.user.id, page.basedOn) : []
  return c.html(
    <ScreenplayPage
      viewer={viewerOf(c)}
      versions={versions}
      render={render}
      {...page}
      mismatch={mismatch}
      videos={made}
      writtenAt={page.writtenAt ?? Date.now()}
      errors={errors}
    />,
    status,
  )
}

/**
 * Render video on the editor refuses a screenplay the brief no longer matches (another format,
 * length or caption language), with the banner's reason; the API renders what it is given.
 */
export function refuseMismatch(
  c: Context<SignedInEnv>,
  saved: SavedBrief,
  screenplay: SavedScreenplay,
  form: { basedOn?: string | undefined; writtenAt?: number | undefined },
) {
  const mismatch = briefMismatch(saved.brief, saved.updatedAt, screenplay, form.writtenAt)
  if (!mismatch) return undefined
  const { t } = translatorOf(c)
  const hasDraft = keepTypedDraft(c, saved.id, screenplay, form)
  const page = { saved, screenplay, savedVersion: null, basedOn: form.basedOn, writtenAt: form.writtenAt, hasDraft }
  return renderPage(
    c,
    { ...page, errors: { form: t('briefs.screenplay.mismatchRefused', mismatchWords(mismatch)) } },
    422,
  )
}

/** What the editor posted, kept as its draft (Render video refused it: nothing typed is lost). */
export function keepTypedDraft(
  c: Context<SignedInEnv>,
  briefId: string,
  screenplay: SavedScreenplay,
  form: { basedOn?: string | undefined; writtenAt?: number | undefined },
): boolean {
  return keepDraft(c.var.db, c.var.user.id, briefId, screenplay, {
    basedOn: form.basedOn,
    writtenAt: form.writtenAt ?? Date.now(),
  })
}

/** The ICU arguments of the mismatch messages: the brief's format and length. */
export function mismatchWords(mismatch: Mismatch) {
  return { aspectRatio: mismatch.aspectRatio, seconds: mismatch.lengthSeconds }
}

/** Where a moved shot landed (1-based), so the page focuses it and it stays in view. */
function movedTo(intent: string, count: number): number | undefined {
  const [action, at] = intent.split(':')
  const n = Number(at)
  if (action === 'up') return Math.max(1, n - 1)
  if (action === 'down') return Math.min(count, n + 1)
  if (action === 'at') return Math.min(count, Math.max(1, n))
  return undefined
}

/** What "Make it 1:1" on a video's page wrote: that video's screenplay reframed, or a fresh take. */
function madeWords(c: Context<SignedInEnv>, made: 'kept' | 'fresh', version: ScreenplayVersion, from: number) {
  const { t } = translatorOf(c)
  const values = { version: version.version, from, aspect: version.screenplay.aspectRatio }
  return t(made === 'kept' ? 'nextsteps.madeKept' : 'nextsteps.madeFresh', values)
}

/** Saved, but why a render could not start, in the words the Render button's line uses. */
function whyNoRender(c: Context<SignedInEnv>, version: number): string {
  const lang = translatorOf(c)
  if (c.var.user.emailConfirmedAt === null) return lang.t('briefs.screenplay.notRenderedUnconfirmed', { version })
  const quota = allowance(c.var.db, c.var.user)
  if (quota.left <= 0) return lang.t('briefs.screenplay.notRenderedQuota', { version, quota: quota.quota })
  const full = storageRoom(c.var.db, c.var.user.id, { kind: 'videos' })
  if (full) return lang.t('briefs.screenplay.notRenderedStorage', { version, reason: sayIn(lang, full) })
  return lang.t('briefs.screenplay.notRenderedRetry', { version })
}
