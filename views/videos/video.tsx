import { isVideoFinished } from '../../db/states.js'
import { formatBytes, formatDate } from '../../src/i18n/format.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import type { Translator } from '../../src/i18n/translate.js'
import { Breadcrumbs } from '../components/breadcrumbs.js'
import { Layout, REFRESH_WITHOUT_SCRIPT_ID, type Viewer } from '../layout.js'
import { RenderAnnouncer } from './announcer.js'
import { type LibraryCardView, VideoThumb } from './library.js'
import type { ShotView, VideoQuotaView, VideoView } from './model.js'
import { NextSteps } from './next-steps.js'
import { VideoStatus, videoPageTitle } from './status.js'

export function VideoPage({
  viewer,
  video,
  shots,
  quota,
  notice,
  version,
  fromBrief,
  minutesLeft,
  fileName,
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
  /** Measured minutes the render still needs (0: under one), if anything was measured. */
  minutesLeft?: number | undefined
  /** The downloaded file's name, which the share sheet's file takes too. */
  fileName: string
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
          {video.variantGroupId && (
            <a class="button button-secondary" href={href(`/variants/${video.variantGroupId}`)}>
              {t('variants.compare.fromVideo')}
            </a>
          )}
          <a class="button button-secondary" href={href(`/briefs/${video.briefId}/screenplay?version=${version}`)}>
            {t('videos.page.screenplayVersion', { version })}
          </a>
        </div>
      </div>

      <VideoPlayer lang={lang} video={video} fileName={fileName} />

      {notice === 'cancel-counts' && !isVideoFinished(video.status) && (
        <div class="notice notice-info" role="status">
          {t('videos.page.notCanceled')}
        </div>
      )}

      <VideoStatus lang={lang} video={video} shots={shots} quota={quota} minutesLeft={minutesLeft} />
      <RenderAnnouncer />
      <NextSteps lang={lang} video={video} />
      <FromThisBrief lang={lang} current={video.id} videos={fromBrief} />
      <script src="/static/video-page.js" defer></script>
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
  fileName,
  outOfBand,
}: {
  lang: Pick<Translator, 't' | 'rich' | 'locale'>
  video: VideoView
  fileName: string
  outOfBand?: boolean
}) {
  if (video.status !== 'done') return <div id="video-player" />
  const { t, rich } = lang
  const base = `/videos/${video.id}`
  return (
    <section id="video-player" class="card player-card" hx-swap-oob={outOfBand ? 'true' : undefined}>
      <div class="player-box">
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
        {/* Tapping the poster plays (static/video-page.js shows this button; without script the controls do). */}
        <button type="button" class="play-over" data-play hidden aria-label={t('nextsteps.play')}>
          <span class="play-mark" aria-hidden="true" />
        </button>
      </div>
      <div class="player-actions">
        <a class="button" href={`${base}/video.mp4?download=1`} download>
          {t('videos.player.download')}
        </a>
        {/* The phone's share sheet, with the file where the browser can share one (static/video-page.js). */}
        <button
          type="button"
          class="button button-secondary"
          data-share={`${base}/video.mp4`}
          data-file-name={fileName}
          data-title={video.title}
          hidden
        >
          {t('nextsteps.share')}
        </button>
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
  fileName,
}: {
  lang: Pick<PageLanguage, 't' | 'rich' | 'locale' | 'href'>
  video: VideoView
  fileName: string
}) {
  return (
    <>
      {video.status === 'done' && <VideoPlayer lang={lang} video={video} fileName={fileName} outOfBand />}
      <NextSteps lang={lang} video={video} outOfBand />
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
