import { Layout, type Viewer } from '../layout.js'

export function HomePage({ viewer, notice }: { viewer: Viewer; notice?: string | undefined }) {
  const { t, href } = viewer.lang
  return (
    <Layout
      title="Lumina.AI"
      viewer={viewer}
      width="wide"
      notice={notice ? { kind: 'success', text: notice } : undefined}
      translated
    >
      <section class="hero">
        <p class="eyebrow">{t('home.eyebrow')}</p>
        <h1>{t('home.title')}</h1>
        <p class="lead">{t('home.lead')}</p>
        <div class="hero-actions">
          {viewer.email ? (
            <a class="button" href={href('/briefs/new')}>
              {t('home.makeVideo')}
            </a>
          ) : (
            <>
              <a class="button" href={href('/signup')}>
                {t('home.createAccount')}
              </a>
              <a class="button button-secondary" href={href('/signin')}>
                {t('home.signIn')}
              </a>
            </>
          )}
        </div>
      </section>

      <section class="steps">
        <article class="card step">
          <span class="step-number">1</span>
          <h2>{t('home.step1.title')}</h2>
          <p>{t('home.step1.text')}</p>
        </article>
        <article class="card step">
          <span class="step-number">2</span>
          <h2>{t('home.step2.title')}</h2>
          <p>{t('home.step2.text')}</p>
        </article>
        <article class="card step">
          <span class="step-number">3</span>
          <h2>{t('home.step3.title')}</h2>
          <p>{t('home.step3.text')}</p>
        </article>
      </section>

      <section class="card promise">
        <h2>{t('home.promise.title')}</h2>
        <ul class="checks">
          <li>{t('home.promise.screenplays')}</li>
          <li>{t('home.promise.videoService')}</li>
          <li>{t('home.promise.cookie')}</li>
        </ul>
        <p>
          <a class="standalone-link" href={href('/privacy')}>
            {t('home.promise.readPolicy')}
          </a>
        </p>
      </section>
    </Layout>
  )
}
