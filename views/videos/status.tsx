import { isVideoFinished, type ShotStatus, type VideoStatus as VideoState } from '../../db/states.js'
import type { ShotView, VideoView } from './model.js'

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

export function statusLabel(status: VideoState): string {
  return VIDEO_LABEL[status]
}

/**
 * The live part of the video page. While the video is unfinished it asks for itself again
 * every 2 seconds (htmx); the finished version carries no trigger, so polling stops.
 */
export function VideoStatus({ video, shots }: { video: VideoView; shots: ShotView[] }) {
  const finished = isVideoFinished(video.status)
  const doneShots = shots.filter((s) => s.status === 'done').length
  const polling = finished
    ? {}
    : { 'hx-get': `/videos/${video.id}/status`, 'hx-trigger': 'every 2s', 'hx-swap': 'outerHTML' }
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
          This video does not count against your monthly quota.
        </div>
      )}
      {video.status === 'canceled' && (
        <div class="notice notice-info">You canceled this render. It does not count against your monthly quota.</div>
      )}
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
            {shot.failureReason && <span class="shot-row-error">{shot.failureReason}</span>}
          </li>
        ))}
      </ol>
    </section>
  )
}
