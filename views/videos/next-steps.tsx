import { aspectRatios, isVideoFinished } from '../../db/states.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import type { VideoView } from './model.js'

/**
 * After a render (issue 23): the same brief in another format, a copy of the brief to change, or
 * this brief changed and rendered again. While the video renders an empty place for it, which the
 * last poll fills (out of band), like the player.
 */
export function NextSteps({
  lang,
  video,
  outOfBand,
}: {
  lang: Pick<PageLanguage, 't' | 'href'>
  video: VideoView
  outOfBand?: boolean
}) {
  if (!isVideoFinished(video.status)) return <div id="next-steps" />
  const { t, href } = lang
  const others = aspectRatios.filter((r) => r !== video.aspectRatio)
  return (
    <section
      id="next-steps"
      class="card next-steps"
      aria-labelledby="next-steps-heading"
      hx-swap-oob={outOfBand ? 'true' : undefined}
    >
      <h2 id="next-steps-heading">{t('nextsteps.heading')}</h2>
      <p class="muted small">{t('nextsteps.formatsHint')}</p>
      <div class="next-steps-formats">
        {others.map((aspect) => (
          <form method="post" action={href(`/videos/${video.id}/format`)} class="inline-form">
            <input type="hidden" name="aspectRatio" value={aspect} />
            <button type="submit" class="button button-secondary">
              {t('nextsteps.makeFormat', { aspect })}
            </button>
          </form>
        ))}
      </div>
      <div class="next-steps-brief">
        <a class="button button-secondary" href={href(`/briefs/new?from=${video.briefId}`)}>
          {t('nextsteps.duplicate')}
        </a>
        <a class="button button-secondary" href={href(`/briefs/${video.briefId}/edit`)}>
          {t('nextsteps.change')}
        </a>
      </div>
    </section>
  )
}
