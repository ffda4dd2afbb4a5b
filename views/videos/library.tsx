import { formatDate } from '../../src/i18n/format.js'
import { Layout, type Viewer } from '../layout.js'
import type { VideoView } from './model.js'

/** What a card shows of a video. */
export type LibraryCardView = Pick<VideoView, 'id' | 'title' | 'status' | 'aspectRatio' | 'lengthSeconds' | 'createdAt'>

import { statusLabel } from './status.js'

export function LibraryPage({
  viewer,
  videos,
  page,
  pages,
  total,
}: {
  viewer: Viewer
  videos: LibraryCardView[]
  page: number
  pages: number
  total: number
}) {
  const { lang } = viewer
  const { t, href } = lang
  return (
    <Layout title={t('videos.library.title')} viewer={viewer} width="wide" translated>
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
                {v.status === 'done' ? (
                  <img src={`/videos/${v.id}/poster.jpg`} alt="" class="item-thumb" loading="lazy" />
                ) : (
                  <div class="item-thumb item-thumb-empty">{statusLabel(v.status, lang)}</div>
                )}
                <h2>{v.title}</h2>
              </a>
              <p class="muted small">
                <span class={`status-dot status-${v.status}`} aria-hidden="true" />{' '}
                {t('videos.library.cardMeta', {
                  status: statusLabel(v.status, lang),
                  seconds: v.lengthSeconds,
                  aspect: v.aspectRatio,
                  date: formatDate(lang.locale, v.createdAt, 'short'),
                })}
              </p>
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
