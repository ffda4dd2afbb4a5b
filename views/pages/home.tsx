import { Layout, type Viewer } from '../layout.js'

/** The published example video's addresses, or null: the sample's still is shown. */
type ExampleView = { video: string; poster: string } | null

type HomeProps = { viewer: Viewer; notice?: string | undefined; example?: ExampleView | undefined }

export function HomePage({ viewer, notice, example = null }: HomeProps) {
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

      {/* What the product makes, made by the app itself from a bundled sample (src/home/example.ts).
          Played on a tap only (nothing loads before it); until it exists, the sample's photo. */}
      <section class="card example" aria-labelledby="example-heading">
        <h2 id="example-heading">{t('pages.example.title')}</h2>
        <figure class="example-figure">
          {example ? (
            <video
              class="example-video"
              controls
              preload="none"
              playsinline
              poster={example.poster}
              aria-describedby="example-caption"
              data-testid="example-video"
            >
              <source src={example.video} type="video/mp4" />
              <track kind="captions" src="/example/captions.vtt" srclang="en" label="English" />
              <a href={example.video}>{t('pages.example.download')}</a>
            </video>
          ) : (
            <img
              class="example-still"
              src="/example/still.jpg"
              width="900"
              height="1200"
              alt={t('pages.example.stillAlt')}
              data-testid="example-still"
            />
          )}
          <figcaption id="example-caption">
            {example ? t('pages.example.caption') : t('pages.example.pending')}
          </figcaption>
        </figure>
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
