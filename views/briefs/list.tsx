import { formatDate } from '../../src/i18n/format.js'
import { Layout, type Viewer } from '../layout.js'
import type { BriefCardView } from './model.js'

export function BriefsPage({
  viewer,
  briefs,
  page,
  pages,
  total,
  notice,
}: {
  viewer: Viewer
  briefs: BriefCardView[]
  page: number
  pages: number
  total: number
  notice?: string | undefined
}) {
  const { t, href, locale } = viewer.lang
  return (
    <Layout
      title={t('briefs.list.title')}
      viewer={viewer}
      width="wide"
      notice={notice ? { kind: 'success', text: notice } : undefined}
      translated
    >
      <div class="page-head">
        <div>
          <h1>{t('briefs.list.title')}</h1>
          <p class="muted">{t('briefs.list.count', { count: total })}</p>
        </div>
        <a class="button" href={href('/briefs/new')}>
          {t('briefs.list.new')}
        </a>
      </div>
      {briefs.length === 0 && total > 0 ? (
        <section class="card empty-state">
          <h2>{t('briefs.list.pastEndHeading')}</h2>
          <p class="muted">{t('briefs.list.pastEndText')}</p>
          <a class="button" href={href('/briefs')}>
            {t('briefs.list.firstPage')}
          </a>
        </section>
      ) : briefs.length === 0 ? (
        <section class="card empty-state">
          <h2>{t('briefs.list.emptyHeading')}</h2>
          <p class="muted">{t('briefs.list.emptyText')}</p>
          <a class="button" href={href('/briefs/new')}>
            {t('briefs.list.writeFirst')}
          </a>
        </section>
      ) : (
        <ul class="card-grid">
          {briefs.map((p) => (
            <li class="card item-card">
              <a href={href(`/briefs/${p.id}/screenplay`)} class="item-link">
                {p.imageId ? (
                  <img src={`/images/${p.imageId}/thumb`} alt="" class="item-thumb" loading="lazy" />
                ) : (
                  <div class="item-thumb item-thumb-empty">{t('briefs.list.noPhoto')}</div>
                )}
                <h2>{p.productName}</h2>
              </a>
              <p class="muted small">
                {t('briefs.list.meta', {
                  aspectRatio: p.aspectRatio,
                  seconds: p.lengthSeconds,
                  date: formatDate(locale, p.updatedAt),
                })}
              </p>
              <div class="item-actions">
                <a href={href(`/briefs/${p.id}/screenplay`)}>{t('briefs.list.screenplay')}</a>
                <a href={href(`/briefs/${p.id}/edit`)}>{t('briefs.list.editBrief')}</a>
              </div>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 && (
        <nav class="pagination" aria-label={t('briefs.list.pages')}>
          {page > 1 ? <a href={href(`/briefs?page=${page - 1}`)}>{t('briefs.list.newer')}</a> : <span />}
          <span class="muted">{t('briefs.list.pageOf', { page, pages })}</span>
          {page < pages ? <a href={href(`/briefs?page=${page + 1}`)}>{t('briefs.list.older')}</a> : <span />}
        </nav>
      )}
    </Layout>
  )
}
