import type { Mismatch } from '../../src/briefs/drafts.js'
import type { MessageKey } from '../../src/i18n/catalogs/index.js'
import { formatDate } from '../../src/i18n/format.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import { templateOptions } from '../../src/screenplay/brief.js'
import type { SavedScreenplay } from '../../src/screenplay/saved.js'
import { type CameraMove, cameraMoves, shotLimits, type Transition, transitions } from '../../src/screenplay/schema.js'
import { FormError } from '../components/form.js'
import { Layout, type Viewer } from '../layout.js'
import { type Confirmation, dialogText } from '../pages/confirm.js'
import { templateLabels } from './brief-form.js'
import { CaptionCounter, captionCounterId } from './caption-counter.js'
import type { BriefView } from './model.js'
import { EndCardPreview, ShotFrame } from './storyboard.js'

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
  mismatch?: Mismatch | undefined
  /** When the screenplay shown was written; the form carries it so the draft and Render know. */
  writtenAt: number
  /** The shot just moved (1-based): focused, so it stays in view. */
  movedTo?: number | undefined
  /** The id of the saved version shown: Render video then uses it as it is when nothing was changed. */
  basedOn?: string | undefined
  /** What a render will use of the monthly quota, and why it cannot start when the plan keeps no more videos. */
  render: {
    used: number
    quota: number
    left: number
    resetsAt: number
    storageFull?: string | undefined
  }
}

