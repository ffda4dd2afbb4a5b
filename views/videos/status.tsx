import { isVideoFinished, type ShotStatus, type VideoStatus as VideoState } from '../../db/states.js'
import { doneShotPositions } from './announcer.js'
import type { ShotView, VideoQuotaView, VideoView } from './model.js'

const SHOT_LABEL: Record<ShotStatus, string> = {
  queued: 'Queued',
  submitted: 'Waiting at LibTV',
  running: 'Rendering',
  moderating: 'Checking',
  downloading: 'Downloading',
  done: 'Done',
  failed: 'Failed',
  canceled: 'Canceled',
}
const VIDEO_LABEL: Record<VideoState, string> = {
  queued: 'Queued',
  rendering: 'Rendering shots',
  stitching: 'Assembling the video',
  done: 'Ready',
  failed: 'Failed',
  canceled: 'Canceled',
}

/** Usage follows LibTV's bill: a failed video counts only when LibTV charged for its work (terms, section 4). */
export const FAILED_FREE = 'This video does not count against your monthly quota.'
export const FAILED_BUT_CHARGED =
  'LibTV charged for the work it had already done on this video before it failed, so it still counts against your monthly quota.'

export function statusLabel(status: VideoState): string {
  return VIDEO_LABEL[status]
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
export function videoPageTitle(video: VideoView, shots: ShotView[]): string {
  if (isVideoFinished(video.status)) return `${statusLabel(video.status)} · ${video.title}`
  if (video.status === 'queued') return `Queued · ${video.title}`
  return `${renderPercent(video, shots)}% rendering · ${video.title}`
}

/**
 * The live part of the video page. While the video is unfinished it asks for itself again
 * every 2 seconds (htmx); the finished version carries no trigger, so polling stops. The Cancel
 * button lives here, so what it says about the quota stays true while LibTV picks the shots up.
 */
export function VideoStatus({ video, shots, quota }: { video: VideoView; shots: ShotView[]; quota: VideoQuotaView }) {
  const finished = isVideoFinished(video.status)
  const doneShots = shots.filter((s) => s.status === 'done').length
  const polling = finished
    ? {}
    : {
        // `shown`: the shots this part shows as done, so the next poll announces only newer ones.
        'hx-get': `/videos/${video.id}/status?shown=${doneShotPositions(shots)}`,
        'hx-trigger': 'every 2s',
        'hx-swap': 'outerHTML',
      }
  return (
    <section id="video-status" class="card" {...polling} data-status={video.status}>
      <div class="status-head">
        <h2>
          <span class={`status-dot status-${video.status}`} aria-hidden="true" /> {statusLabel(video.status)}
        </h2>
        <span class="muted">
          {doneShots} of {shots.length} shots rendered
          {video.status === 'stitching' ? ` · assembling ${video.stitchProgress}%` : ''}
        </span>
      </div>
      {video.status === 'failed' && video.failureReason && (
        <div class="notice notice-error" role="alert">
          {video.failureReason}
          {/[.!?。！？]$/.test(video.failureReason) ? ' ' : '. '}
          {quota.counted ? FAILED_BUT_CHARGED : FAILED_FREE}
        </div>
      )}
      {video.status === 'canceled' && (
        <div class="notice notice-info">
          {quota.counted
            ? 'You canceled this render after LibTV had started on it, so it still counts against your monthly quota.'
            : 'You canceled this render. It does not count against your monthly quota.'}
        </div>
      )}
      {!finished && <CancelForm videoId={video.id} counts={quota.cancelCounts} />}
      <ol class="shot-progress">
        {shots.map((shot) => (
          <li class={`shot-row shot-${shot.status}`} data-testid="shot-status">
            <span class="shot-row-number">{shot.position}</span>
            <span class="shot-row-caption">{shot.caption || <em class="muted">no caption</em>}</span>
            <span class="shot-row-state">
              {SHOT_LABEL[shot.status]}
              {shot.status === 'running' && shot.percent > 0 ? ` ${shot.percent}%` : ''}
            </span>
            <progress
              max={100}
              value={shot.status === 'done' ? 100 : shot.percent}
              aria-label={`Shot ${shot.position} progress`}
            />
            {shot.failureReason && (
              <span class={shot.status === 'failed' ? 'shot-row-error' : 'shot-row-note'}>{shot.failureReason}</span>
            )}
          </li>
        ))}
      </ol>
    </section>
  )
}

/**
 * Says before the person confirms whether canceling is free (nothing sent to LibTV yet) or still
 * counts. `counts` travels with the form, so a cancel confirmed on a page that said "free" after
 * LibTV took a shot cancels nothing and explains (src/render/routes.tsx).
 */
function CancelForm({ videoId, counts }: { videoId: string; counts: boolean }) {
  const action = `/videos/${videoId}/cancel`
  return (
    <form
      method="post"
      action={action}
      hx-post={action}
      hx-confirm={
        counts
          ? 'Cancel this render? It still counts against your monthly quota because LibTV has started rendering it.'
          : 'Cancel this render? It will not count against your monthly quota.'
      }
      class="form-actions"
    >
      <input type="hidden" name="counts" value={counts ? '1' : '0'} />
      <button type="submit" class="button button-secondary">
        Cancel render
      </button>
      <span class="muted small">
        {counts
          ? 'LibTV has started rendering this video, so it still counts against your monthly quota if you cancel.'
          : 'Canceling is free: nothing has been sent to LibTV yet, so this video will not count against your quota.'}
      </span>
    </form>
  )
}
