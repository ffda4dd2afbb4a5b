import { isVideoFinished, type ShotStatus, type VideoStatus as VideoState } from '../../db/states.js'
import type { MessageKey } from '../../src/i18n/catalogs/index.js'
import { type Translator, translator } from '../../src/i18n/translate.js'
import { doneShotPositions } from './announcer.js'
import type { ShotView, VideoQuotaView, VideoView } from './model.js'

type Words = Pick<Translator, 't'>

const SHOT_LABEL: Record<ShotStatus, MessageKey> = {
  queued: 'videos.shot.queued',
  submitted: 'videos.shot.submitted',
  running: 'videos.shot.running',
  moderating: 'videos.shot.moderating',
  downloading: 'videos.shot.downloading',
  done: 'videos.shot.done',
  failed: 'videos.shot.failed',
  canceled: 'videos.shot.canceled',
}
const VIDEO_LABEL: Record<VideoState, MessageKey> = {
  queued: 'videos.state.queued',
  rendering: 'videos.state.rendering',
  stitching: 'videos.state.stitching',
  done: 'videos.state.done',
  failed: 'videos.state.failed',
  canceled: 'videos.state.canceled',
}

const english = translator('en')

/** Usage follows LibTV's bill: a failed video counts only when LibTV charged for its work (terms, section 4). */
export const FAILED_FREE = english.t('videos.status.failedFree')
export const FAILED_BUT_CHARGED = english.t('videos.status.failedCharged')

/** A video's state in words; English unless given the page's translator (the signed-in home still passes none). */
export function statusLabel(status: VideoState, lang: Words = english): string {
  return lang.t(VIDEO_LABEL[status])
}

/**
 * The whole render as one percentage: the shots are most of the wait (90 %, each shot weighed by
 * its own progress), assembling the video the rest.
 */
export function renderPercent(video: Pick<VideoView, 'status' | 'stitchProgress'>, shots: ShotView[]): number {
  if (video.status === 'done') return 100
  if (video.status === 'stitching') return 90 + Math.floor(video.stitchProgress / 10)
  if (shots.length === 0) return 0
  const shotSum = shots.reduce((sum, s) => sum + (s.status === 'done' ? 100 : Math.min(99, s.percent)), 0)
  return Math.floor((shotSum / shots.length) * 0.9)
}

/** What the tab says about a video, so a person in another tab sees how far it is. */
export function videoPageTitle(lang: Words, video: VideoView, shots: ShotView[]): string {
  const title = video.title
  if (isVideoFinished(video.status))
    return lang.t('videos.title.finished', { status: statusLabel(video.status, lang), title })
  if (video.status === 'queued') return lang.t('videos.title.queued', { title })
  return lang.t('videos.title.rendering', { percent: renderPercent(video, shots), title })
}

/**
 * The live part of the video page. While the video is unfinished it asks for itself again
 * every 2 seconds (htmx); the finished version carries no trigger, so polling stops. The Cancel
 * button lives here, so what it says about the quota stays true while LibTV picks the shots up.
 */
export function VideoStatus({
  lang,
  video,
  shots,
  quota,
  minutesLeft,
}: {
  lang: Words
  video: VideoView
  /** Failure reasons already in the page's language (src/render/reasons.ts). */
  shots: ShotView[]
  quota: VideoQuotaView
  /** Measured time still to go (src/render/estimate.ts): 0 is under a minute; undefined says nothing. */
  minutesLeft?: number | undefined
}) {
  const { t } = lang
  const finished = isVideoFinished(video.status)
  const polling = finished
    ? {}
    : {
        // `shown`: the shots this part shows as done, so the next poll announces only newer ones.
        'hx-get': `/videos/${video.id}/status?shown=${doneShotPositions(shots)}`,
        'hx-trigger': 'every 2s',
        'hx-swap': 'outerHTML',
      }
  return (
    <section
      id="video-status"
      class="card"
      {...polling}
      data-status={video.status}
      data-shots-done={shots.filter((s) => s.status === 'done').length}
    >
      <div class="status-head">
        <h2>
          <span class={`status-dot status-${video.status}`} aria-hidden="true" /> {statusLabel(video.status, lang)}
        </h2>
        <span class="muted" data-testid="render-step">
          {renderStep(lang, video, shots)}
        </span>
      </div>
      {!finished && minutesLeft !== undefined && (
        <p class="muted small time-left" data-testid="time-left">
          {minutesLeft === 0 ? t('nextsteps.underAMinute') : t('nextsteps.minutesLeft', { minutes: minutesLeft })}
        </p>
      )}
      {video.status === 'failed' && video.failureReason && (
        <div class="notice notice-error" role="alert">
          {video.failureReason}
          {/[。！？]$/.test(video.failureReason) ? '' : /[.!?]$/.test(video.failureReason) ? ' ' : '. '}
          {t(quota.counted ? 'videos.status.failedCharged' : 'videos.status.failedFree')}
        </div>
      )}
      {video.status === 'canceled' && (
        <div class="notice notice-info">
          {t(quota.counted ? 'videos.status.canceledCounted' : 'videos.status.canceledFree')}
        </div>
      )}
      {!finished && <CancelForm lang={lang} videoId={video.id} counts={quota.cancelCounts} />}
      {/* Once the video is done its shots' bars would only say 100 % six times: they go. */}
      {video.status !== 'done' && <ShotProgress lang={lang} videoId={video.id} shots={shots} />}
    </section>
  )
}

