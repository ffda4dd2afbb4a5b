import type { Translator } from '../../src/i18n/translate.js'

export type PhotoPreviewProps = {
  /** The page's words (viewer.lang, or translatorOf(c) for the fragment alone). */
  lang: Pick<Translator, 't'>
  image?: { id: string; width: number; height: number } | null
  /** Already in the page's language. */
  error?: string | undefined
}

/** The photo area of the brief form; also the fragment htmx swaps in after a preview upload. */
export function PhotoPreview({ lang: { t }, image, error }: PhotoPreviewProps) {
  return (
    <div id="photo-preview" class="photo-preview" aria-live="polite">
      {image ? (
        <figure class="photo-figure">
          <img src={`/images/${image.id}/thumb`} alt={t('briefs.photo.alt')} />
          <figcaption class="muted small">
            {t('briefs.photo.ready', { width: image.width, height: image.height })}
          </figcaption>
          <input type="hidden" name="imageId" value={image.id} />
        </figure>
      ) : (
        <div class="photo-empty muted small">{t('briefs.photo.none')}</div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
