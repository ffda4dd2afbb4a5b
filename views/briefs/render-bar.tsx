import { formatDate } from '../../src/i18n/format.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import type { ScreenplayPageProps } from './screenplay.js'

/**
 * Always in view at the foot of the editor: Render video (the next step, so the most prominent),
 * Save screenplay beside it, and what a render uses of the monthly quota. Render video posts the
 * editor's form to /videos, which saves an edited draft as a new version first.
 */
export function RenderBar({
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
      {/* Remembered per person: the render posts it (notifyAsked says the box was there to tick). */}
      <label class="render-bar-notify small">
        <input type="hidden" name="notifyAsked" value="1" />
        <input type="checkbox" name="notifyWhenReady" value="1" checked={render.notifyWhenReady === true} />{' '}
        {t('nextsteps.notify')}
      </label>
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
