import { isVideoFinished } from '../../db/states.js'
import { formatBytes, formatDate } from '../../src/i18n/format.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import type { Translator } from '../../src/i18n/translate.js'
import { Breadcrumbs } from '../components/breadcrumbs.js'
import { Layout, REFRESH_WITHOUT_SCRIPT_ID, type Viewer } from '../layout.js'
import { RenderAnnouncer } from './announcer.js'
import { type LibraryCardView, VideoThumb } from './library.js'
import type { ShotView, VideoQuotaView, VideoView } from './model.js'
import { VideoStatus, videoPageTitle } from './status.js'

export function VideoPage({
  viewer,
  video,
  shots,
  quota,
  notice,
  version,
  fromBrief,
}: {
  viewer: Viewer
  video: VideoView
  shots: ShotView[]
  quota: VideoQuotaView
  /** The screenplay version it was made from. */
  version: number
  /** The newest videos made from the same brief, this one among them. */
  fromBrief: LibraryCardView[]
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
          <a class="button button-secondary" href={href(`/briefs/${video.briefId}/screenplay?version=${version}`)}>
            {t('videos.page.screenplayVersion', { version })}
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
      <FromThisBrief lang={lang} current={video.id} videos={fromBrief} />
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
      {video.musicCredit && <p class="hint music-credit">{t('music.credit', { attribution: video.musicCredit })}</p>}
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

/** The other takes and formats of the same brief, this one marked: the way between them. */
function FromThisBrief({ lang, current, videos }: { lang: PageLanguage; current: string; videos: LibraryCardView[] }) {
  if (videos.length < 2) return null
  const { t, href } = lang
  return (
    <section class="card from-brief" aria-labelledby="from-brief-heading" data-testid="from-brief">
      <h2 id="from-brief-heading">{t('videos.page.fromBrief')}</h2>
      <ul class="from-brief-list">
        {videos.map((v) => (
          <li>
            <a href={href(`/videos/${v.id}`)} aria-current={v.id === current ? 'page' : undefined}>
              <VideoThumb lang={lang} video={v} />
              <span class="small">
                {t('videos.page.fromBriefItem', {
                  aspect: v.aspectRatio,
                  seconds: v.lengthSeconds,
                  version: v.version,
                  date: formatDate(lang.locale, v.createdAt, 'short'),
                })}
              </span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
