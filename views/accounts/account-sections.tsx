import { formatNumber, monthName } from '../../src/i18n/format.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import { Field } from '../components/form.js'
import type { AccountView } from './account.js'

type SecurityProps = {
  account: AccountView
  forms?: { password?: string | undefined; email?: string | undefined } | undefined
  lang: PageLanguage
}

/** Email, password and browsers: each change asks for the current password and is mailed about. */
export function SecurityCard({ account, forms, lang }: SecurityProps) {
  const { t, href } = lang
  return (
    <section class="card" id="security">
      <h2>{t('account.security')}</h2>
      <div class="grid-2">
        <form method="post" action={href('/account/email')} novalidate id="change-email">
          <h3>{t('account.changeEmail')}</h3>
          <p class="muted small">{t('account.changeEmail.lead')}</p>
          <Field
            name="newEmail"
            label={t('account.newEmail')}
            type="email"
            autocomplete="email"
            required
            maxlength={254}
            error={forms?.email}
          />
          <Field
            name="password"
            id="email-current-password"
            label={t('account.currentPassword')}
            type="password"
            autocomplete="current-password"
            required
            maxlength={1024}
          />
          <button type="submit" class="button button-secondary">
            {t('account.changeEmail.submit')}
          </button>
        </form>
        <form method="post" action={href('/account/password')} novalidate id="change-password">
          <h3>{t('account.changePassword')}</h3>
          <p class="muted small">{t('account.changePassword.lead')}</p>
          <Field
            name="currentPassword"
            label={t('account.currentPassword')}
            type="password"
            autocomplete="current-password"
            required
            maxlength={1024}
            error={forms?.password}
          />
          <Field
            name="newPassword"
            label={t('field.newPassword')}
            type="password"
            autocomplete="new-password"
            required
            minlength={10}
            maxlength={1024}
            hint={t('account.newPasswordHint')}
          />
          <button type="submit" class="button button-secondary">
            {t('account.changePassword')}
          </button>
        </form>
      </div>
      <h3>{t('account.browsers')}</h3>
      <p>{t('account.browsers.count', { count: account.activeSessions })}</p>
      <form method="post" action={href('/account/sessions/revoke')}>
        <button type="submit" class="button button-secondary">
          {t('account.signOutEverywhere')}
        </button>
      </form>
    </section>
  )
}

export function StatementsCard({ statements, lang }: { statements: AccountView['statements']; lang: PageLanguage }) {
  const { t, locale } = lang
  const n = (value: number) => formatNumber(locale, value)
  return (
    <section class="card" id="statements">
      <h2>{t('account.statements')}</h2>
      {statements.length === 0 ? (
        <p class="muted">{t('account.statements.empty')}</p>
      ) : (
        <table class="usage-table statements-table" data-testid="statements">
          <thead>
            <tr>
              <th scope="col">{t('account.statements.month')}</th>
              <th scope="col">{t('account.statements.videos')}</th>
              <th scope="col">{t('account.plan')}</th>
              <th scope="col">{t('account.statements.seconds')}</th>
              <th scope="col">{t('account.statements.file')}</th>
            </tr>
          </thead>
          <tbody>
            {statements.map((s) => (
              <tr>
                <td>{monthName(locale, s.month)}</td>
                <td>
                  {t('account.statements.count', { videos: n(s.videos), quota: n(s.quota) })}
                  {s.voided > 0 && <span class="muted">{t('account.statements.voided', { voided: n(s.voided) })}</span>}
                </td>
                <td>{t('account.planName', { plan: s.plan })}</td>
                <td>{t('account.seconds', { seconds: n(s.seconds) })}</td>
                <td>
                  <a
                    class="table-link"
                    href={`/account/statements/${s.month}.csv`}
                    download
                    aria-label={t('account.statements.csvLabel', { month: monthName(locale, s.month) })}
                  >
                    {/* The format's name, the same in every language; the label says what it is. */}
                    CSV
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

export function YourDataCard({ deleteError, lang }: { deleteError?: string | undefined; lang: PageLanguage }) {
  const { t, href } = lang
  return (
    <section class="card" id="your-data">
      <h2>{t('account.yourData')}</h2>
      <p>{t('account.yourData.lead')}</p>
      <p class="button-row">
        <a class="button" href="/account/export.zip" download>
          {t('account.yourData.zip')}
        </a>
        <a class="button button-secondary" href="/account/export" download>
          {t('account.yourData.json')}
        </a>
      </p>
      <details class="danger-zone" open={deleteError ? true : undefined}>
        <summary>{t('account.delete')}</summary>
        <p>{t('account.delete.lead')}</p>
        <form method="post" action={href('/account/delete')} novalidate>
          <Field
            name="password"
            label={t('account.delete.password')}
            type="password"
            error={deleteError}
            autocomplete="current-password"
            required
            maxlength={1024}
          />
          <button type="submit" class="button button-danger">
            {t('account.delete')}
          </button>
        </form>
      </details>
    </section>
  )
}
