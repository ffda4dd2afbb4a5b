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
  return (
    <Layout title="Sign in" viewer={viewer} notice={notice ? { kind: 'success', text: notice } : undefined}>
      <section class="card auth-card">
        <h1>Welcome back</h1>
        <FormError message={formError} />
        <form method="post" action="/signin" novalidate>
          {next && <input type="hidden" name="next" value={next} />}
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
            autocomplete="current-password"
            required
            maxlength={1024}
          />
          <button type="submit" class="button button-block">
            Sign in
          </button>
        </form>
        <p class="muted center">
          <a class="standalone-link" href="/password/forgot">
            Forgot your password?
          </a>
        </p>
        <p class="muted center">
          New to Lumina.AI? <a href="/signup">Create an account</a>
        </p>
      </section>
    </Layout>
  )
}
