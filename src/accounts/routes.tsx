import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { SignInPage } from '../../views/accounts/signin.js'
import { SignUpPage } from '../../views/accounts/signup.js'
import { formBody } from '../http/body-limits.js'
import type { AppEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { overLimit, waitMessage } from '../http/limits.js'
import { safeNextPath, signInForm, signUpForm } from './forms.js'
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './middleware.js'
import { authenticate, EmailTakenError, signUp } from './service.js'
import { createSession, revokeSession } from './sessions.js'

/** Sign-up, sign-in and sign-out, at the root. */
export const accountRoutes = new Hono<AppEnv>()
accountRoutes.on('POST', ['/signup', '/signin', '/signout'], formBody)

accountRoutes.get('/signup', (c) => (c.var.user ? c.redirect('/account', 303) : c.html(<SignUpPage />)))

accountRoutes.post(
  '/signup',
  validForm(signUpForm, (c, errors, values) => c.html(<SignUpPage values={values} errors={errors} />, 422)),
  async (c) => {
    const input = c.req.valid('form')
    const values = { email: input.email, ageConfirmed: 'yes' }
    const wait = overLimit(c, c.var.deps.limits.signUp, input.email)
    if (wait) {
      c.header('Retry-After', String(wait))
      return c.html(<SignUpPage values={values} formError={waitMessage(wait)} />, 429)
    }
    try {
      const { user, apiKey } = await signUp(c.var.db, input)
      const session = createSession(c.var.db, user.id)
      c.var.deps.keyReveal.put(session.id, apiKey)
      setSessionCookie(c, session.token)
      return c.redirect('/account?welcome=1', 303)
    } catch (err) {
      if (!(err instanceof EmailTakenError)) throw err
      const errors = { email: 'An account with this email already exists. Sign in instead, or use another email.' }
      return c.html(<SignUpPage values={values} errors={errors} />, 422)
    }
  },
)

accountRoutes.get('/signin', (c) => {
  if (c.var.user) return c.redirect('/account', 303)
  const notice = c.req.query('signedOut') === 'everywhere' ? 'You have been signed out on every browser.' : undefined
  return c.html(<SignInPage notice={notice} next={c.req.query('next')} />)
})

const badCredentials = 'That email and password do not match an account. Check both and try again.'

accountRoutes.post(
  '/signin',
  validForm(signInForm, (c, errors, values) =>
    c.html(<SignInPage values={values} errors={errors} next={values.next} />, 422),
  ),
  async (c) => {
    const input = c.req.valid('form')
    const wait = overLimit(c, c.var.deps.limits.signIn, input.email)
    if (wait) {
      c.header('Retry-After', String(wait))
      return c.html(<SignInPage values={{ email: input.email }} formError={waitMessage(wait)} next={input.next} />, 429)
    }
    const user = await authenticate(c.var.db, input.email, input.password)
    if (!user) {
      // The same words whether the email exists or not.
      return c.html(<SignInPage values={{ email: input.email }} formError={badCredentials} next={input.next} />, 422)
    }
    const session = createSession(c.var.db, user.id)
    setSessionCookie(c, session.token)
    return c.redirect(safeNextPath(input.next, c.var.config.baseUrl), 303)
  },
)

accountRoutes.post('/signout', (c) => {
  const token = getCookie(c, SESSION_COOKIE)
  if (token) revokeSession(c.var.db, token)
  clearSessionCookie(c)
  return c.redirect('/', 303)
})
