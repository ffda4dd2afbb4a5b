import { returningTo } from '../../src/i18n/page.js'
import { type MoreVideos, MoreVideosHint } from '../components/more-videos.js'
import { Layout, type Viewer } from '../layout.js'

/** The plan wall: the month's videos are used up. It says until when, and how to get more if the operator offers a way. */
export function QuotaPage({
  viewer: asked,
  message,
  moreVideos,
}: {
  viewer: Viewer
  /** Already in the page's language: what was used, when it resets, that nothing started. */
  message: string
  moreVideos: MoreVideos
}) {
  // Like an error page: the address that was posted to is nothing to return to.
  const viewer = { ...asked, lang: returningTo(asked.lang, '/') }
  const { t, href } = viewer.lang
  return (
    <Layout title={t('videos.quota.title')} viewer={viewer} translated>
      <section class="card error-card">
        <h1>{t('videos.quota.title')}</h1>
        <p class="lead">{message}</p>
        <MoreVideosHint lang={viewer.lang} moreVideos={moreVideos} />
        <p>
          <a class="button button-secondary" href={href('/videos')}>
            {t('videos.quota.library')}
          </a>
        </p>
      </section>
    </Layout>
  )
}
