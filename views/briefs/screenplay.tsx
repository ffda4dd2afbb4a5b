import { templateOptions } from '../../src/screenplay/brief.js'
import type { SavedScreenplay } from '../../src/screenplay/saved.js'
import { shotLimits } from '../../src/screenplay/schema.js'
import { dateTime, longDate } from '../components/dates.js'
import { FormError } from '../components/form.js'
import { Layout, type Viewer } from '../layout.js'
import type { BriefView } from './model.js'

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
  briefChangedSinceSave?: boolean
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

const label = (id: string) => id.replace(/-/g, ' ')

export function ScreenplayPage({
  viewer,
  saved,
  screenplay,
  savedVersion,
  versions,
  errors = {},
  notice,
  briefChangedSinceSave,
  render,
  basedOn,
  deletableVersion,
}: ScreenplayPageProps) {
  const { brief } = saved
  const base = `/briefs/${saved.id}/screenplay`
  const canDrop = screenplay.shots.length > shotLimits.minShots
  return (
    <Layout title={`${brief.productName} · screenplay`} viewer={viewer} width="wide" notice={notice}>
      <p class="breadcrumbs">
        <a href="/briefs">My briefs</a> › {brief.productName}
      </p>
      <div class="page-head">
        <div>
          <h1>{brief.productName}</h1>
          <p class="muted">
            {label(screenplay.template)} · {screenplay.aspectRatio} · {screenplay.lengthSeconds} s ·{' '}
            {screenplay.shots.length} shots ·{' '}
            {savedVersion ? `saved version ${savedVersion}` : <strong>unsaved draft</strong>}
          </p>
        </div>
        <div class="head-actions">
          <a class="button button-secondary" href={`/briefs/${saved.id}/edit`}>
            Edit brief
          </a>
        </div>
      </div>

      {briefChangedSinceSave && (
        <div class="notice notice-info">
          The brief changed after this screenplay was saved.{' '}
          <a href={`${base}?variation=${screenplay.variation}`}>Write a fresh draft from the new brief</a>.
        </div>
      )}

      <section class="card toolbar">
        <form method="get" action={base} class="toolbar-form">
          <input type="hidden" name="variation" value={String(screenplay.variation + 1)} />
          <input type="hidden" name="template" value={screenplay.template} />
          <button type="submit" class="button button-secondary">
            ↻ Try another take
          </button>
        </form>
        <form method="get" action={base} class="toolbar-form">
          <label for="template-switch" class="muted small">
            Style
          </label>
          <select id="template-switch" name="template">
            {templateOptions.map((t) => (
              <option value={t.value} selected={t.value === screenplay.template}>
                {t.label}
              </option>
            ))}
          </select>
          <input type="hidden" name="variation" value="0" />
          <button type="submit" class="button button-secondary">
            Use this style
          </button>
        </form>
        {versions.length > 0 && (
          <form method="get" action={base} class="toolbar-form">
            <label for="version-switch" class="muted small">
              Saved
            </label>
            <select id="version-switch" name="version">
              {versions.map((v) => (
                <option value={String(v.version)} selected={v.version === savedVersion}>
                  Version {v.version} · {dateTime.format(v.createdAt)}
                </option>
              ))}
            </select>
            <button type="submit" class="button button-secondary">
              Open
            </button>
          </form>
        )}
      </section>

      <form
        method="post"
        action={base}
        id="screenplay-editor"
        hx-post={base}
        hx-target="#screenplay-editor"
        hx-select="#screenplay-editor"
        hx-swap="outerHTML"
      >
        {/* First in the form, so pressing Enter in a field saves rather than moving a shot. */}
        <button type="submit" name="intent" value="save" class="visually-hidden" tabindex={-1}>
          Save
        </button>
        <FormError message={errors.form} />
        <input type="hidden" name="template" value={screenplay.template} />
        <input type="hidden" name="variation" value={String(screenplay.variation)} />
        <input type="hidden" name="aspectRatio" value={screenplay.aspectRatio} />
        <input type="hidden" name="language" value={screenplay.language} />
        <input type="hidden" name="briefId" value={saved.id} />
        {basedOn && <input type="hidden" name="basedOn" value={basedOn} />}
        <ol class="shot-list">
          {screenplay.shots.map((shot, i) => {
            const n = i + 1
            return (
              <li class="card shot-card" data-testid="shot">
                <div class="shot-side">
                  {saved.image ? (
                    <img
                      src={`/images/${saved.image.id}/thumb`}
                      alt=""
                      class={`shot-thumb aspect-${screenplay.aspectRatio.replace(':', 'x')}`}
                    />
                  ) : (
                    <div class="shot-thumb shot-thumb-empty" />
                  )}
                  <div>
                    <p class="shot-number">Shot {n}</p>
                    <p class="muted small">
                      {label(shot.camera)} · {label(shot.transition)} in
                    </p>
                  </div>
                </div>
                <div class="shot-main">
                  <input type="hidden" name="camera" value={shot.camera} />
                  <input type="hidden" name="beat" value={shot.beat} />
                  <input type="hidden" name="transition" value={shot.transition} />
                  <div class={`field ${errors[`caption-${n}`] ? 'field-invalid' : ''}`}>
                    <label for={`caption-${n}`}>On-screen caption</label>
                    <input
                      id={`caption-${n}`}
                      type="text"
                      name="caption"
                      value={shot.caption}
                      maxlength={shotLimits.caption}
                      lang={screenplay.language}
                    />
                    {errors[`caption-${n}`] && <p class="error">{errors[`caption-${n}`]}</p>}
                  </div>
                  <div class={`field ${errors[`prompt-${n}`] ? 'field-invalid' : ''}`}>
                    <label for={`prompt-${n}`}>Shot prompt (sent to the video model)</label>
                    <textarea id={`prompt-${n}`} name="prompt" rows={4} maxlength={shotLimits.prompt}>
                      {shot.prompt}
                    </textarea>
                    {errors[`prompt-${n}`] && <p class="error">{errors[`prompt-${n}`]}</p>}
                  </div>
                  <div class="shot-controls">
                    <label class="inline-label">
                      Duration{' '}
                      <select name="duration">
                        <option value="5" selected={shot.durationSeconds === 5}>
                          5 s
                        </option>
                        <option value="10" selected={shot.durationSeconds === 10}>
                          10 s
                        </option>
                      </select>
                    </label>
                    <span class="spacer" />
                    <button
                      type="submit"
                      name="intent"
                      value={`up:${n}`}
                      class="button button-secondary button-small"
                      disabled={n === 1}
                      aria-label={`Move shot ${n} up`}
                    >
                      ↑
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value={`down:${n}`}
                      class="button button-secondary button-small"
                      disabled={n === screenplay.shots.length}
                      aria-label={`Move shot ${n} down`}
                    >
                      ↓
                    </button>
                    <button
                      type="submit"
                      name="intent"
                      value={`drop:${n}`}
                      class="button button-secondary button-small"
                      disabled={!canDrop}
                      aria-label={`Drop shot ${n}`}
                    >
                      Drop
                    </button>
                  </div>
                </div>
              </li>
            )
          })}
        </ol>
        <RenderBar
          render={render}
          savedVersion={savedVersion}
          totalSeconds={screenplay.shots.reduce((sum, shot) => sum + shot.durationSeconds, 0)}
        />
      </form>
      {deletableVersion && (
        <section class="card">
          <details class="danger-zone">
            <summary>Delete version {deletableVersion}</summary>
            <p>
              This deletes the saved version {deletableVersion} of this screenplay; the other versions stay. Each brief
              keeps a limited number of versions, so this makes room for a new one.
            </p>
            <form method="post" action={`${base}/versions/${deletableVersion}/delete`}>
              <button type="submit" class="button button-danger">
                Delete version {deletableVersion}
              </button>
            </form>
          </details>
        </section>
      )}
    </Layout>
  )
}

