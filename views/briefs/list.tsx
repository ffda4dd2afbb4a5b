import { shortDate as dateFormat } from '../components/dates.js'
import { Layout, type Viewer } from '../layout.js'
import type { BriefCardView } from './model.js'

export function BriefsPage({
  viewer,
  briefs,
  page,
  pages,
  total,
  notice,
}: {
  viewer: Viewer
  briefs: BriefCardView[]
  page: number
  pages: number
  total: number
  notice?: string | undefined
}) {
  return (
    <Layout
      title="My briefs"
      viewer={viewer}
      width="wide"
      notice={notice ? { kind: 'success', text: notice } : undefined}
    >
      <div class="page-head">
        <div>
          <h1>My briefs</h1>
          <p class="muted">{total === 1 ? '1 brief' : `${total} briefs`}, most recently changed first</p>
        </div>
        <a class="button" href="/briefs/new">
          New brief
        </a>
      </div>
      {briefs.length === 0 && total > 0 ? (
        <section class="card empty-state">
          <h2>No briefs on this page</h2>
          <p class="muted">This page is past the end of your briefs.</p>
          <a class="button" href="/briefs">
            Back to the first page
          </a>
        </section>
      ) : briefs.length === 0 ? (
        <section class="card empty-state">
          <h2>No briefs yet</h2>
          <p class="muted">Start with a product photo and a few lines about what makes it special.</p>
          <a class="button" href="/briefs/new">
            Write your first brief
          </a>
        </section>
      ) : (
        <ul class="card-grid">
          {briefs.map((p) => (
            <li class="card item-card">
              <a href={`/briefs/${p.id}/screenplay`} class="item-link">
                {p.imageId ? (
                  <img src={`/images/${p.imageId}/thumb`} alt="" class="item-thumb" loading="lazy" />
                ) : (
                  <div class="item-thumb item-thumb-empty">No photo</div>
                )}
                <h2>{p.productName}</h2>
              </a>
              <p class="muted small">
                {p.aspectRatio} · {p.lengthSeconds} s · updated {dateFormat.format(p.updatedAt)}
              </p>
              <div class="item-actions">
                <a href={`/briefs/${p.id}/screenplay`}>Screenplay</a>
                <a href={`/briefs/${p.id}/edit`}>Edit brief</a>
              </div>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pagination" aria-label="Pages">
          {page > 1 ? <a href={`/briefs?page=${page - 1}`}>← Newer</a> : <span />}
          <span class="muted">
            Page {page} of {pages}
          </span>
          {page < pages ? <a href={`/briefs?page=${page + 1}`}>Older →</a> : <span />}
        </nav>
      )}
    </Layout>
  )
}
