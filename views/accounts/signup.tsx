import { Field, FormError } from '../components/form.js'
import { Layout, type Viewer } from '../layout.js'

export type SignUpFormProps = {
  viewer: Viewer
  values?: Record<string, string>
  errors?: Record<string, string>
  formError?: string | undefined
}

export function SignUpPage({ viewer, values = {}, errors = {}, formError }: SignUpFormProps) {
  const { t, rich, href } = viewer.lang
  return (
    <Layout title={t('signup.title')} viewer={viewer} translated>
      <section class="card auth-card">
        <h1>{t('signup.title')}</h1>
        <p class="lead">{t('signup.lead')}</p>
        <FormError message={formError} />
        <form method="post" action={href('/signup')} novalidate>
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
            autocomplete="new-password"
            required
            minlength={10}
            maxlength={1024}
            hint={t('field.newPasswordHint')}
          />
          <div class={`field field-checkbox ${errors.ageConfirmed ? 'field-invalid' : ''}`}>
            <label>
              <input
                type="checkbox"
                name="ageConfirmed"
                value="yes"
                checked={values.ageConfirmed === 'yes'}
                required
                aria-describedby={errors.ageConfirmed ? 'ageConfirmed-error' : undefined}
              />
              <span>
                {rich('signup.agree', {
                  terms: (words) => <a href={href('/terms')}>{words}</a>,
                  privacy: (words) => <a href={href('/privacy')}>{words}</a>,
                })}
              </span>
            </label>
            {errors.ageConfirmed && (
              <p class="error" id="ageConfirmed-error">
                {errors.ageConfirmed}
              </p>
            )}
          </div>
          <button type="submit" class="button button-block">
            {t('signup.submit')}
          </button>
        </form>
        <p class="muted center">
          {rich('signup.haveAccount', { link: (words) => <a href={href('/signin')}>{words}</a> })}
        </p>
      </section>
    </Layout>
  )
}
