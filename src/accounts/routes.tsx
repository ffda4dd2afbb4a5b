import { eq } from 'drizzle-orm'
import { type Context, Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { type User, users } from '../../db/schema.js'
import { CheckInboxPage } from '../../views/accounts/email-pages.js'
import { SignInPage } from '../../views/accounts/signin.js'
import { SignUpPage } from '../../views/accounts/signup.js'
import { formBody } from '../http/body-limits.js'
import type { AppEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { emailLimitKey, overLimit, waitMessage } from '../http/limits.js'
import { viewerOf } from '../http/viewer.js'
import { queueMail } from '../mail/outbox.js'
import { AFTER_SIGN_IN, safeNextPath, signInForm, signUpForm } from './forms.js'
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './middleware.js'
import { mailContext, notices } from './notices.js'
import { authenticate, normalizeEmail } from './service.js'
import { createSession, revokeSession } from './sessions.js'
import { resendConfirmation, signUp } from './signup.js'

/** Sign-up, sign-in and sign-out, at the root. */
export const accountRoutes = new Hono<AppEnv>()
accountRoutes.on('POST', ['/signup', '/signin', '/signout'], formBody)

accountRoutes.get('/signup', (c) =>
  c.var.user ? c.redirect(AFTER_SIGN_IN, 303) : c.html(<SignUpPage viewer={viewerOf(c)} />),
)

accountRoutes.post(
  '/signup',
  validForm(signUpForm, (c, errors, values) =>
    c.html(<SignUpPage viewer={viewerOf(c)} values={values} errors={errors} />, 422),
  ),
  async (c) => {
    const input = c.req.valid('form')
    const values = { email: input.email, ageConfirmed: 'yes' }
    const wait = overLimit(c, c.var.deps.limits.signUp, input.email)
    if (wait) {
      c.header('Retry-After', String(wait))
      return c.html(<SignUpPage viewer={viewerOf(c)} values={values} formError={waitMessage(wait)} />, 429)
    }
    // The same page whether the address is new, unconfirmed or taken: only its mailbox learns which.
    await signUp(c.var.db, mailContext(c.var.config), input)
    c.header('Cache-Control', 'no-store')
    return c.html(<CheckInboxPage viewer={viewerOf(c)} email={normalizeEmail(input.email)} devMail={devMail(c)} />)
  },
)

export function devMail(c: { var: { config: AppEnv['Variables']['config'] } }): boolean {
  return c.var.config.mail.transport === 'dev-mailbox'
}

accountRoutes.get('/signin', (c) => {
  if (c.var.user) return c.redirect(AFTER_SIGN_IN, 303)
  const notice =
    c.req.query('signedOut') === 'everywhere'
      ? 'You have been signed out on every browser.'
      : c.req.query('emailChanged')
        ? 'Your email address was changed. Sign in with the new one.'
        : undefined
  return c.html(<SignInPage viewer={viewerOf(c)} notice={notice} next={c.req.query('next')} />)
})

const badCredentials = 'That email and password do not match an account. Check both and try again.'

accountRoutes.post(
  '/signin',
  validForm(signInForm, (c, errors, values) =>
    c.html(<SignInPage viewer={viewerOf(c)} values={values} errors={errors} next={values.next} />, 422),
  ),
  async (c) => {
    const input = c.req.valid('form')
    const wait = overLimit(c, c.var.deps.limits.signIn, input.email)
    if (wait) {
      noticeLockedSignIn(c, input.email, wait)
      c.header('Retry-After', String(wait))
      const formError = `${waitMessage(wait)} Forgot your password? A reset works even now.`
      return c.html(
        <SignInPage viewer={viewerOf(c)} values={{ email: input.email }} formError={formError} next={input.next} />,
        429,
      )
    }
    const user = await authenticate(c.var.db, input.email, input.password)
    if (!user) {
      // The same words whether the email exists or not.
      return c.html(
        <SignInPage
          viewer={viewerOf(c)}
          values={{ email: input.email }}
          formError={badCredentials}
          next={input.next}
        />,
        422,
      )
    }
    if (user.emailConfirmedAt === null) return unconfirmedSignIn(c, user)
    const session = createSession(c.var.db, user.id)
    setSessionCookie(c, session.token)
    return c.redirect(safeNextPath(input.next, c.var.config.baseUrl), 303)
  },
)

/**
 * The password fits an account whose address was never confirmed: no session. Whoever signed up
 * first with an address may not be its owner, so an unconfirmed account can do nothing but confirm;
 * signing in mails a new confirmation link instead (at most a few an hour).
 */
function unconfirmedSignIn(c: Context<AppEnv>, user: User) {
  if (c.var.deps.limits.mailResend.hit(`user:${user.id}`).ok) {
    resendConfirmation(c.var.db, mailContext(c.var.config), user)
  }
  c.header('Cache-Control', 'no-store')
  const text = `${user.email} is not confirmed yet, so the account cannot be used. We've mailed it a new confirmation link: open it and enter this password to finish signing up.`
  const title = 'Confirm your email first'
  return c.html(
    <CheckInboxPage viewer={viewerOf(c)} email={user.email} devMail={devMail(c)} title={title} text={text} />,
    403,
  )
}

/**
 * When sign-in for an email is paused by the limiter, its owner hears about it once per window,
 * with a reset link: someone may be guessing their password.
 */
function noticeLockedSignIn(c: Context<AppEnv>, email: string, wait: number) {
  const { limits } = c.var.deps
  const key = emailLimitKey(email)
  if (!limits.signIn.isFull(key) || !limits.lockNotice.hit(key).ok) return
  const user = c.var.db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get()
  if (!user) return
  const minutes = Math.max(1, Math.ceil(wait / 60))
  queueMail(c.var.db, notices.signInLocked(mailContext(c.var.config), user.email, minutes), { userId: user.id })
}

accountRoutes.post('/signout', (c) => {
  const token = getCookie(c, SESSION_COOKIE)
  if (token) revokeSession(c.var.db, token)
  clearSessionCookie(c)
  return c.redirect('/', 303)
})
