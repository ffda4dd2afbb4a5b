import { shortDate as dateFormat } from '../components/dates.js'
import { Layout, type Viewer } from '../layout.js'
import type { BriefCardView } from './model.js'

export function BriefsPage({
  viewer,
  briefs,
  notice,
}: {
  viewer: Viewer
  briefs: BriefCardView[]
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
        <h1>My briefs</h1>
        <a class="button" href="/briefs/new">
          New brief
        </a>
      </div>
      {briefs.length === 0 ? (
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
    </Layout>
  )
}
