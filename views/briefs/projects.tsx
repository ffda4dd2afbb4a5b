import type { Project } from '../../src/briefs/service.js'
import { shortDate as dateFormat } from '../components/dates.js'
import { Layout, type Viewer } from '../layout.js'

export function ProjectsPage({
  viewer,
  projects,
  notice,
}: {
  viewer: Viewer
  projects: Project[]
  notice?: string | undefined
}) {
  return (
    <Layout
      title="My projects"
      viewer={viewer}
      width="wide"
      notice={notice ? { kind: 'success', text: notice } : undefined}
    >
      <div class="page-head">
        <h1>My projects</h1>
        <a class="button" href="/briefs/new">
          New project
        </a>
      </div>
      {projects.length === 0 ? (
        <section class="card empty-state">
          <h2>No projects yet</h2>
          <p class="muted">Start with a product photo and a few lines about what makes it special.</p>
          <a class="button" href="/briefs/new">
            Create your first project
          </a>
        </section>
      ) : (
        <ul class="project-grid">
          {projects.map((p) => (
            <li class="card project-card">
              <a href={`/briefs/${p.id}/screenplay`} class="project-link">
                {p.image ? (
                  <img src={`/images/${p.image.id}/thumb`} alt="" class="project-thumb" loading="lazy" />
                ) : (
                  <div class="project-thumb project-thumb-empty">No photo</div>
                )}
                <h2>{p.brief.productName}</h2>
              </a>
              <p class="muted small">
                {p.brief.aspectRatio} · {p.brief.lengthSeconds} s · updated {dateFormat.format(p.updatedAt)}
              </p>
              <div class="project-actions">
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
