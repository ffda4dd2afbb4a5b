import { Field, FormError } from '../components/form.js'
import { Layout, type Viewer } from '../layout.js'

/** Shown beside "we sent you an email" when mail stays on this machine (`make run` without SMTP_URL). */
function DevMailHint({ show }: { show: boolean }) {
  if (!show) return null
  return (
    <p class="notice notice-info" data-testid="dev-mail-hint">
      No mail server is configured, so mail stays on this machine: <a href="/dev/mail">open the local mailbox</a>.
    </p>
  )
}

export function CheckInboxPage({
  viewer,
  email,
  devMail,
  title = 'Check your inbox',
  text,
}: {
  viewer: Viewer
  email: string
  devMail: boolean
  title?: string
  text?: string
}) {
  return (
    <Layout title={title} viewer={viewer}>
      <section class="card auth-card">
        <h1>{title}</h1>
        <p class="lead">
          {text ?? (
            <>
              We sent a mail to <strong>{email}</strong>. Click the link in it to finish.
            </>
          )}
        </p>
        <DevMailHint show={devMail} />
        <p class="muted">
          Nothing after a few minutes? Look in the spam folder, check the address, or <a href="/signup">start again</a>.
          Already confirmed? <a href="/signin">Sign in</a>.
        </p>
      </section>
    </Layout>
  )
}

/**
 * A mailed link opens this page and one button finishes the step. Reading the page uses nothing,
 * so a mail scanner that opens links cannot spend the link before the person clicks.
 */
export function ConfirmLinkPage({
  viewer,
  title,
  text,
  action,
  token,
  button,
}: {
  viewer: Viewer
  title: string
  text: string
  action: string
  token: string
  button: string
}) {
  return (
    <Layout title={title} viewer={viewer}>
      <section class="card auth-card">
        <h1>{title}</h1>
        <p class="lead">{text}</p>
        <form method="post" action={action}>
          <input type="hidden" name="token" value={token} />
          <button type="submit" class="button button-block">
            {button}
          </button>
        </form>
      </section>
    </Layout>
  )
}

/** The confirmation link's page: the password chosen at sign-up, once more, and the account is ready. */
export function ConfirmSignUpPage({
  viewer,
  token,
  error,
}: {
  viewer: Viewer
  token: string
  error?: string | undefined
}) {
  return (
    <Layout title="Confirm your email" viewer={viewer}>
      <section class="card auth-card">
        <h1>Confirm your email</h1>
        <p class="lead">Enter the password you chose when you signed up, and your account is ready.</p>
        <form method="post" action="/confirm-email" novalidate>
          <input type="hidden" name="token" value={token} />
          <Field
            name="password"
            label="Password"
            type="password"
            error={error}
            autocomplete="current-password"
            required
            maxlength={1024}
          />
          <button type="submit" class="button button-block">
            Confirm and sign in
          </button>
        </form>
      </section>
    </Layout>
  )
}

export function LinkProblemPage({ viewer, title, text }: { viewer: Viewer; title: string; text: string }) {
  return (
    <Layout title={title} viewer={viewer}>
      <section class="card auth-card">
        <h1>{title}</h1>
        <p class="lead">{text}</p>
        <p class="muted">
          <a href="/signin">Sign in</a> · <a href="/password/forgot">Reset your password</a> ·{' '}
          <a href="/signup">Create an account</a>
        </p>
      </section>
    </Layout>
  )
}

export function ForgotPasswordPage({
  viewer,
  values = {},
  errors = {},
  formError,
}: {
  viewer: Viewer
  values?: Record<string, string>
  errors?: Record<string, string>
  formError?: string | undefined
}) {
  return (
    <Layout title="Reset your password" viewer={viewer}>
      <section class="card auth-card">
        <h1>Reset your password</h1>
        <p class="lead">Enter the email of your account and we'll mail you a link to choose a new password.</p>
        <FormError message={formError} />
        <form method="post" action="/password/forgot" novalidate>
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
          <button type="submit" class="button button-block">
            Mail me a link
          </button>
        </form>
        <p class="muted center">
          Remembered it? <a href="/signin">Sign in</a>
        </p>
      </section>
    </Layout>
  )
}

export function ResetPasswordPage({
  viewer,
  token,
  errors = {},
  formError,
}: {
  viewer: Viewer
  token: string
  errors?: Record<string, string>
  formError?: string | undefined
}) {
  return (
    <Layout title="Choose a new password" viewer={viewer}>
      <section class="card auth-card">
        <h1>Choose a new password</h1>
        <p class="lead">Every browser signed in to your account will be signed out.</p>
        <FormError message={formError} />
        <form method="post" action="/password/reset" novalidate>
          <input type="hidden" name="token" value={token} />
          <Field
            name="password"
            label="New password"
            type="password"
            error={errors.password}
            autocomplete="new-password"
            required
            minlength={10}
            maxlength={1024}
            hint="At least 10 characters. A passphrase of a few words works well."
          />
          <button type="submit" class="button button-block">
            Save the new password
          </button>
        </form>
      </section>
    </Layout>
  )
}
