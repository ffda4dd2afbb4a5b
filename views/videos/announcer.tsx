import type { Translator } from '../../src/i18n/translate.js'
import type { ShotView, VideoView } from './model.js'

// What a screen reader hears while a video renders: each shot as it finishes, then the end. The
// region sits outside the part htmx swaps every poll, so it is the same element all along and
// only a new sentence is put in it (a region replaced wholesale may be read again, or not at all).

export const ANNOUNCER_ID = 'render-announcer'

/** The empty live region, on the video page once; polls fill it (AnnouncementUpdate). */
export function RenderAnnouncer() {
  return <div id={ANNOUNCER_ID} class="visually-hidden" aria-live="polite" data-testid="render-announcer" />
}

/**
 * What happened since the page last showed the render: the shots done now that were not done
 * then (`shownDone`, their positions), and the final state once it is finished.
 */
export function newAnnouncements(
  { t }: Pick<Translator, 't'>,
  video: VideoView,
  shots: ShotView[],
  shownDone: ReadonlySet<number>,
): string[] {
  const said = shots
    .filter((s) => s.status === 'done' && !shownDone.has(s.position))
    .map((s) => t('videos.said.shotRendered', { position: s.position, total: shots.length }))
  if (video.status === 'done') said.push(t('videos.said.ready'))
  else if (video.status === 'failed') said.push(t('videos.said.failed'))
  else if (video.status === 'canceled') said.push(t('videos.said.canceled'))
  return said
}

/** The positions of the shots a page shows as done (`shown` of the next poll): it announces only the others. */
export function doneShotPositions(shots: ShotView[]): string {
  return shots
    .filter((s) => s.status === 'done')
    .map((s) => s.position)
    .join(',')
}

/** `shown` read back: shot positions; anything else in it is ignored. */
export function parseShotPositions(shown: string | undefined): Set<number> {
  const positions = (shown ?? '').split(',').map(Number)
  return new Set(positions.filter((n) => Number.isInteger(n) && n > 0 && n <= 1000))
}

/** Out of band in a poll's answer: only the new sentences go into the live region, which stays. */
export function AnnouncementUpdate({ sentences }: { sentences: string[] }) {
  if (sentences.length === 0) return null
  return (
    <div id={ANNOUNCER_ID} hx-swap-oob="innerHTML">
      {sentences.map((s) => (
        <p>{s}</p>
      ))}
    </div>
  )
}
