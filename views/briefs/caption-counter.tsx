import type { PageLanguage } from '../../src/i18n/page.js'
import type { Language } from '../../src/screenplay/brief.js'
import { captionGuide, captionLength, captionLimit, isChinese } from '../../src/screenplay/caption-guide.js'

export const captionCounterId = (n: number) => `caption-${n}-count`

/**
 * Under a shot's caption: its length against the caption guide and the guide itself. The server
 * writes it, so a page without JavaScript says it too (after each save); static/caption-counter.js
 * keeps the number live while the person types. Over the guide is a warning: the hard cap is
 * shotLimits.caption, which the field's maxlength and the save enforce.
 */
export function CaptionCounter({
  lang,
  n,
  caption,
  language,
}: {
  lang: PageLanguage
  n: number
  caption: string
  language: Language
}) {
  const { t } = lang
  const max = captionLimit(language)
  const count = captionLength(caption, language)
  const chinese = isChinese(language)
  const guide = chinese
    ? t('briefs.screenplay.captionGuideChinese', { perLine: captionGuide.chineseLineChars })
    : t('briefs.screenplay.captionGuideLatin', { max })
  return (
    <p
      class={`hint caption-count${count > max ? ' caption-over' : ''}`}
      id={captionCounterId(n)}
      data-caption-limit={String(max)}
      data-caption-script={chinese ? 'chinese' : 'latin'}
    >
      {/* The template keeps the page's words; the script only puts the number in. */}
      <span data-caption-count-text data-template={t('briefs.screenplay.captionCount', { count: '{count}', max })}>
        {t('briefs.screenplay.captionCount', { count, max })}
      </span>{' '}
      <span>{guide}</span>{' '}
      <strong data-caption-over hidden={count <= max}>
        {t('briefs.screenplay.captionOver')}
      </strong>
    </p>
  )
}