/** Where the render is, in the product's words (no vendor, no internal steps). */
function renderStep({ t }: Words, video: VideoView, shots: ShotView[]): string {
  const total = shots.length
  const done = shots.filter((s) => s.status === 'done').length
  if (video.status === 'queued') return t('videos.status.waiting', { total })
  if (video.status === 'rendering') return t('videos.status.makingShot', { current: Math.min(done + 1, total), total })
  if (video.status === 'stitching') return t('videos.status.assembling', { total, percent: video.stitchProgress })
  return t('videos.status.shotsRendered', { done, total })
}

function ShotProgress({ lang: { t }, videoId, shots }: { lang: Words; videoId: string; shots: ShotView[] }) {
  return (
    <ol class="shot-progress">
      {shots.map((shot) => (
        <li class={`shot-row shot-${shot.status}`} data-testid="shot-status">
          {/* A finished shot shows a frame of itself: the video taking shape, not only a bar. */}
          {shot.status === 'done' && shot.thumbnail ? (
            <img
              class="shot-row-thumb"
              src={`/videos/${videoId}/shots/${shot.position}.jpg`}
              alt={t('nextsteps.shotFrame', { position: shot.position })}
              data-testid="shot-thumbnail"
            />
          ) : (
            <span class="shot-row-number">{shot.position}</span>
          )}
          <span class="shot-row-caption">{shot.caption || <em class="muted">{t('videos.shot.noCaption')}</em>}</span>
          <span class="shot-row-state">
            {shot.status === 'running' && shot.percent > 0
              ? t('videos.shot.runningPercent', { percent: shot.percent })
              : t(SHOT_LABEL[shot.status])}
          </span>
          <progress
            max={100}
            value={shot.status === 'done' ? 100 : shot.percent}
            aria-label={t('videos.shot.progress', { position: shot.position })}
          />
          {shot.failureReason && (
            <span class={shot.status === 'failed' ? 'shot-row-error' : 'shot-row-note'}>{shot.failureReason}</span>
          )}
        </li>
      ))}
    </ol>
  )
}

/**
 * Says before the person confirms whether canceling is free (nothing sent to LibTV yet) or still
 * counts. `counts` travels with the form, so a cancel confirmed on a page that said "free" after
 * LibTV took a shot cancels nothing and explains (src/render/routes.tsx).
 */
function CancelForm({ lang: { t }, videoId, counts }: { lang: Words; videoId: string; counts: boolean }) {
  const action = `/videos/${videoId}/cancel`
  return (
    <form
      method="post"
      action={action}
      hx-post={action}
      hx-confirm={t(counts ? 'videos.cancel.confirmCounts' : 'videos.cancel.confirmFree')}
      class="form-actions"
    >
      <input type="hidden" name="counts" value={counts ? '1' : '0'} />
      <button type="submit" class="button button-secondary">
        {t('videos.cancel.button')}
      </button>
      <span class="muted small">{t(counts ? 'videos.cancel.hintCounts' : 'videos.cancel.hintFree')}</span>
    </form>
  )
}
