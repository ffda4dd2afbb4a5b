import type { Context } from 'hono'
import { AccountPage, type AccountPageProps, ROTATE_KEY_CONFIRMATION } from '../../views/accounts/account.js'
import { formBody } from '../http/body-limits.js'
import { askFirst, isConfirmed } from '../http/confirm.js'
import type { SignedInEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { overLimit, waitMessage } from '../http/limits.js'
import { translatorOf, viewerOf } from '../http/viewer.js'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { signOutEverywhere } from './access.js'
import { rotateApiKey } from './api-keys.js'
import { changePassword, requestEmailChange } from './credentials.js'
import { exportAccount, exportZip } from './export.js'
import { exportLimit } from './export-limit.js'
import { changeEmailForm, changePasswordForm, passwordConfirmForm } from './forms.js'
import { clearSessionCookie, signedInRoutes } from './middleware.js'
import { mailContext } from './notices.js'
import { accountSummary, authenticate, deleteAccount } from './service.js'
import { statementCsv } from './statements.js'

/** The signed-in person's account page under /account, and what it posts to. */
export const accountPageRoutes = signedInRoutes()
accountPageRoutes.use('*', formBody)

// What a redirect back to the page says happened (?done=…): fixed words, never echoed input.
const doneNotices = {
  'password-changed': 'account.done.passwordChanged',
  'password-reset': 'account.done.passwordReset',
  'email-sent': 'account.done.emailSent',
  'email-changed': 'account.done.emailChanged',
} as const satisfies Record<string, MessageKey>

accountPageRoutes.get('/', (c) => {
  const user = c.var.user
  const { t } = translatorOf(c)
  const revealedKey = c.var.deps.keyReveal.take(c.var.session.id)
  const asked = c.req.query('done') ?? ''
  const done = Object.hasOwn(doneNotices, asked) ? doneNotices[asked as keyof typeof doneNotices] : undefined
  const notice =
    c.req.query('welcome') && revealedKey
      ? { kind: 'success' as const, text: t('account.welcome') }
      : done
        ? { kind: 'success' as const, text: t(done) }
        : undefined
  c.header('Cache-Control', 'no-store') // the page may carry a freshly revealed key
  return c.html(
    <AccountPage
      viewer={viewerOf(c)}
      account={accountSummary(c.var.db, user)}
      revealedKey={revealedKey}
      baseUrl={c.var.config.baseUrl.origin}
      notice={notice}
    />,
  )
})

accountPageRoutes.post(
  '/password',
  validForm(changePasswordForm, (c: Context<SignedInEnv>, errors) =>
    renderAccount(c, {
      forms: { password: errors.currentPassword ?? errors.newPassword ?? translatorOf(c).t('account.error.checkBoth') },
    }),
  ),
  async (c) => {
    const { currentPassword, newPassword } = c.req.valid('form')
    const check = await passwordAgain(c, currentPassword)
    if (check !== 'right') return refusedPassword(c, 'password', check)
    await changePassword(c.var.db, mailContext(c.var.config), c.var.user, c.var.session.id, newPassword)
    return c.redirect('/account?done=password-changed', 303)
  },
)

accountPageRoutes.post(
  '/email',
  validForm(changeEmailForm, (c: Context<SignedInEnv>, errors) =>
    renderAccount(c, {
      forms: { email: errors.newEmail ?? errors.password ?? translatorOf(c).t('account.error.checkBoth') },
    }),
  ),
  async (c) => {
    const { newEmail, password } = c.req.valid('form')
    if (newEmail === c.var.user.email) {
      return renderAccount(c, { forms: { email: translatorOf(c).t('account.error.sameEmail') } })
    }
    const check = await passwordAgain(c, password)
    if (check !== 'right') return refusedPassword(c, 'email', check)
    requestEmailChange(c.var.db, mailContext(c.var.config), c.var.user, newEmail)
    return c.redirect('/account?done=email-sent', 303)
  },
)

accountPageRoutes.get('/export.zip', exportLimit, (c) => {
  const day = new Date().toISOString().slice(0, 10)
  return c.body(exportZip(c.var.db, c.var.config.dataDir, c.var.user), 200, {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="lumina-export-${day}.zip"`,
    'Cache-Control': 'no-store',
  })
})

accountPageRoutes.get('/statements/:file{[0-9]{4}-[0-9]{2}\\.csv}', (c) => {
  const month = c.req.param('file').slice(0, 7)
  const csv = statementCsv(c.var.db, c.var.user, month)
  if (csv === undefined) return c.notFound()
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="lumina-statement-${month}.csv"`,
    'Cache-Control': 'no-store',
  })
})

accountPageRoutes.post('/api-key', async (c) => {
  if (!(await isConfirmed(c))) return askFirst(c, ROTATE_KEY_CONFIRMATION, '/account#api-key')
  const key = rotateApiKey(c.var.db, c.var.user, mailContext(c.var.config))
  c.var.deps.keyReveal.put(c.var.session.id, key)
  return c.redirect('/account#api-key', 303)
})

accountPageRoutes.post('/sessions/revoke', (c) => {
  signOutEverywhere(c.var.db, c.var.user.id)
  clearSessionCookie(c)
  return c.redirect('/signin?signedOut=everywhere', 303)
})

accountPageRoutes.get('/export', exportLimit, (c) => {
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
    renderDeleteError(c, errors.password ?? translatorOf(c).t('form.passwordMissing')),
  ),
  async (c) => {
    const user = c.var.user
    const check = await passwordAgain(c, c.req.valid('form').password)
    if (check !== 'right') {
      if (check === 'wrong') return renderDeleteError(c, translatorOf(c).t('account.error.wrongPassword'))
      c.header('Retry-After', String(check.waitSeconds))
      return renderDeleteError(c, waitMessage(check.waitSeconds, translatorOf(c)), 429)
    }
    await deleteAccount(c.var.db, c.var.config.dataDir, user.id, { mail: mailContext(c.var.config) })
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

type FormErrors = NonNullable<AccountPageProps['forms']>

/** The page again with a form's error beside it (and that form open). */
function renderAccount(
  c: Context<SignedInEnv>,
  errors: { forms?: FormErrors; deleteError?: string },
  status: 422 | 429 = 422,
) {
  return c.html(
    <AccountPage
      viewer={viewerOf(c)}
      account={accountSummary(c.var.db, c.var.user)}
      baseUrl={c.var.config.baseUrl.origin}
      deleteError={errors.deleteError}
      forms={errors.forms}
    />,
    status,
  )
}

function renderDeleteError(c: Context<SignedInEnv>, message: string, status: 422 | 429 = 422) {
  return renderAccount(c, { deleteError: message }, status)
}

function refusedPassword(c: Context<SignedInEnv>, form: keyof FormErrors, check: 'wrong' | { waitSeconds: number }) {
  if (check === 'wrong') {
    return renderAccount(c, { forms: { [form]: translatorOf(c).t('account.error.wrongCurrentPassword') } })
  }
  c.header('Retry-After', String(check.waitSeconds))
  return renderAccount(c, { forms: { [form]: waitMessage(check.waitSeconds, translatorOf(c)) } }, 429)
}
