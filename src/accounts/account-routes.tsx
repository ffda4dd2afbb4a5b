import type { Context } from 'hono'
import { AccountPage } from '../../views/accounts/account.js'
import { formBody } from '../http/body-limits.js'
import type { SignedInEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { overLimit, waitMessage } from '../http/limits.js'
import { rotateApiKey } from './api-keys.js'
import { exportAccount } from './export.js'
import { passwordConfirmForm } from './forms.js'
import { clearSessionCookie, signedInRoutes } from './middleware.js'
import { accountSummary, authenticate, deleteAccount } from './service.js'
import { revokeAllSessions } from './sessions.js'

/** The signed-in person's account page under /account, and what it posts to. */
export const accountPageRoutes = signedInRoutes()
accountPageRoutes.use('*', formBody)

accountPageRoutes.get('/', (c) => {
  const user = c.var.user
  const revealedKey = c.var.deps.keyReveal.take(c.var.session.id)
  const notice =
    c.req.query('welcome') && revealedKey
      ? { kind: 'success' as const, text: 'Welcome to Lumina.AI! Your account is ready.' }
      : undefined
  c.header('Cache-Control', 'no-store') // the page may carry a freshly revealed key
  return c.html(
    <AccountPage
      account={accountSummary(c.var.db, user)}
      revealedKey={revealedKey}
      baseUrl={c.var.config.baseUrl.origin}
      notice={notice}
    />,
  )
})

accountPageRoutes.post('/api-key', (c) => {
  const key = rotateApiKey(c.var.db, c.var.user.id)
  c.var.deps.keyReveal.put(c.var.session.id, key)
  return c.redirect('/account#api-key', 303)
})

accountPageRoutes.post('/sessions/revoke', (c) => {
  revokeAllSessions(c.var.db, c.var.user.id)
  clearSessionCookie(c)
  return c.redirect('/signin?signedOut=everywhere', 303)
})

accountPageRoutes.get('/export', (c) => {
  const body = JSON.stringify(exportAccount(c.var.db, c.var.user), null, 2)
  const day = new Date().toISOString().slice(0, 10)
  return c.body(body, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Disposition': `attachment; filename="lumina-export-${day}.json"`,
    'Cache-Control': 'no-store',
  })
})

accountPageRoutes.post(
  '/delete',
  validForm(passwordConfirmForm, (c: Context<SignedInEnv>, errors) =>
    renderDeleteError(c, errors.password ?? 'Enter your password.'),
  ),
  async (c) => {
    const user = c.var.user
    const check = await passwordAgain(c, c.req.valid('form').password)
    if (check !== 'right') {
      if (check === 'wrong') return renderDeleteError(c, 'That password is not correct.')
      c.header('Retry-After', String(check.waitSeconds))
      return renderDeleteError(c, waitMessage(check.waitSeconds), 429)
    }
    await deleteAccount(c.var.db, c.var.config.dataDir, user.id)
    clearSessionCookie(c)
    return c.redirect('/?deleted=1', 303)
  },
)

/**
 * Checks the password a form asks for again. Each check is a guess an attacker holding a session
 * could make, so it is limited like sign-in and counted on sign-in's own limiter (per address and
 * per account email): all the forms together give an account 10 guesses in 15 minutes, not 10 each.
 */
async function passwordAgain(
  c: Context<SignedInEnv>,
  password: string,
): Promise<'right' | 'wrong' | { waitSeconds: number }> {
  const wait = overLimit(c, c.var.deps.limits.signIn, c.var.user.email)
  if (wait) return { waitSeconds: wait }
  return (await authenticate(c.var.db, c.var.user.email, password)) ? 'right' : 'wrong'
}

function renderDeleteError(c: Context<SignedInEnv>, message: string, status: 422 | 429 = 422) {
  return c.html(
    <AccountPage
      account={accountSummary(c.var.db, c.var.user)}
      baseUrl={c.var.config.baseUrl.origin}
      deleteError={message}
    />,
    status,
  )
}
