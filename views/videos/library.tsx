import { shortDate as date } from '../components/dates.js'
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
  return (
    <Layout title="My videos" viewer={viewer} width="wide">
      <div class="page-head">
        <div>
          <h1>My videos</h1>
          <p class="muted">{total === 1 ? '1 video' : `${total} videos`}, newest first</p>
        </div>
        <a class="button button-secondary" href="/briefs">
          My briefs
        </a>
      </div>
      {videos.length === 0 && total > 0 ? (
        <section class="card empty-state">
          <h2>No videos on this page</h2>
          <p class="muted">This page is past the end of your library.</p>
          <a class="button" href="/videos">
            Back to the newest videos
          </a>
        </section>
      ) : videos.length === 0 ? (
        <section class="card empty-state">
          <h2>No videos yet</h2>
          <p class="muted">Open a brief and press Render video on its screenplay.</p>
          <a class="button" href="/briefs">
            Go to my briefs
          </a>
        </section>
      ) : (
        <ul class="card-grid">
          {videos.map((v) => (
            <li class="card item-card" data-testid="video-card">
              <a href={`/videos/${v.id}`} class="item-link">
                {v.status === 'done' ? (
                  <img src={`/videos/${v.id}/poster.jpg`} alt="" class="item-thumb" loading="lazy" />
                ) : (
                  <div class="item-thumb item-thumb-empty">{statusLabel(v.status)}</div>
                )}
                <h2>{v.title}</h2>
              </a>
              <p class="muted small">
                <span class={`status-dot status-${v.status}`} aria-hidden="true" /> {statusLabel(v.status)} ·{' '}
                {v.lengthSeconds} s · {v.aspectRatio} · {date.format(v.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pagination" aria-label="Pages">
          {page > 1 ? <a href={`/videos?page=${page - 1}`}>← Newer</a> : <span />}
          <span class="muted">
            Page {page} of {pages}
          </span>
          {page < pages ? <a href={`/videos?page=${page + 1}`}>Older →</a> : <span />}
        </nav>
      )}
    </Layout>
  )
}
