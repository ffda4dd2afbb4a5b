import { Field, FormError } from '../components/form.js'
import { Layout, type Viewer } from '../layout.js'

/** Shown beside "we sent you an email" when mail stays on this machine (`make run` without SMTP_URL). */
function DevMailHint({ viewer, show }: { viewer: Viewer; show: boolean }) {
  if (!show) return null
  return (
    <p class="notice notice-info" data-testid="dev-mail-hint">
      {viewer.lang.rich('inbox.devMail', { link: (words) => <a href="/dev/mail">{words}</a> })}
    </p>
  )
}

export function CheckInboxPage({
  viewer,
  email,
  devMail,
  title,
  text,
  reset = false,
}: {
  viewer: Viewer
  email: string
  devMail: boolean
  /** Both already in the page's language; by default "Check your inbox" and "We sent a mail to…". */
  title?: string
  text?: string
  /** The forgot-password mail: its own heading, and "ask again" goes back to forgot-password, not sign-up. */
  reset?: boolean
}) {
  const { t, rich, href } = viewer.lang
  const heading = title ?? (reset ? t('inbox.resetTitle') : t('inbox.title'))

  return (
    <Layout title={heading} viewer={viewer} translated>
      <section class="card auth-card">
        <h1>{heading}</h1>
        <p class="lead">{text ?? rich('inbox.sent', { email, b: (words) => <strong>{words}</strong> })}</p>
        <DevMailHint viewer={viewer} show={devMail} />
        <p class="muted">
          {rich(reset ? 'inbox.resetNothingYet' : 'inbox.nothingYet', {
            again: (words) => <a href={href(reset ? '/password/forgot' : '/signup')}>{words}</a>,
            signin: (words) => <a href={href('/signin')}>{words}</a>,
          })}
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
    <Layout title={title} viewer={viewer} translated>
      <section class="card auth-card">
        <h1>{title}</h1>
        <p class="lead">{text}</p>
        <form method="post" action={viewer.lang.href(action)}>
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
  const { t, href } = viewer.lang
  return (
    <Layout title={t('confirm.title')} viewer={viewer} translated>
      <section class="card auth-card">
        <h1>{t('confirm.title')}</h1>
        <p class="lead">{t('confirm.lead')}</p>
        <form method="post" action={href('/confirm-email')} novalidate>
          <input type="hidden" name="token" value={token} />
          <Field
            name="password"
            label={t('field.password')}
            type="password"
            error={error}
            autocomplete="current-password"
            required
            maxlength={1024}
          />
          <button type="submit" class="button button-block">
            {t('confirm.submit')}
          </button>
        </form>
      </section>
    </Layout>
  )
}

export function LinkProblemPage({ viewer, title, text }: { viewer: Viewer; title: string; text: string }) {
  const { t, href } = viewer.lang
  return (
    <Layout title={title} viewer={viewer} translated>
      <section class="card auth-card">
        <h1>{title}</h1>
        <p class="lead">{text}</p>
        <p class="muted">
          <a href={href('/signin')}>{t('link.signIn')}</a> ·{' '}
          <a href={href('/password/forgot')}>{t('link.resetPassword')}</a> ·{' '}
          <a href={href('/signup')}>{t('link.createAccount')}</a>
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
  const { t, rich, href } = viewer.lang
  return (
    <Layout title={t('forgot.title')} viewer={viewer} translated>
      <section class="card auth-card">
        <h1>{t('forgot.title')}</h1>
        <p class="lead">{t('forgot.lead')}</p>
        <FormError message={formError} />
        <form method="post" action={href('/password/forgot')} novalidate>
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
          <button type="submit" class="button button-block">
            {t('forgot.submit')}
          </button>
        </form>
        <p class="muted center">
          {rich('forgot.remembered', { link: (words) => <a href={href('/signin')}>{words}</a> })}
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
  const { t, href } = viewer.lang
  return (
    <Layout title={t('reset.title')} viewer={viewer} translated>
      <section class="card auth-card">
        <h1>{t('reset.title')}</h1>
        <p class="lead">{t('reset.lead')}</p>
        <FormError message={formError} />
        <form method="post" action={href('/password/reset')} novalidate>
          <input type="hidden" name="token" value={token} />
          <Field
            name="password"
            label={t('field.newPassword')}
            type="password"
            error={errors.password}
            autocomplete="new-password"
            required
            minlength={10}
            maxlength={1024}
            hint={t('field.newPasswordHint')}
          />
          <button type="submit" class="button button-block">
            {t('reset.submit')}
          </button>
        </form>
      </section>
    </Layout>
  )
}
