import { isVideoFinished } from '../../db/states.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import { Breadcrumbs } from '../components/breadcrumbs.js'
import { Layout, type Viewer } from '../layout.js'
import { CONFIRMED_VALS, type Confirmation, dialogText } from '../pages/confirm.js'
import type { ShotView, VideoView } from '../videos/model.js'
import { renderPercent, statusLabel } from '../videos/status.js'
import { musicName, startTime, templateName, toneName } from './labels.js'

/** One variant as the compare page gets it: the video, its shots' progress, and what it was made with. */
export type VariantView = {
  video: VideoView
  shots: ShotView[]
  /** Its place in the set as made, 1-based: "Variant 2" stays so after the others are deleted. */
  position: number
  template: string
  tone: string
  music: string
  /** Where its music starts in the brief's track (ms), once known; null when it is not a part of one. */
  musicStartMs: number | null
}

export const KEEP_VARIANT_CONFIRMATION: Confirmation = {
  question: 'variants.keep.question',
  consequence: 'variants.keep.consequence',
  goLabel: 'variants.keep.go',
  keepLabel: 'variants.keep.stay',
  destructive: true,
}

/**
 * The variants of one set side by side (stacked on a phone), each playing once done, with its own
 * download and "Keep this one". Cards still rendering ask for themselves every 2 s (htmx) and
 * stop once finished, so a playing video is never swapped out; without JavaScript the page reloads.
 */
export function ComparePage({
  viewer,
  groupId,
  briefId,
  product,
  variants,
  kept,
}: {
  viewer: Viewer
  groupId: string
  briefId: string
  product: string
  variants: VariantView[]
  /** Just kept one: the others are gone. */
  kept?: boolean | undefined
}) {
  const { lang } = viewer
  const { t } = lang
  const rendering = variants.some((v) => !isVideoFinished(v.video.status))
  const canKeep = variants.length > 1
  return (
    <Layout
      title={t('variants.compare.title', { product })}
      viewer={viewer}
      width="wide"
      translated
      notice={kept ? { kind: 'success', text: t('variants.compare.kept') } : undefined}
      refreshWithoutScriptSeconds={rendering ? 5 : undefined}
    >
      <Breadcrumbs
        lang={lang}
        trail={[{ label: t('variants.compare.backToBrief'), path: `/briefs/${briefId}/screenplay` }]}
        current={t('variants.compare.title', { product })}
      />
      <h1>{t('variants.compare.title', { product })}</h1>
      <p class="muted">
        {canKeep ? t('variants.compare.lead', { count: variants.length }) : t('variants.compare.keptLead')}
      </p>
      <div class="variant-grid" data-testid="variant-grid">
        {variants.map((variant) => (
          <VariantCard lang={lang} groupId={groupId} variant={variant} canKeep={canKeep} />
        ))}
      </div>
    </Layout>
  )
}

/** One variant's card; also the fragment a card still rendering polls for. */
export function VariantCard({
  lang,
  groupId,
  variant,
  canKeep,
}: {
  lang: PageLanguage
  groupId: string
  variant: VariantView
  canKeep: boolean
}) {
  const { t, href } = lang
  const { video, shots, position: n } = variant
  const base = `/videos/${video.id}`
  const finished = isVideoFinished(video.status)
  const percent = renderPercent(video, shots)
  const heading = `variant-${n}-heading`
  const polling = finished
    ? {}
    : {
        'hx-get': href(`/variants/${groupId}/cards/${video.id}`),
        'hx-trigger': 'every 2s',
        'hx-swap': 'outerHTML',
      }
  return (
    <article
      id={`variant-${video.id}`}
      class="card variant-card"
      aria-labelledby={heading}
      data-testid="variant"
      data-status={video.status}
      {...polling}
    >
      <h2 id={heading}>{t('variants.compare.variant', { n })}</h2>
      <p class="small variant-differs" data-testid="variant-differs">
        {variant.musicStartMs === null
          ? t('variants.compare.differs', {
              template: templateName(lang, variant.template),
              tone: toneName(lang, variant.tone),
              music: musicName(lang, variant.music),
            })
          : t('variants.compare.differsFrom', {
              template: templateName(lang, variant.template),
              tone: toneName(lang, variant.tone),
              music: musicName(lang, variant.music),
              start: startTime(variant.musicStartMs),
            })}
      </p>
      {video.status === 'done' ? (
        // biome-ignore lint/a11y/useMediaCaption: the captions are burnt into the picture; the sound is music alone
        <video
          controls
          preload="metadata"
          poster={`${base}/poster.jpg`}
          class={`player variant-player aspect-${video.aspectRatio.replace(':', 'x')}`}
          src={`${base}/video.mp4`}
          aria-labelledby={heading}
        />
      ) : (
        <div class="variant-progress">
          <p class="small" data-testid="variant-progress">
            {t('variants.compare.progress', { status: statusLabel(video.status, lang), percent })}
          </p>
          {!finished && <progress max={100} value={percent} aria-label={t('variants.compare.progressLabel', { n })} />}
          {video.status === 'failed' && video.failureReason && (
            <p class="error small" role="alert">
              {video.failureReason}
            </p>
          )}
        </div>
      )}
      <div class="variant-actions">
        {video.status === 'done' && (
          <a class="button" href={`${base}/video.mp4?download=1`} download>
            {t('variants.compare.download', { n })}
          </a>
        )}
        <a class="button button-secondary" href={href(base)}>
          {t('variants.compare.open')}
        </a>
        {canKeep && (
          <form
            method="post"
            action={href(`/variants/${groupId}/keep/${video.id}`)}
            hx-post={href(`/variants/${groupId}/keep/${video.id}`)}
            hx-confirm={dialogText(lang, KEEP_VARIANT_CONFIRMATION)}
            hx-vals={CONFIRMED_VALS}
            class="inline-form"
          >
            <button type="submit" class="button button-secondary" aria-describedby={heading}>
              {t('variants.compare.keep')}
            </button>
          </form>
        )}
      </div>
    </article>
  )
}
