import type { VideoStatus } from '../../db/states.js'
import type { BriefView } from '../briefs/model.js'
import { longDate, shortDate } from '../components/dates.js'
import { Layout, type Viewer } from '../layout.js'
import type { VideoView } from '../videos/model.js'
import { statusLabel } from '../videos/status.js'

export type HomeBriefView = {
  saved: BriefView
  latestVersion: number | null
  latestVideo: { id: string; status: VideoStatus } | null
}

type SignedInHomeProps = {
  viewer: Viewer
  videos: VideoView[]
  briefs: HomeBriefView[]
  allowance: { used: number; quota: number; left: number; resetsAt: number }
  /** Right after the email was confirmed. */
  welcome?: boolean
}

/** Where a brief stands, in a few words: the next thing the person would do with it. */
function briefState({ latestVersion, latestVideo }: HomeBriefView): string {
  if (latestVideo) return `Video: ${statusLabel(latestVideo.status).toLowerCase()}`
  if (latestVersion) return `Screenplay version ${latestVersion} saved, not rendered yet`
  return 'Screenplay not saved yet'
}

/**
 * The signed-in home page: the one thing to do next ("Make a video") first and largest, then the
 * newest videos and briefs with their state. With nothing made yet, the three steps, one line each.
 */
export function SignedInHomePage({ viewer, videos, briefs, allowance, welcome }: SignedInHomeProps) {
  const empty = videos.length === 0 && briefs.length === 0
  const quotaLine =
    allowance.left > 0
      ? `${allowance.left} of your ${allowance.quota} videos left this month.`
      : `You have used all ${allowance.quota} videos this month; more on ${longDate.format(allowance.resetsAt)}.`
  return (
    <Layout
      title="Home"
      viewer={viewer}
      width="wide"
      notice={
        welcome
          ? {
              kind: 'success',
              text: 'Welcome to Lumina.AI! Your email is confirmed and your account is ready. Your API key waits on your account page, shown once.',
            }
          : undefined
      }
    >
      <section class="card home-start">
        <div>
          <h1>{empty ? 'Make your first video' : 'Your videos'}</h1>
          <p class="muted" data-testid="home-allowance">
            {quotaLine}
          </p>
        </div>
        <a class="button button-large" href="/briefs/new">
          Make a video
        </a>
      </section>

      {empty ? (
        <section class="card" aria-labelledby="how-heading">
          <h2 id="how-heading">Three steps to a video</h2>
          <ol class="how-steps">
            <li>Describe your product and add one photo of it.</li>
            <li>Read the screenplay we write from it, and change any shot you like.</li>
            <li>Press Render video, and download the MP4 when it is ready.</li>
          </ol>
        </section>
      ) : (
        <>
          <section aria-labelledby="recent-videos">
            <div class="section-head">
              <h2 id="recent-videos">Recent videos</h2>
              {videos.length > 0 && <a href="/videos">All videos</a>}
            </div>
            {videos.length === 0 ? (
              <p class="muted">No videos yet. Open a brief below and press Render video on its screenplay.</p>
            ) : (
              <ul class="card-grid">
                {videos.map((v) => (
                  <li class="card item-card" data-testid="home-video">
                    <a href={`/videos/${v.id}`} class="item-link">
                      {v.status === 'done' ? (
                        <img src={`/videos/${v.id}/poster.jpg`} alt="" class="item-thumb" loading="lazy" />
                      ) : (
                        <div class="item-thumb item-thumb-empty">{statusLabel(v.status)}</div>
                      )}
                      <h3>{v.title}</h3>
                    </a>
                    <p class="muted small">
                      <span class={`status-dot status-${v.status}`} aria-hidden="true" /> {statusLabel(v.status)} ·{' '}
                      {shortDate.format(v.createdAt)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="recent-briefs" class="spaced">
            <div class="section-head">
              <h2 id="recent-briefs">Recent briefs</h2>
              <a href="/briefs">All briefs</a>
            </div>
            <ul class="brief-rows">
              {briefs.map((b) => (
                <li class="card brief-row" data-testid="home-brief">
                  {b.saved.image ? (
                    <img src={`/images/${b.saved.image.id}/thumb`} alt="" class="brief-row-thumb" loading="lazy" />
                  ) : (
                    <div class="brief-row-thumb item-thumb-empty" />
                  )}
                  <div class="brief-row-text">
                    <a href={`/briefs/${b.saved.id}/screenplay`} class="brief-row-name">
                      {b.saved.brief.productName}
                    </a>
                    <span class="muted small">{briefState(b)}</span>
                  </div>
                  {b.latestVideo && (
                    <a class="button button-secondary button-small" href={`/videos/${b.latestVideo.id}`}>
                      Open video<span class="visually-hidden"> of {b.saved.brief.productName}</span>
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Layout>
  )
}
