import type { VideoStatus } from '../../db/states.js'
import { formatDate } from '../../src/i18n/format.js'
import type { Translator } from '../../src/i18n/translate.js'
import type { BriefView } from '../briefs/model.js'
import { type MoreVideos, MoreVideosHint } from '../components/more-videos.js'
import { Layout, type Viewer } from '../layout.js'
import type { VideoView } from '../videos/model.js'

export type HomeBriefView = {
  saved: BriefView
  latestVersion: number | null
  latestVideo: { id: string; status: VideoStatus } | null
}

type SignedInHomeProps = {
  viewer: Viewer
  videos: VideoView[]
  briefs: HomeBriefView[]
  allowance: { used: number; quota: number; left: number; resetsAt: number }
  /** The way past the plan wall, shown once the month's videos are used up. */
  moreVideos: MoreVideos
  /** Right after the email was confirmed. */
  welcome?: boolean
}

/** Where a brief stands, in a few words: the next thing the person would do with it. */
function briefState({ t }: Translator, { latestVersion, latestVideo }: HomeBriefView): string {
  if (latestVideo) return t('account.home.briefVideo', { status: latestVideo.status })
  if (latestVersion) return t('account.home.briefVersion', { version: latestVersion })
  return t('account.home.briefDraft')
}

/**
 * The signed-in home page: the one thing to do next ("Make a video") first and largest, then the
 * newest videos and briefs with their state. With nothing made yet, the three steps, one line each.
 */
export function SignedInHomePage({ viewer, videos, briefs, allowance, moreVideos, welcome }: SignedInHomeProps) {
  const { t, rich, href, locale } = viewer.lang
  const empty = videos.length === 0 && briefs.length === 0
  const quotaLine =
    allowance.left > 0
      ? t('account.home.left', { left: allowance.left, quota: allowance.quota })
      : t('account.home.usedAll', { quota: allowance.quota, date: formatDate(locale, allowance.resetsAt) })
  const status = (s: VideoView['status']) => t('account.home.status', { status: s })
  return (
    <Layout
      title={t('account.home.title')}
      viewer={viewer}
      width="wide"
      translated
      notice={welcome ? { kind: 'success', text: t('account.home.welcome') } : undefined}
    >
      <section class="card home-start">
        <div>
          <h1>{empty ? t('account.home.first') : t('account.home.yourVideos')}</h1>
          <p class="muted" data-testid="home-allowance">
            {quotaLine}
          </p>
          {allowance.left <= 0 && <MoreVideosHint lang={viewer.lang} moreVideos={moreVideos} />}
        </div>
        <a class="button button-large" href={href('/briefs/new')}>
          {t('home.makeVideo')}
        </a>
      </section>

      {empty ? (
        <section class="card" aria-labelledby="how-heading">
          <h2 id="how-heading">{t('account.home.steps')}</h2>
          <ol class="how-steps">
            <li>{t('account.home.step1')}</li>
            <li>{t('account.home.step2')}</li>
            <li>{t('account.home.step3')}</li>
          </ol>
        </section>
      ) : (
        <>
          <section aria-labelledby="recent-videos">
            <div class="section-head">
              <h2 id="recent-videos">{t('account.home.recentVideos')}</h2>
              {videos.length > 0 && <a href={href('/videos')}>{t('account.home.allVideos')}</a>}
            </div>
            {videos.length === 0 ? (
              <p class="muted">{t('account.home.noVideos')}</p>
            ) : (
              <ul class="card-grid">
                {videos.map((v) => (
                  <li class="card item-card" data-testid="home-video">
                    <a href={href(`/videos/${v.id}`)} class="item-link">
                      {v.status === 'done' ? (
                        <img src={`/videos/${v.id}/poster.jpg`} alt="" class="item-thumb" loading="lazy" />
                      ) : (
                        <div class="item-thumb item-thumb-empty">{status(v.status)}</div>
                      )}
                      <h3>{v.title}</h3>
                    </a>
                    <p class="muted small">
                      <span class={`status-dot status-${v.status}`} aria-hidden="true" /> {status(v.status)} ·{' '}
                      {formatDate(locale, v.createdAt, 'short')}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="recent-briefs" class="spaced">
            <div class="section-head">
              <h2 id="recent-briefs">{t('account.home.recentBriefs')}</h2>
              <a href={href('/briefs')}>{t('account.home.allBriefs')}</a>
            </div>
            <ul class="brief-rows">
              {briefs.map((b) => (
                <li class="card brief-row" data-testid="home-brief">
                  {b.saved.image ? (
                    <img src={`/images/${b.saved.image.id}/thumb`} alt="" class="brief-row-thumb" loading="lazy" />
                  ) : (
                    <div class="brief-row-thumb item-thumb-empty" />
                  )}
                  <div class="brief-row-text">
                    <a href={href(`/briefs/${b.saved.id}/screenplay`)} class="brief-row-name">
                      {b.saved.brief.productName}
                    </a>
                    <span class="muted small">{briefState(viewer.lang, b)}</span>
                  </div>
                  {b.latestVideo && (
                    <a class="button button-secondary button-small" href={href(`/videos/${b.latestVideo.id}`)}>
                      {rich('account.home.openVideo', {
                        name: b.saved.brief.productName,
                        hidden: (words) => <span class="visually-hidden">{words}</span>,
                      })}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Layout>
  )
}
