import type { VideoStatus } from '../../db/states.js'
import { formatDate } from '../../src/i18n/format.js'
import { templateOptions } from '../../src/screenplay/brief.js'
import { photoOfShot } from '../../src/screenplay/photos.js'
import type { SavedScreenplay } from '../../src/screenplay/saved.js'
import { shotLimits } from '../../src/screenplay/schema.js'
import { FormError } from '../components/form.js'
import { Layout, type Viewer } from '../layout.js'
import { type Confirmation, dialogText } from '../pages/confirm.js'
import { VariantsPanel } from '../variants/panel.js'
import { statusLabel } from '../videos/status.js'
import { templateLabels } from './brief-form.js'
import type { BriefView, MismatchView } from './model.js'
import { RenderBar } from './render-bar.js'
import { EndCardPreview, ShotCard } from './storyboard.js'

export type ScreenplayPageProps = {
  viewer: Viewer
  saved: BriefView
  screenplay: SavedScreenplay
  /** The saved version shown, or null for an unsaved draft. */
  savedVersion: number | null
  /** The saved version shown, when no video was made from it and it may be deleted. */
  deletableVersion?: number | undefined
  versions: { version: number; createdAt: number }[]
  errors?: Record<string, string>
  notice?: { kind: 'info' | 'success' | 'error'; text: string } | undefined
  /** The unsaved edits shown are kept on the server: replacing them asks first. */
  hasDraft?: boolean | undefined
  /** What of the brief this screenplay no longer matches: Render waits for a new screenplay. */
  mismatch?: MismatchView | undefined
  /** When the screenplay shown was written; the form carries it so the draft and Render know. */
  writtenAt: number
  /** The shot just moved (1-based): focused, so it stays in view. */
  movedTo?: number | undefined
  /** The id of the saved version shown: Render video then uses it as it is when nothing was changed. */
  basedOn?: string | undefined
  /** The videos made from the saved version shown (none for a draft). */
  videos?: { id: string; aspectRatio: string; lengthSeconds: number; status: VideoStatus }[]
  /** What a render will use of the monthly quota, and why it cannot start when the plan keeps no more videos. */
  render: {
    used: number
    quota: number
    left: number
    resetsAt: number
    storageFull?: string | undefined
    /** "Email me when it's ready", as the person last left it. */
    notifyWhenReady?: boolean
  }
}

/** Replacing the unsaved draft (another take, another style, a saved version) asks first. */
export const REPLACE_DRAFT_CONFIRMATION: Confirmation = {
  question: 'briefs.screenplay.replaceQuestion',
  consequence: 'briefs.screenplay.replaceConsequence',
  goLabel: 'briefs.screenplay.replaceGo',
  keepLabel: 'briefs.screenplay.replaceKeep',
  destructive: true,
}

