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
import { emailLimitKey, overLimit, waitMessage, waitMinutes } from '../http/limits.js'
import { requestLocale, translatorOf, viewerOf } from '../http/viewer.js'
import { negotiateLocale } from '../i18n/negotiate.js'
import { pageLanguage } from '../i18n/page.js'
import { queueMail } from '../mail/outbox.js'
import { AFTER_SIGN_IN, languageForm, safeNextPath, signInForm, signUpForm } from './forms.js'
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './middleware.js'
import { mailContext, notices } from './notices.js'
import { authenticate, normalizeEmail, saveLocale } from './service.js'
import { createSession, revokeSession } from './sessions.js'
import { resendConfirmation, signUp } from './signup.js'

/** Sign-up, sign-in and sign-out, at the root. */
export const accountRoutes = new Hono<AppEnv>()
accountRoutes.on('POST', ['/signup', '/signin', '/signout', '/language'], formBody)

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
      const formError = waitMessage(wait, translatorOf(c))
      return c.html(<SignUpPage viewer={viewerOf(c)} values={values} formError={formError} />, 429)
    }
    // The same page whether the address is new, unconfirmed or taken: only its mailbox learns which.
    // The account keeps the language it was made in, for its mail and pages (the switch changes it).
    await signUp(c.var.db, mailContext(c.var.config), { ...input, locale: requestLocale(c).locale })
    c.header('Cache-Control', 'no-store')
    return c.html(<CheckInboxPage viewer={viewerOf(c)} email={normalizeEmail(input.email)} devMail={devMail(c)} />)
  },
)

export function devMail(c: { var: { config: AppEnv['Variables']['config'] } }): boolean {
  return c.var.config.mail.transport === 'dev-mailbox'
}

accountRoutes.get('/signin', (c) => {
  if (c.var.user) return c.redirect(AFTER_SIGN_IN, 303)
  const { t } = translatorOf(c)
  const notice =
    c.req.query('signedOut') === 'everywhere'
      ? t('signin.signedOutEverywhere')
      : c.req.query('emailChanged')
        ? t('signin.emailChanged')
        : undefined
  return c.html(<SignInPage viewer={viewerOf(c)} notice={notice} next={c.req.query('next')} />)
})

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
      const formError = translatorOf(c).t('signin.locked', { minutes: waitMinutes(wait) })
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
          formError={translatorOf(c).t('signin.badCredentials')}
          next={input.next}
        />,
        422,
      )
    }
    if (user.emailConfirmedAt === null) return unconfirmedSignIn(c, user)
    // A language chosen on the sign-in page (`?lang=`) by someone who never chose one is kept.
    const chosen = requestLocale(c).carried
    if (user.locale === null && chosen) saveLocale(c.var.db, user.id, chosen)
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
  const { t } = translatorOf(c)
  const text = t('signin.unconfirmedText', { email: user.email })
  const title = t('signin.unconfirmedTitle')
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
  queueMail(c.var.db, notices.signInLocked(mailContext(c.var.config), user, waitMinutes(wait)), { userId: user.id })
}

accountRoutes.post('/signout', (c) => {
  const token = getCookie(c, SESSION_COOKIE)
  if (token) revokeSession(c.var.db, token)
  clearSessionCookie(c)
  // Signed out, the page is in the language the account had, until the visitor picks another.
  const language = negotiateLocale({ query: c.var.user?.locale, acceptLanguage: c.req.header('accept-language') })
  return c.redirect(pageLanguage(language, '/').href('/'), 303)
})

/**
 * The language switch of a signed-in page saves the choice on the account (no cookie: the policy
 * promises one). A visitor whose session ended meanwhile gets the page in that language by URL.
 */
accountRoutes.post(
  '/language',
  validForm(languageForm, (c, _errors, values) => c.redirect(safeNextPath(values.next, c.var.config.baseUrl), 303)),
  (c) => {
    const { locale, next } = c.req.valid('form')
    const back = safeNextPath(next, c.var.config.baseUrl)
    if (!c.var.user) {
      const language = negotiateLocale({ query: locale, acceptLanguage: c.req.header('accept-language') })
      return c.redirect(pageLanguage(language, back).switchHref(locale), 303)
    }
    saveLocale(c.var.db, c.var.user.id, locale)
    return c.redirect(back, 303)
  },
)
