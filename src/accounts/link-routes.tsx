import { type Context, Hono } from 'hono'
import {
  CheckInboxPage,
  ConfirmLinkPage,
  ConfirmSignUpPage,
  ForgotPasswordPage,
  LinkProblemPage,
  ResetPasswordPage,
} from '../../views/accounts/email-pages.js'
import { formBody } from '../http/body-limits.js'
import type { AppEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { emailLimitKey, overLimit, waitMessage } from '../http/limits.js'
import { translatorOf, viewerOf } from '../http/viewer.js'
import {
  cancelEmailChange,
  confirmEmailChange,
  EmailNowTakenError,
  requestPasswordReset,
  resetPassword,
} from './credentials.js'
import { peekEmailToken } from './email-tokens.js'
import { AFTER_SIGN_IN, confirmSignUpForm, emailOnlyForm, linkTokenForm, resetPasswordForm } from './forms.js'
import { setSessionCookie } from './middleware.js'
import { mailContext } from './notices.js'
import { devMail } from './routes.js'
import { createSession } from './sessions.js'
import { confirmSignUp } from './signup.js'
import { sha256 } from './tokens.js'

/**
 * The pages mailed links open: confirm a sign-up, reset a password, confirm a new address. Each
 * link shows a page first and a button spends it, so a mail scanner opening links spends nothing.
 */
export const linkRoutes = new Hono<AppEnv>()
linkRoutes.on(
  'POST',
  ['/confirm-email', '/password/forgot', '/password/reset', '/email/change', '/email/change/cancel'],
  formBody,
)

/** The page for a link that no longer works, with what to do next for its kind of link. */
function expiredLink(
  c: Context<AppEnv>,
  text: 'link.expired' | 'link.expiredConfirm' | 'link.expiredReset' | 'link.expiredCancel' = 'link.expired',
) {
  const { t } = translatorOf(c)
  return c.html(<LinkProblemPage viewer={viewerOf(c)} title={t('link.expiredTitle')} text={t(text)} />, 410)
}

linkRoutes.get('/confirm-email', (c) => {
  const token = c.req.query('token') ?? ''
  if (!peekEmailToken(c.var.db, token, 'confirm')) return expiredLink(c, 'link.expiredConfirm')
  return c.html(<ConfirmSignUpPage viewer={viewerOf(c)} token={token} />)
})

linkRoutes.post(
  '/confirm-email',
  validForm(confirmSignUpForm, (c, errors, values) =>
    c.html(
      <ConfirmSignUpPage
        viewer={viewerOf(c)}
        token={values.token ?? ''}
        error={errors.password ?? translatorOf(c).t('form.passwordMissing')}
      />,
      422,
    ),
  ),
  async (c) => {
    const { token, password } = c.req.valid('form')
    // Each wrong password is a guess at the password of that sign-up: ten per link per 15 minutes.
    const tried = c.var.deps.limits.signIn.hit(`confirm-link:${sha256(token)}`)
    const wait = tried.ok ? null : tried.retryAfterSeconds
    if (wait) {
      c.header('Retry-After', String(wait))
      const error = waitMessage(wait, translatorOf(c))
      return c.html(<ConfirmSignUpPage viewer={viewerOf(c)} token={token} error={error} />, 429)
    }
    const outcome = await confirmSignUp(c.var.db, token, password)
    if (!outcome.ok && outcome.reason === 'wrong-password') {
      const error = translatorOf(c).t('confirm.wrongPassword')
      return c.html(<ConfirmSignUpPage viewer={viewerOf(c)} token={token} error={error} />, 422)
    }
    if (!outcome.ok) return expiredLink(c)
    const session = createSession(c.var.db, outcome.user.id)
    c.var.deps.keyReveal.put(session.id, outcome.apiKey)
    setSessionCookie(c, session.token)
    // Where the first video starts; the new API key waits on the account page, shown once.
    return c.redirect(`${AFTER_SIGN_IN}?welcome=1`, 303)
  },
)

linkRoutes.get('/password/forgot', (c) => c.html(<ForgotPasswordPage viewer={viewerOf(c)} />))

linkRoutes.post(
  '/password/forgot',
  validForm(emailOnlyForm, (c, errors, values) =>
    c.html(<ForgotPasswordPage viewer={viewerOf(c)} values={values} errors={errors} />, 422),
  ),
  (c) => {
    const { email } = c.req.valid('form')
    // Its own limiter: a flood of wrong passwords on sign-in must never block the owner's reset.
    const wait = overLimit(c, c.var.deps.limits.passwordReset, email)
    if (wait) {
      c.header('Retry-After', String(wait))
      const formError = waitMessage(wait, translatorOf(c))
      return c.html(<ForgotPasswordPage viewer={viewerOf(c)} values={{ email }} formError={formError} />, 429)
    }
    requestPasswordReset(c.var.db, mailContext(c.var.config), email)
    return c.html(
      <CheckInboxPage
        viewer={viewerOf(c)}
        email={email}
        devMail={devMail(c)}
        text={translatorOf(c).t('inbox.resetSent', { email })}
        reset
      />,
    )
  },
)

linkRoutes.get('/password/reset', (c) => {
  const token = c.req.query('token') ?? ''
  if (!peekEmailToken(c.var.db, token, 'reset')) return expiredLink(c, 'link.expiredReset')
  c.header('Referrer-Policy', 'no-referrer')
  return c.html(<ResetPasswordPage viewer={viewerOf(c)} token={token} />)
})

linkRoutes.post(
  '/password/reset',
  validForm(resetPasswordForm, (c, errors, values) =>
    c.html(<ResetPasswordPage viewer={viewerOf(c)} token={values.token ?? ''} errors={errors} />, 422),
  ),
  async (c) => {
    const { token, password } = c.req.valid('form')
    const reset = await resetPassword(c.var.db, mailContext(c.var.config), token, password)
    if (!reset) return expiredLink(c, 'link.expiredReset')
    // The owner proved who they are: wrong guesses made by someone else stop counting against them.
    c.var.deps.limits.signIn.forget(emailLimitKey(reset.user.email))
    const session = createSession(c.var.db, reset.user.id)
    c.var.deps.keyReveal.put(session.id, reset.apiKey)
    setSessionCookie(c, session.token)
    return c.redirect('/account?done=password-reset', 303)
  },
)

linkRoutes.get('/email/change/cancel', (c) => {
  const token = c.req.query('token') ?? ''
  const row = peekEmailToken(c.var.db, token, 'cancel_email_change')
  if (!row?.newEmail) return expiredLink(c, 'link.expiredCancel')
  const { t } = translatorOf(c)
  return c.html(
    <ConfirmLinkPage
      viewer={viewerOf(c)}
      title={t('emailChange.cancelTitle')}
      text={t('emailChange.cancelText', { email: row.newEmail })}
      action="/email/change/cancel"
      token={token}
      button={t('emailChange.cancelButton')}
    />,
  )
})

linkRoutes.post(
  '/email/change/cancel',
  validForm(linkTokenForm, (c) => expiredLink(c, 'link.expiredCancel')),
  (c) => {
    const newEmail = cancelEmailChange(c.var.db, c.req.valid('form').token)
    if (!newEmail) return expiredLink(c, 'link.expiredCancel')
    const { t } = translatorOf(c)
    const text = t('emailChange.canceledText', { email: newEmail })
    return c.html(<LinkProblemPage viewer={viewerOf(c)} title={t('emailChange.canceledTitle')} text={text} />)
  },
)

linkRoutes.get('/email/change', (c) => {
  const token = c.req.query('token') ?? ''
  const row = peekEmailToken(c.var.db, token, 'change_email')
  if (!row?.newEmail) return expiredLink(c)
  const { t } = translatorOf(c)
  return c.html(
    <ConfirmLinkPage
      viewer={viewerOf(c)}
      title={t('emailChange.confirmTitle')}
      text={t('emailChange.confirmText', { email: row.newEmail })}
      action="/email/change"
      token={token}
      button={t('emailChange.confirmButton')}
    />,
  )
})

linkRoutes.post(
  '/email/change',
  validForm(linkTokenForm, (c) => expiredLink(c)),
  (c) => {
    try {
      const user = confirmEmailChange(c.var.db, mailContext(c.var.config), c.req.valid('form').token)
      if (!user) return expiredLink(c)
    } catch (err) {
      if (!(err instanceof EmailNowTakenError)) throw err
      const { t } = translatorOf(c)
      const page = (
        <LinkProblemPage viewer={viewerOf(c)} title={t('emailChange.takenTitle')} text={t('emailChange.takenText')} />
      )
      return c.html(page, 409)
    }
    return c.redirect(c.var.user ? '/account?done=email-changed' : '/signin?emailChanged=1', 303)
  },
)
