import { formatDate } from '../../src/i18n/format.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import { musicName } from './labels.js'

/**
 * "Make 3 variants" on the screenplay page: what it makes, what it uses of the month's videos,
 * and, when it cannot start, why (the server refuses the same way: src/variants/service.ts).
 */
export function VariantsPanel({
  lang,
  briefId,
  music,
  render,
}: {
  lang: PageLanguage
  briefId: string
  /** The brief's music: anything but "auto" is kept for every variant. */
  music: string
  render: { left: number; resetsAt: number; storageFull?: string | undefined }
}) {
  const { t, href, locale } = lang
  const short = render.left < 3
  const allowed = !short && !render.storageFull
  return (
    <section class="card variants-panel" aria-labelledby="variants-heading" data-testid="variants-panel">
      <h2 id="variants-heading">{t('variants.panel.heading')}</h2>
      <p>
        {music === 'auto'
          ? t('variants.panel.lead')
          : music === 'none'
            ? t('variants.panel.leadKeptMusic', { music: musicName(lang, music) })
            : t('variants.panel.leadPartsOfMusic', { music: musicName(lang, music) })}
      </p>
      <form method="post" action={href('/variants')} class="form-actions">
        <input type="hidden" name="briefId" value={briefId} />
        <button
          type="submit"
          class="button button-secondary"
          disabled={!allowed}
          aria-describedby="variants-allowance"
          data-testid="make-variants"
        >
          {t('variants.panel.button')}
        </button>
        <span id="variants-allowance" class={short ? 'error small' : 'muted small'} data-testid="variants-allowance">
          {short
            ? t('variants.panel.short', { left: render.left, date: formatDate(locale, render.resetsAt, 'long') })
            : (render.storageFull ?? t('variants.panel.uses', { left: render.left }))}
        </span>
      </form>
    </section>
  )
}
