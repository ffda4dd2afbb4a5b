import { isVideoFinished } from '../../db/states.js'
import { dateTime } from '../components/dates.js'
import { Layout, type Viewer } from '../layout.js'
import type { ShotView, VideoView } from './model.js'
import { VideoStatus } from './status.js'

export function VideoPage({ viewer, video, shots }: { viewer: Viewer; video: VideoView; shots: ShotView[] }) {
  const base = `/videos/${video.id}`
  const cancelable = !isVideoFinished(video.status)
  return (
    <Layout title={video.title} viewer={viewer} width="wide">
      <p class="breadcrumbs">
        <a href="/videos">My videos</a> › {video.title}
      </p>
      <div class="page-head">
        <div>
          <h1>{video.title}</h1>
          <p class="muted">
            {video.aspectRatio} · {video.lengthSeconds} s of shots + end card · {shots.length} shots · started{' '}
            {dateTime.format(video.createdAt)} UTC
          </p>
        </div>
        <div class="head-actions">
          <a class="button button-secondary" href={`/briefs/${video.briefId}/screenplay`}>
            Screenplay
          </a>
          {cancelable && (
            <form
              method="post"
              action={`${base}/cancel`}
              hx-confirm="Cancel this render? It will not count against your quota."
            >
              <button type="submit" class="button button-secondary">
                Cancel render
              </button>
            </form>
          )}
        </div>
      </div>

      {video.status === 'done' && (
        <section class="card player-card">
          {/* biome-ignore lint/a11y/useMediaCaption: the captions are burnt into the picture and the sound track is silent */}
          <video
            controls
            preload="metadata"
            poster={`${base}/poster.jpg`}
            class={`player aspect-${video.aspectRatio.replace(':', 'x')}`}
            src={`${base}/video.mp4`}
            data-testid="player"
          >
            Your browser cannot play this video. <a href={`${base}/video.mp4?download=1`}>Download it</a> instead.
          </video>
          <div class="player-actions">
            <a class="button" href={`${base}/video.mp4?download=1`} download>
              Download MP4
            </a>
            <span class="muted small">
              {video.outputBytes ? `${(video.outputBytes / 1024 / 1024).toFixed(1)} MB` : ''}
            </span>
          </div>
        </section>
      )}

      <VideoStatus video={video} shots={shots} />

      {video.status === 'done' && (
        <section class="card">
          <h2>Individual clips</h2>
          <ul class="clip-list">
            {shots.map((shot) => (
              <li>
                <a href={`${base}/clips/${shot.position}.mp4?download=1`} download>
                  Shot {shot.position}
                </a>{' '}
                <span class="muted small">{shot.durationSeconds} s</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  )
}
