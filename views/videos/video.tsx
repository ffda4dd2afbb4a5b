import { isVideoFinished } from '../../db/states.js'
import { dateTime } from '../components/dates.js'
import { Layout, REFRESH_WITHOUT_SCRIPT_ID, type Viewer } from '../layout.js'
import { RenderAnnouncer } from './announcer.js'
import type { ShotView, VideoQuotaView, VideoView } from './model.js'
import { VideoStatus, videoPageTitle } from './status.js'

export function VideoPage({
  viewer,
  video,
  shots,
  quota,
  notice,
}: {
  viewer: Viewer
  video: VideoView
  shots: ShotView[]
  quota: VideoQuotaView
  /** A cancel confirmed on a page that said "free" after LibTV had taken a shot: nothing was canceled. */
  notice?: 'cancel-counts' | undefined
}) {
  return (
    <Layout
      title={videoPageTitle(video, shots)}
      viewer={viewer}
      width="wide"
      refreshWithoutScriptSeconds={isVideoFinished(video.status) ? undefined : 5}
    >
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
        </div>
      </div>

      <VideoPlayer video={video} />

      {notice === 'cancel-counts' && !isVideoFinished(video.status) && (
        <div class="notice notice-info" role="status">
          Not canceled: LibTV started rendering this video after the page was loaded, so canceling it now still counts
          against your monthly quota. Press Cancel render again if you still want to cancel.
        </div>
      )}

      <VideoStatus video={video} shots={shots} quota={quota} />
      <RenderAnnouncer />
    </Layout>
  )
}

/**
 * The player once the video is done; before, an empty place for it, which the last poll fills
 * (FinishedInPlace), so the page never reloads under a person reading it.
 */
export function VideoPlayer({ video, outOfBand }: { video: VideoView; outOfBand?: boolean }) {
  if (video.status !== 'done') return <div id="video-player" />
  const base = `/videos/${video.id}`
  return (
    <section id="video-player" class="card player-card" hx-swap-oob={outOfBand ? 'true' : undefined}>
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
        <span class="muted small">{video.outputBytes ? `${(video.outputBytes / 1024 / 1024).toFixed(1)} MB` : ''}</span>
      </div>
    </section>
  )
}

/**
 * Out of band in the poll that first sees the video finished: the player (when it is done) and
 * no more refresh for browsers without script, so the page shows the end without reloading.
 */
export function FinishedInPlace({ video }: { video: VideoView }) {
  return (
    <>
      {video.status === 'done' && <VideoPlayer video={video} outOfBand />}
      <div id={REFRESH_WITHOUT_SCRIPT_ID} hx-swap-oob="delete" />
    </>
  )
}
