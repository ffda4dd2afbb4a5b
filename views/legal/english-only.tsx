import type { Viewer } from '../layout.js'

/**
 * The policy and the terms are English only for now (their Chinese texts are a later step): a
 * Chinese page says so in its own language above the English text.
 */
export function EnglishOnlyNote({ viewer }: { viewer: Viewer }) {
  const { locale, t } = viewer.lang
  if (locale === 'en') return null
  return (
    <p class="notice notice-info" lang={locale}>
      {t('legal.englishOnly')}
    </p>
  )
}
