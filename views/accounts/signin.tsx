import { Field, FormError } from '../components/form.js'
import { Layout, type Viewer } from '../layout.js'

export type SignInFormProps = {
  viewer: Viewer
  values?: Record<string, string>
  errors?: Record<string, string>
  formError?: string | undefined
  notice?: string | undefined
  next?: string | undefined
}

export function SignInPage({ viewer, values = {}, errors = {}, formError, notice, next }: SignInFormProps) {
  const { t, rich, href } = viewer.lang
  return (
    <Layout
      title={t('signin.title')}
      viewer={viewer}
      notice={notice ? { kind: 'success', text: notice } : undefined}
      translated
    >
      <section class="card auth-card">
        <h1>{t('signin.heading')}</h1>
        <FormError message={formError} />
        <form method="post" action={href('/signin')} novalidate>
          {next && <input type="hidden" name="next" value={next} />}
          <Field
            name="email"
            label={t('field.email')}
            type="email"
            value={values.email}
            error={errors.email}
            autocomplete="email"
            required
            maxlength={254}
          />
          <Field
            name="password"
            label={t('field.password')}
            type="password"
            error={errors.password}
            autocomplete="current-password"
            required
            maxlength={1024}
          />
          <button type="submit" class="button button-block">
            {t('signin.submit')}
          </button>
        </form>
        <p class="muted center">
          <a class="standalone-link" href={href('/password/forgot')}>
            {t('signin.forgot')}
          </a>
        </p>
        <p class="muted center">{rich('signin.newHere', { link: (words) => <a href={href('/signup')}>{words}</a> })}</p>
      </section>
    </Layout>
  )
}
