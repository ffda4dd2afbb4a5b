import { Hono } from 'hono'
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
import { viewerOf } from '../http/viewer.js'
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

const expired = {
  title: 'This link no longer works',
  text: 'The link was already used, has expired, or was mistyped. Mailed links work once, for a limited time.',
}
const expiredCancel = {
  ...expired,
  text: `${expired.text} A change that was already made, called off or replaced by a newer one cannot be called off here: if your email changed without you, reset your password and write to us.`,
}

linkRoutes.get('/confirm-email', (c) => {
  const token = c.req.query('token') ?? ''
  if (!peekEmailToken(c.var.db, token, 'confirm')) {
    return c.html(
      <LinkProblemPage
        viewer={viewerOf(c)}
        {...expired}
        text={`${expired.text} Sign in to have a new confirmation link sent, or sign up again.`}
      />,
      410,
    )
  }
  return c.html(<ConfirmSignUpPage viewer={viewerOf(c)} token={token} />)
})

linkRoutes.post(
  '/confirm-email',
  validForm(confirmSignUpForm, (c, errors, values) =>
    c.html(
      <ConfirmSignUpPage
        viewer={viewerOf(c)}
        token={values.token ?? ''}
        error={errors.password ?? 'Enter your password.'}
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
      return c.html(<ConfirmSignUpPage viewer={viewerOf(c)} token={token} error={waitMessage(wait)} />, 429)
    }
    const outcome = await confirmSignUp(c.var.db, token, password)
    if (!outcome.ok && outcome.reason === 'wrong-password') {
      const error =
        'That is not the password chosen when this link was asked for. If you signed up more than once, use the link in the newest mail you asked for, or sign up again.'
      return c.html(<ConfirmSignUpPage viewer={viewerOf(c)} token={token} error={error} />, 422)
    }
    if (!outcome.ok) return c.html(<LinkProblemPage viewer={viewerOf(c)} {...expired} />, 410)
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
      return c.html(<ForgotPasswordPage viewer={viewerOf(c)} values={{ email }} formError={waitMessage(wait)} />, 429)
    }
    requestPasswordReset(c.var.db, mailContext(c.var.config), email)
    return c.html(
      <CheckInboxPage
        viewer={viewerOf(c)}
        email={email}
        devMail={devMail(c)}
        text={`If ${email} belongs to an account, we've sent it a link to choose a new password. It works for 30 minutes.`}
      />,
    )
  },
)

linkRoutes.get('/password/reset', (c) => {
  const token = c.req.query('token') ?? ''
  if (!peekEmailToken(c.var.db, token, 'reset')) {
    return c.html(
      <LinkProblemPage viewer={viewerOf(c)} {...expired} text={`${expired.text} Ask for a new reset link.`} />,
      410,
    )
  }
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
    if (!reset)
      return c.html(
        <LinkProblemPage viewer={viewerOf(c)} {...expired} text={`${expired.text} Ask for a new reset link.`} />,
        410,
      )
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
  if (!row?.newEmail) return c.html(<LinkProblemPage viewer={viewerOf(c)} {...expiredCancel} />, 410)
  return c.html(
    <ConfirmLinkPage
      viewer={viewerOf(c)}
      title="Call off the email change"
      text={`Your account's email stays as it is and the link mailed to ${row.newEmail} stops working.`}
      action="/email/change/cancel"
      token={token}
      button="Call off the change"
    />,
  )
})

linkRoutes.post(
  '/email/change/cancel',
  validForm(linkTokenForm, (c) => c.html(<LinkProblemPage viewer={viewerOf(c)} {...expiredCancel} />, 410)),
  (c) => {
    const newEmail = cancelEmailChange(c.var.db, c.req.valid('form').token)
    if (!newEmail) return c.html(<LinkProblemPage viewer={viewerOf(c)} {...expiredCancel} />, 410)
    const text = `Your email was not changed, and the link mailed to ${newEmail} no longer works. If you did not ask for the change, reset your password now: whoever asked knows it.`
    return c.html(<LinkProblemPage viewer={viewerOf(c)} title="The change is called off" text={text} />)
  },
)

linkRoutes.get('/email/change', (c) => {
  const token = c.req.query('token') ?? ''
  const row = peekEmailToken(c.var.db, token, 'change_email')
  if (!row?.newEmail) return c.html(<LinkProblemPage viewer={viewerOf(c)} {...expired} />, 410)
  return c.html(
    <ConfirmLinkPage
      viewer={viewerOf(c)}
      title="Confirm your new email"
      text={`Your account's email becomes ${row.newEmail}. We'll tell the old address.`}
      action="/email/change"
      token={token}
      button="Use this address"
    />,
  )
})

linkRoutes.post(
  '/email/change',
  validForm(linkTokenForm, (c) => c.html(<LinkProblemPage viewer={viewerOf(c)} {...expired} />, 410)),
  (c) => {
    try {
      const user = confirmEmailChange(c.var.db, mailContext(c.var.config), c.req.valid('form').token)
      if (!user) return c.html(<LinkProblemPage viewer={viewerOf(c)} {...expired} />, 410)
    } catch (err) {
      if (!(err instanceof EmailNowTakenError)) throw err
      const text = 'Another account has started using that address since you asked, so nothing was changed.'
      return c.html(<LinkProblemPage viewer={viewerOf(c)} title="That address is taken" text={text} />, 409)
    }
    return c.redirect(c.var.user ? '/account?done=email-changed' : '/signin?emailChanged=1', 303)
  },
)
