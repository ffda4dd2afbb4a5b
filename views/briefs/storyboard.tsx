import type { PageLanguage } from '../../src/i18n/page.js'
import type { AspectRatio, Language } from '../../src/screenplay/brief.js'

// The storyboard draws each shot as the video will show it (issue 23): the frame at the video's
// ratio, the brief's photo framed as the render frames it (cover, centred), the caption over it in
// the video's type (bold, about 6 % of the frame's height, in a tight dark box). No inline styles
// (the CSP forbids them): ratios are classes, the brand colour an SVG fill.

const ratioClass = (ratio: AspectRatio) => `aspect-${ratio.replace(':', 'x')}`

/** One shot's frame: the photo and its caption (static/screenplay-editor.js keeps the caption live). */
export function ShotFrame({
  aspectRatio,
  imageId,
  caption,
  captionId,
  language,
}: {
  aspectRatio: AspectRatio
  imageId: string | undefined
  caption: string
  /** The caption field this frame shows. */
  captionId: string
  language: Language
}) {
  return (
    <div class={`shot-frame ${ratioClass(aspectRatio)}`} data-frame>
      {imageId ? <img src={`/images/${imageId}/thumb`} alt="" class="shot-photo" /> : <span class="shot-photo" />}
      <p class="frame-caption" lang={language} data-caption-preview={captionId} hidden={caption.trim() === ''}>
        <span>{caption}</span>
      </p>
    </div>
  )
}

/** Black or white text on the brand colour, whichever reads (WCAG relative luminance). */
function readsDark(hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }) as [number, number, number]
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4
}

// The render's own default when a brief has no brand colour (src/render/stitch/plan.ts).
const DEFAULT_END_CARD = '#14161A'

/** A still of the end card: the product photo, its name and the call to action, in the brand colour. */
export function EndCardPreview({
  lang: { t },
  aspectRatio,
  imageId,
  productName,
  callToAction,
  brandColor,
}: {
  lang: PageLanguage
  aspectRatio: AspectRatio
  imageId: string | undefined
  productName: string
  callToAction: string
  brandColor: string | undefined
}) {
  const colour = brandColor ?? DEFAULT_END_CARD
  const dark = readsDark(colour)
  return (
    <section class="card end-card-preview" aria-labelledby="end-card-heading">
      <h2 id="end-card-heading">{t('briefs.screenplay.endCard')}</h2>
      <div class={`end-card-frame ${ratioClass(aspectRatio)} ${dark ? 'end-card-dark-text' : 'end-card-light-text'}`}>
        <svg class="end-card-bg" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
          <rect width="1" height="1" fill={colour} />
        </svg>
        {imageId && <img src={`/images/${imageId}/thumb`} alt="" class="end-card-photo" />}
        <p class="end-card-title">{productName}</p>
        <p class="end-card-cta">
          <svg class="end-card-cta-bg" viewBox="0 0 1 1" preserveAspectRatio="none" aria-hidden="true">
            <rect width="1" height="1" rx="0.08" fill={dark ? '#111111' : '#ffffff'} />
          </svg>
          <span>{callToAction}</span>
        </p>
      </div>
      <p class="muted small">{t('briefs.screenplay.endCardNote')}</p>
    </section>
  )
}