/**
 * Always in view at the foot of the editor: Render video (the next step, so the most prominent),
 * Save screenplay beside it, and what a render uses of the monthly quota. Render video posts the
 * editor's form to /videos, which saves an edited draft as a new version first.
 */
function RenderBar({
  render,
  savedVersion,
  totalSeconds,
}: {
  render: ScreenplayPageProps['render']
  savedVersion: number | null
  totalSeconds: number
}) {
  const allowed = render.left > 0 && !render.storageFull
  return (
    <section class="render-bar sticky-actions" data-testid="render-panel" aria-label="Render or save">
      <div class="render-bar-buttons">
        <button type="submit" formaction="/videos" class="button" disabled={!allowed}>
          Render video
        </button>
        <button type="submit" name="intent" value="save" class="button button-secondary">
          Save screenplay
        </button>
      </div>
      <div class="render-bar-text">
        <p class="small" data-testid="render-allowance">
          {render.left > 0
            ? `Uses 1 of your ${render.quota} videos this month (${render.left} left).`
            : `You have used all ${render.quota} videos this month. Your quota resets on ${longDate.format(render.resetsAt)}.`}
        </p>
        {render.storageFull && (
          <p class="error small" data-testid="render-storage">
            {render.storageFull}
          </p>
        )}
        <p class="muted small render-bar-note">
          Total {totalSeconds} s.{' '}
          {savedVersion
            ? `Renders version ${savedVersion}; anything you changed is saved as a new version first.`
            : 'Rendering saves this draft as a new version first.'}
        </p>
      </div>
    </section>
  )
}
