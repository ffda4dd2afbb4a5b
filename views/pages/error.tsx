import { returningTo } from '../../src/i18n/page.js'
import { Layout, type Viewer } from '../layout.js'

type ErrorPageProps = {
  status: number
  /** Already in the page's language (src/http/errors.tsx translates what it can). */
  title: string
  message: string
  viewer: Viewer
  requestId?: string | undefined
}

export function ErrorPage({ status, title, message, viewer: asked, requestId }: ErrorPageProps) {
  // An error page never echoes the address asked for: the page for another person's id must be
  // the one for a random id, byte for byte (the ownership tests), and there is nothing to return to.
  const viewer = { ...asked, lang: returningTo(asked.lang, '/') }
  const { t, href } = viewer.lang
  return (
    <Layout title={title} viewer={viewer} translated>
      <section class="card error-card">
        <p class="eyebrow">{t('error.eyebrow', { status })}</p>
        <h1>{title}</h1>
        <p class="lead">{message}</p>
        <p>
          <a class="button" href={href('/')}>
            {t('error.backHome')}
          </a>
        </p>
        {requestId && <p class="muted small">{t('error.reference', { id: requestId })}</p>}
      </section>
    </Layout>
  )
}
