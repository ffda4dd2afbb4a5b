import { isVideoFinished } from '../../db/states.js'
import { formatBytes, formatDate } from '../../src/i18n/format.js'
import type { Translator } from '../../src/i18n/translate.js'
import { Breadcrumbs } from '../components/breadcrumbs.js'
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
  const { lang } = viewer
  const { t, href } = lang
  return (
    <Layout
      title={videoPageTitle(lang, video, shots)}
      viewer={viewer}
      width="wide"
      translated
      refreshWithoutScriptSeconds={isVideoFinished(video.status) ? undefined : 5}
    >
      <Breadcrumbs lang={lang} trail={[{ label: t('videos.library.title'), path: '/videos' }]} current={video.title} />
      <div class="page-head">
        <div>
          <h1>{video.title}</h1>
          <p class="muted">
            {t('videos.page.meta', {
              aspect: video.aspectRatio,
              seconds: video.lengthSeconds,
              shots: shots.length,
              date: formatDate(lang.locale, video.createdAt, 'dateTime'),
            })}
          </p>
        </div>
        <div class="head-actions">
          <a class="button button-secondary" href={href(`/briefs/${video.briefId}/screenplay`)}>
            {t('videos.page.screenplay')}
          </a>
        </div>
      </div>

      <VideoPlayer lang={lang} video={video} />

      {notice === 'cancel-counts' && !isVideoFinished(video.status) && (
        <div class="notice notice-info" role="status">
          {t('videos.page.notCanceled')}
        </div>
      )}

      <VideoStatus lang={lang} video={video} shots={shots} quota={quota} />
      <RenderAnnouncer />
    </Layout>
  )
}

/**
 * The player once the video is done; before, an empty place for it, which the last poll fills
 * (FinishedInPlace), so the page never reloads under a person reading it.
 */
export function VideoPlayer({
  lang,
  video,
  outOfBand,
}: {
  lang: Pick<Translator, 't' | 'rich' | 'locale'>
  video: VideoView
  outOfBand?: boolean
}) {
  if (video.status !== 'done') return <div id="video-player" />
  const { t, rich } = lang
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
        {rich('videos.player.cannotPlay', { link: (words) => <a href={`${base}/video.mp4?download=1`}>{words}</a> })}
      </video>
      <div class="player-actions">
        <a class="button" href={`${base}/video.mp4?download=1`} download>
          {t('videos.player.download')}
        </a>
        <span class="muted small">{video.outputBytes ? formatBytes(lang.locale, video.outputBytes) : ''}</span>
      </div>
    </section>
  )
}

/**
 * Out of band in the poll that first sees the video finished: the player (when it is done) and
 * no more refresh for browsers without script, so the page shows the end without reloading.
 */
export function FinishedInPlace({
  lang,
  video,
}: {
  lang: Pick<Translator, 't' | 'rich' | 'locale'>
  video: VideoView
}) {
  return (
    <>
      {video.status === 'done' && <VideoPlayer lang={lang} video={video} outOfBand />}
      <div id={REFRESH_WITHOUT_SCRIPT_ID} hx-swap-oob="delete" />
    </>
  )
}
