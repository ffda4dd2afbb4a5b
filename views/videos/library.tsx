import { formatDate } from '../../src/i18n/format.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import { Layout, type Viewer } from '../layout.js'
import { CONFIRMED_VALS, type Confirmation, dialogText } from '../pages/confirm.js'
import type { VideoView } from './model.js'
import { statusLabel } from './status.js'

/** What a card shows of a video: with the screenplay version, three takes of one brief tell apart. */
export type LibraryCardView = Pick<
  VideoView,
  'id' | 'title' | 'status' | 'aspectRatio' | 'lengthSeconds' | 'createdAt'
> & {
  version: number
}

export const DELETE_VIDEO_CONFIRMATION: Confirmation = {
  question: 'videos.delete.question',
  consequence: 'videos.delete.consequence',
  goLabel: 'videos.delete.go',
  keepLabel: 'videos.delete.keep',
  destructive: true,
}

/** The poster's intrinsic size from its ratio ("9:16" → 90×160), so it keeps that ratio, never cropped. */
export function posterSize(aspectRatio: string): { width: number; height: number } {
  const [w, h] = aspectRatio.split(':').map(Number)
  if (!w || !h) return { width: 160, height: 160 }
  return w >= h ? { width: 160, height: Math.round((160 * h) / w) } : { width: Math.round((160 * w) / h), height: 160 }
}

/** "0:30", "1:05": a length as video players show it, the same in every language. */
export function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`
}

export function VideoThumb({ lang, video }: { lang: PageLanguage; video: LibraryCardView }) {
  const size = posterSize(video.aspectRatio)
  return (
    <div class="video-frame">
      {video.status === 'done' ? (
        <>
          <img
            src={`/videos/${video.id}/poster.jpg`}
            alt=""
            class="video-poster"
            loading="lazy"
            width={size.width}
            height={size.height}
          />
          <span class="play-mark" aria-hidden="true" />
        </>
      ) : (
        <span class="video-frame-status">{statusLabel(video.status, lang)}</span>
      )}
      <span class="frame-badge frame-format" aria-hidden="true">
        {video.aspectRatio}
      </span>
      <span class="frame-badge frame-length" aria-hidden="true">
        {clock(video.lengthSeconds)}
      </span>
    </div>
  )
}

export function LibraryPage({
  viewer,
  videos,
  page,
  pages,
  total,
  deleted,
}: {
  viewer: Viewer
  videos: LibraryCardView[]
  page: number
  pages: number
  total: number
  /** Right after a video was deleted from its card. */
  deleted?: boolean
}) {
  const { lang } = viewer
  const { t, href } = lang
  return (
    <Layout
      title={t('videos.library.title')}
      viewer={viewer}
      width="wide"
      translated
      notice={deleted ? { kind: 'success', text: t('videos.library.deleted') } : undefined}
    >
      <div class="page-head">
        <div>
          <h1>{t('videos.library.title')}</h1>
          <p class="muted">{t('videos.library.count', { total })}</p>
        </div>
        <a class="button button-secondary" href={href('/briefs')}>
          {t('videos.library.briefs')}
        </a>
      </div>
      {videos.length === 0 && total > 0 ? (
        <section class="card empty-state">
          <h2>{t('videos.library.pastEndHeading')}</h2>
          <p class="muted">{t('videos.library.pastEnd')}</p>
          <a class="button" href={href('/videos')}>
            {t('videos.library.backToNewest')}
          </a>
        </section>
      ) : videos.length === 0 ? (
        <section class="card empty-state">
          <h2>{t('videos.library.emptyHeading')}</h2>
          <p class="muted">{t('videos.library.empty')}</p>
          <a class="button" href={href('/briefs')}>
            {t('videos.library.goToBriefs')}
          </a>
        </section>
      ) : (
        <ul class="card-grid">
          {videos.map((v) => (
            <li class="card item-card" data-testid="video-card">
              <a href={href(`/videos/${v.id}`)} class="item-link">
                <VideoThumb lang={lang} video={v} />
                <h2>{v.title}</h2>
              </a>
              <p class="muted small">
                <span class={`status-dot status-${v.status}`} aria-hidden="true" />{' '}
                {t('videos.library.cardMeta', {
                  status: statusLabel(v.status, lang),
                  seconds: v.lengthSeconds,
                  aspect: v.aspectRatio,
                  version: v.version,
                  date: formatDate(lang.locale, v.createdAt, 'short'),
                })}
              </p>
              <div class="item-actions">
                {v.status === 'done' && (
                  <a href={`/videos/${v.id}/video.mp4?download=1`} download>
                    {t('videos.library.download')}
                  </a>
                )}
                <form
                  method="post"
                  action={href(`/videos/${v.id}/delete`)}
                  hx-post={href(`/videos/${v.id}/delete`)}
                  hx-confirm={dialogText(lang, DELETE_VIDEO_CONFIRMATION)}
                  hx-vals={CONFIRMED_VALS}
                  class="inline-form"
                >
                  <button type="submit" class="link-button link-danger">
                    {t('videos.library.delete')}
                  </button>
                </form>
              </div>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pagination" aria-label={t('videos.library.pages')}>
          {page > 1 ? <a href={href(`/videos?page=${page - 1}`)}>{t('videos.library.newer')}</a> : <span />}
          <span class="muted">{t('videos.library.pageOf', { page, pages })}</span>
          {page < pages ? <a href={href(`/videos?page=${page + 1}`)}>{t('videos.library.older')}</a> : <span />}
        </nav>
      )}
    </Layout>
  )
}
