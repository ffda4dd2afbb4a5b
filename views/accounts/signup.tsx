import { Field, FormError } from '../components/form.js'
import { Layout, type Viewer } from '../layout.js'

export type SignUpFormProps = {
  viewer: Viewer
  values?: Record<string, string>
  errors?: Record<string, string>
  formError?: string | undefined
}

export function SignUpPage({ viewer, values = {}, errors = {}, formError }: SignUpFormProps) {
  return (
    <Layout title="Create your account" viewer={viewer}>
      <section class="card auth-card">
        <h1>Create your account</h1>
        <p class="lead">Turn a product photo and a short brief into a marketing video in minutes.</p>
        <FormError message={formError} />
        <form method="post" action="/signup" novalidate>
          <Field
            name="email"
            label="Email"
            type="email"
            value={values.email}
            error={errors.email}
            autocomplete="email"
            required
            maxlength={254}
          />
          <Field
            name="password"
            label="Password"
            type="password"
            error={errors.password}
            autocomplete="new-password"
            required
            minlength={10}
            maxlength={1024}
            hint="At least 10 characters. A passphrase of a few words works well."
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
                I am 13 or older, and I agree to the <a href="/terms">terms</a> and the{' '}
                <a href="/privacy">privacy policy</a>.
              </span>
            </label>
            {errors.ageConfirmed && (
              <p class="error" id="ageConfirmed-error">
                {errors.ageConfirmed}
              </p>
            )}
          </div>
          <button type="submit" class="button button-block">
            Create account
          </button>
        </form>
        <p class="muted center">
          Already have an account? <a href="/signin">Sign in</a>
        </p>
      </section>
    </Layout>
  )
}