export function ScreenplayPage({
  viewer,
  saved,
  screenplay,
  savedVersion,
  versions,
  errors = {},
  notice,
  hasDraft,
  mismatch,
  videos,
  writtenAt,
  movedTo,
  render,
  basedOn,
  deletableVersion,
}: ScreenplayPageProps) {
  const { brief } = saved
  const { lang } = viewer
  const { t, rich, href, locale } = lang
  const base = `/briefs/${saved.id}/screenplay`
  // Each shot shows (and the picker offers) the brief's photos; a shot without one shows the main.
  const shotPhotos = (saved.photos ?? []).map((photo) => ({ imageId: photo.image.id, role: photo.role }))
  const open = href(`${base}/open`)
  // The toolbar's forms: the script asks with this dialog when there are unsaved edits.
  const replaces = { 'data-replaces-draft': dialogText(lang, REPLACE_DRAFT_CONFIRMATION) }
  const blocked = mismatch
    ? t('briefs.screenplay.mismatchRefused', { aspectRatio: mismatch.aspectRatio, seconds: mismatch.lengthSeconds })
    : undefined
  const canDrop = screenplay.shots.length > shotLimits.minShots
  const meta = {
    template: t(templateLabels[screenplay.template as keyof typeof templateLabels] ?? 'briefs.template.heroReveal'),
    aspectRatio: screenplay.aspectRatio,
    seconds: screenplay.lengthSeconds,
    shots: screenplay.shots.length,
  }
  return (
    <Layout
      title={t('briefs.screenplay.title', { product: brief.productName })}
      viewer={viewer}
      width="wide"
      notice={notice}
      translated
    >
      <p class="breadcrumbs">
        <a href={href('/briefs')}>{t('briefs.list.title')}</a> › {brief.productName}
      </p>
      <div class="page-head">
        <div>
          <h1>{brief.productName}</h1>
          <p class="muted">
            {savedVersion
              ? t('briefs.screenplay.metaSaved', { ...meta, version: savedVersion })
              : rich('briefs.screenplay.metaDraft', { ...meta, strong: (words) => <strong>{words}</strong> })}
          </p>
        </div>
        <div class="head-actions">
          <a class="button button-secondary" href={href(`/briefs/${saved.id}/edit`)}>
            {t('briefs.list.editBrief')}
          </a>
        </div>
      </div>

      {videos && videos.length > 0 && (
        <nav class="made-videos" aria-label={t('nextsteps.madeFrom', { version: savedVersion ?? 0 })}>
          <span class="muted small">{t('nextsteps.madeFrom', { version: savedVersion ?? 0 })}</span>
          {videos.map((v) => (
            <a class="standalone-link" href={href(`/videos/${v.id}`)}>
              {t('nextsteps.videoLink', {
                aspect: v.aspectRatio,
                seconds: v.lengthSeconds,
                status: statusLabel(v.status, lang),
              })}
            </a>
          ))}
        </nav>
      )}
      {mismatch && (
        <section class="notice notice-warning mismatch-banner" data-testid="mismatch">
          <p>
            {t('briefs.screenplay.mismatch', {
              from: screenplay.aspectRatio,
              fromSeconds: screenplay.lengthSeconds,
              aspectRatio: mismatch.aspectRatio,
              seconds: mismatch.lengthSeconds,
              language: mismatch.changes.includes('language') ? 'yes' : 'no',
            })}
          </p>
          <form method="post" action={open} {...replaces}>
            <input type="hidden" name="variation" value={String(screenplay.variation)} />
            <input type="hidden" name="template" value={screenplay.template} />
            <button type="submit" class="button">
              {t('briefs.screenplay.writeNew', { aspectRatio: mismatch.aspectRatio, seconds: mismatch.lengthSeconds })}
            </button>
          </form>
        </section>
      )}

      <section class="card toolbar">
        <form method="post" action={open} class="toolbar-form" {...replaces}>
          <input type="hidden" name="variation" value={String(screenplay.variation + 1)} />
          <input type="hidden" name="template" value={screenplay.template} />
          <button type="submit" class="button button-secondary">
            {t('briefs.screenplay.anotherTake')}
          </button>
        </form>
        <form method="post" action={open} class="toolbar-form" {...replaces}>
          <label for="template-switch" class="muted small">
            {t('briefs.form.template')}
          </label>
          <select id="template-switch" name="template">
            {templateOptions.map((o) => (
              <option value={o.value} selected={o.value === screenplay.template}>
                {t(templateLabels[o.value])}
              </option>
            ))}
          </select>
          <input type="hidden" name="variation" value="0" />
          <button type="submit" class="button button-secondary">
            {t('briefs.screenplay.useStyle')}
          </button>
        </form>
        {versions.length > 0 && (
          <form method="post" action={open} class="toolbar-form" {...replaces}>
            <label for="version-switch" class="muted small">
              {t('briefs.screenplay.savedVersions')}
            </label>
            <select id="version-switch" name="version">
              {versions.map((v) => (
                <option value={String(v.version)} selected={v.version === savedVersion}>
                  {t('briefs.screenplay.versionOption', {
                    version: v.version,
                    date: formatDate(locale, v.createdAt, 'dateTime'),
                  })}
                </option>
              ))}
            </select>
            <button type="submit" class="button button-secondary">
              {t('briefs.screenplay.open')}
            </button>
          </form>
        )}
        {hasDraft && (
          <form method="post" action={open} class="toolbar-form" {...replaces}>
            <button type="submit" class="button button-secondary">
              {t('briefs.screenplay.discard')}
            </button>
          </form>
        )}
      </section>

      <form
        method="post"
        action={href(base)}
        id="screenplay-editor"
        hx-post={href(base)}
        hx-target="#screenplay-editor"
        hx-select="#screenplay-editor"
        hx-swap="outerHTML"
        data-draft-url={href(`${base}/draft`)}
        data-has-draft={hasDraft ? 'true' : 'false'}
      >
        {/* First in the form, so pressing Enter in a field saves rather than moving a shot. */}
        <button type="submit" name="intent" value="save" class="visually-hidden" tabindex={-1}>
          {t('briefs.screenplay.save')}
        </button>
        <FormError message={errors.form} />
        <input type="hidden" name="template" value={screenplay.template} />
        <input type="hidden" name="variation" value={String(screenplay.variation)} />
        <input type="hidden" name="aspectRatio" value={screenplay.aspectRatio} />
        <input type="hidden" name="language" value={screenplay.language} />
        <input type="hidden" name="briefId" value={saved.id} />
        {basedOn && <input type="hidden" name="basedOn" value={basedOn} />}
        <input type="hidden" name="writtenAt" value={String(writtenAt)} />
        <ol class="shot-list" data-shot-list>
          {screenplay.shots.map((shot, i) => (
            <ShotCard
              lang={lang}
              shot={shot}
              n={i + 1}
              count={screenplay.shots.length}
              canDrop={canDrop}
              aspectRatio={screenplay.aspectRatio}
              language={screenplay.language}
              imageId={photoOfShot(shot, shotPhotos)}
              photos={shotPhotos}
              errors={errors}
              focused={movedTo === i + 1}
            />
          ))}
        </ol>
        {/* The script sets this after a drag: the list is posted in its new order, the moved shot focused. */}
        <button type="submit" name="intent" value="at:1" hidden data-reorder>
          {t('briefs.screenplay.save')}
        </button>
        <EndCardPreview
          lang={lang}
          aspectRatio={screenplay.aspectRatio}
          imageId={saved.image?.id}
          productName={brief.productName}
          callToAction={brief.callToAction}
          brandColor={brief.brandColor}
        />
        <RenderBar
          lang={lang}
          render={render}
          savedVersion={savedVersion}
          blocked={blocked}
          totalSeconds={screenplay.shots.reduce((sum, shot) => sum + shot.durationSeconds, 0)}
        />
      </form>
      <VariantsPanel lang={lang} briefId={saved.id} music={brief.music} render={render} />
      {deletableVersion && (
        <section class="card">
          <details class="danger-zone">
            <summary>{t('briefs.screenplay.deleteVersion', { version: deletableVersion })}</summary>
            <p>{t('briefs.screenplay.deleteVersionText', { version: deletableVersion })}</p>
            <form method="post" action={href(`${base}/versions/${deletableVersion}/delete`)}>
              <button type="submit" class="button button-danger">
                {t('briefs.screenplay.deleteVersion', { version: deletableVersion })}
              </button>
            </form>
          </details>
        </section>
      )}
      <script src="/static/caption-counter.js" defer></script>
      <script src="/static/screenplay-editor.js" defer></script>
    </Layout>
  )
}