const cameraLabels: Record<CameraMove, MessageKey> = {
  'push-in': 'briefs.camera.pushIn',
  'pull-out': 'briefs.camera.pullOut',
  'pan-left': 'briefs.camera.panLeft',
  'pan-right': 'briefs.camera.panRight',
  'tilt-up': 'briefs.camera.tiltUp',
  'tilt-down': 'briefs.camera.tiltDown',
  orbit: 'briefs.camera.orbit',
  'crane-up': 'briefs.camera.craneUp',
  'crane-down': 'briefs.camera.craneDown',
  'dolly-left': 'briefs.camera.dollyLeft',
  'dolly-right': 'briefs.camera.dollyRight',
  tracking: 'briefs.camera.tracking',
  'top-down': 'briefs.camera.topDown',
  'macro-slide': 'briefs.camera.macroSlide',
  handheld: 'briefs.camera.handheld',
  static: 'briefs.camera.static',
}
const transitionLabels: Record<Transition, MessageKey> = {
  cut: 'briefs.transition.cut',
  fade: 'briefs.transition.fade',
  dissolve: 'briefs.transition.dissolve',
  slide: 'briefs.transition.slide',
  wipe: 'briefs.transition.wipe',
  zoom: 'briefs.transition.zoom',
  whip: 'briefs.transition.whip',
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
          {screenplay.shots.map((shot, i) => {
            const n = i + 1
            const promptError = errors[`prompt-${n}`]
            return (
              <li
                class="card shot-card"
                data-testid="shot"
                id={`shot-${n}`}
                tabindex={movedTo === n ? -1 : undefined}
                autofocus={movedTo === n}
              >
                <div class="shot-side">
                  <ShotFrame
                    aspectRatio={screenplay.aspectRatio}
                    imageId={saved.image?.id}
                    caption={shot.caption}
                    captionId={`caption-${n}`}
                    language={screenplay.language}
                  />
                  <p class="shot-number">
                    <span class="drag-handle" draggable="true" hidden>
                      ⠿
                    </span>
                    {t('briefs.screenplay.shot', { n })}
                  </p>
                </div>
                <div class="shot-main">
                  <input type="hidden" name="beat" value={shot.beat} />
                  <div class={`field ${errors[`caption-${n}`] ? 'field-invalid' : ''}`}>
                    <label for={`caption-${n}`}>{t('briefs.screenplay.caption')}</label>
                    <input
                      id={`caption-${n}`}
                      type="text"
                      name="caption"
                      value={shot.caption}
                      maxlength={shotLimits.caption}
                      lang={screenplay.language}
                      aria-describedby={captionCounterId(n)}
                      data-caption-counter={captionCounterId(n)}
                    />
                    <CaptionCounter lang={viewer.lang} n={n} caption={shot.caption} language={screenplay.language} />
                    {errors[`caption-${n}`] && <p class="error">{errors[`caption-${n}`]}</p>}
                  </div>
                  <div class="shot-choices">
                    <label class="inline-label">
                      {t('briefs.screenplay.duration')}
                      <select name="duration">
                        <option value="5" selected={shot.durationSeconds === 5}>
                          {t('briefs.screenplay.seconds', { seconds: 5 })}
                        </option>
                        <option value="10" selected={shot.durationSeconds === 10}>
                          {t('briefs.screenplay.seconds', { seconds: 10 })}
                        </option>
                      </select>
                    </label>
                    <label class="inline-label">
                      {t('briefs.screenplay.camera')}
                      <select name="camera">
                        {cameraMoves.map((move) => (
                          <option value={move} selected={move === shot.camera}>
                            {t(cameraLabels[move])}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label class="inline-label">
                      {t('briefs.screenplay.transition')}
                      <select name="transition">
                        {transitions.map((move) => (
                          <option value={move} selected={move === shot.transition}>
                            {t(transitionLabels[move])}
                          </option>
                        ))}
                      </select>
                    </label>
                  </div>
                  <details class="shot-advanced" open={promptError !== undefined}>
                    <summary>{t('briefs.screenplay.advanced')}</summary>
                    <div class={`field ${promptError ? 'field-invalid' : ''}`}>
                      <label for={`prompt-${n}`}>{t('briefs.screenplay.prompt')}</label>
                      <textarea id={`prompt-${n}`} name="prompt" rows={4} maxlength={shotLimits.prompt}>
                        {shot.prompt}
                      </textarea>
                      {promptError && <p class="error">{promptError}</p>}
                    </div>
                  </details>
                  <div class="shot-controls">
                    <span class="spacer" />
                    <button
                      type="submit"
                      name="intent"
                      value={`up:${n}`}
                      class="button button-secondary button-small"
                      disabled={n === 1}
                      aria-label={t('briefs.screenplay.moveUp', { n })}
                    >
                      ↑
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value={`down:${n}`}
                      class="button button-secondary button-small"
                      disabled={n === screenplay.shots.length}
                      aria-label={t('briefs.screenplay.moveDown', { n })}
                    >
                      ↓
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value={`drop:${n}`}
                      class="button button-secondary button-small"
                      disabled={!canDrop}
                      aria-label={t('briefs.screenplay.dropShot', { n })}
                    >
                      {t('briefs.screenplay.drop')}
                    </button>
                  </div>
                </div>
              </li>
            )
          })}
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

/**
 * Always in view at the foot of the editor: Render video (the next step, so the most prominent),
 * Save screenplay beside it, and what a render uses of the monthly quota. Render video posts the
 * editor's form to /videos, which saves an edited draft as a new version first.
 */
function RenderBar({
  lang: { t, href, locale },
  render,
  savedVersion,
  blocked,
  totalSeconds,
}: {
  lang: PageLanguage
  render: ScreenplayPageProps['render']
  savedVersion: number | null
  /** Why Render waits (the brief changed), said beside the disabled button. */
  blocked?: string | undefined
  totalSeconds: number
}) {
  const allowed = render.left > 0 && !render.storageFull && !blocked
  return (
    <section
      class="render-bar sticky-actions"
      data-testid="render-panel"
      aria-label={t('briefs.screenplay.renderPanel')}
    >
      <div class="render-bar-buttons">
        <button
          type="submit"
          formaction={href('/videos')}
          class="button"
          disabled={!allowed}
          aria-describedby={blocked ? 'render-blocked' : undefined}
        >
          {t('briefs.screenplay.render')}
        </button>
        <button type="submit" name="intent" value="save" class="button button-secondary">
          {t('briefs.screenplay.saveScreenplay')}
        </button>
      </div>
      <div class="render-bar-text">
        <p class="small" data-testid="render-allowance">
          {render.left > 0
            ? t('briefs.screenplay.allowance', { quota: render.quota, left: render.left })
            : t('briefs.screenplay.allowanceUsed', {
                quota: render.quota,
                date: formatDate(locale, render.resetsAt, 'long'),
              })}
        </p>
        {blocked && (
          <p class="error small" id="render-blocked" data-testid="render-blocked">
            {blocked}
          </p>
        )}
        {render.storageFull && (
          <p class="error small" data-testid="render-storage">
            {render.storageFull}
          </p>
        )}
        <p class="muted small render-bar-note" aria-live="polite">
          <span
            data-total-seconds
            data-template={
              savedVersion
                ? t('briefs.screenplay.totalSaved', { seconds: '{seconds}', version: savedVersion })
                : t('briefs.screenplay.totalDraft', { seconds: '{seconds}' })
            }
          >
            {savedVersion
              ? t('briefs.screenplay.totalSaved', { seconds: totalSeconds, version: savedVersion })
              : t('briefs.screenplay.totalDraft', { seconds: totalSeconds })}
          </span>
        </p>
      </div>
    </section>
  )
}
