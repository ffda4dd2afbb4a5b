import type { MessageKey } from '../../src/i18n/catalogs/index.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import type { AspectRatio, Language } from '../../src/screenplay/brief.js'
import type { ShotPhoto } from '../../src/screenplay/photos.js'
import {
  type CameraMove,
  cameraMoves,
  type Shot,
  shotLimits,
  type Transition,
  transitions,
} from '../../src/screenplay/schema.js'
import { CaptionCounter, captionCounterId } from './caption-counter.js'
import { photoRoleLabels } from './photo.js'

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

/** One shot of the storyboard: its frame, caption, choices, the prompt behind Advanced, its moves. */
export function ShotCard({
  lang,
  shot,
  n,
  count,
  canDrop,
  aspectRatio,
  language,
  imageId,
  photos,
  errors,
  focused,
}: {
  lang: PageLanguage
  shot: Shot
  /** 1-based position. */
  n: number
  count: number
  canDrop: boolean
  aspectRatio: AspectRatio
  language: Language
  imageId: string | undefined
  /** The brief's photos: with more than one, the shot's photo can be picked from them. */
  photos: readonly ShotPhoto[]
  errors: Record<string, string>
  /** Just moved: focused, so it stays in view. */
  focused: boolean
}) {
  const { t } = lang
  const promptError = errors[`prompt-${n}`]
  return (
    <li
      class="card shot-card"
      data-testid="shot"
      id={`shot-${n}`}
      tabindex={focused ? -1 : undefined}
      autofocus={focused}
    >
      <div class="shot-side">
        <ShotFrame
          aspectRatio={aspectRatio}
          imageId={imageId}
          caption={shot.caption}
          captionId={`caption-${n}`}
          language={language}
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
        {photos.length > 1 ? (
          <label class="inline-label shot-photo-pick">
            {t('photos.storyboard.pick', { n })}
            <select name="photo" data-shot-photo>
              {photos.map((photo, i) => (
                <option value={photo.imageId} selected={photo.imageId === imageId}>
                  {t('photos.storyboard.option', { n: i + 1, role: t(photoRoleLabels[photo.role]) })}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <input type="hidden" name="photo" value={imageId ?? ''} />
        )}
        <div class={`field ${errors[`caption-${n}`] ? 'field-invalid' : ''}`}>
          <label for={`caption-${n}`}>{t('briefs.screenplay.caption')}</label>
          <input
            id={`caption-${n}`}
            type="text"
            name="caption"
            value={shot.caption}
            maxlength={shotLimits.caption}
            lang={language}
            aria-describedby={captionCounterId(n)}
            data-caption-counter={captionCounterId(n)}
          />
          <CaptionCounter lang={lang} n={n} caption={shot.caption} language={language} />
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
            disabled={n === count}
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
}
