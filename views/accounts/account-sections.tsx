import { formatBytes, formatNumber, monthName } from '../../src/i18n/format.js'
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
      <p class="button-row export-buttons">
        <a class="button" href="/account/export.zip" download>
          {t('account.yourData.zip')}
        </a>
        <a class="button button-secondary" href="/account/export" download>
          {t('account.yourData.json')}
        </a>
      </p>
      <details class="danger-zone" id="delete-account" open={deleteError ? true : undefined}>
        <summary>{t('account.delete')}</summary>
        <p>{t('account.delete.lead')}</p>
        {/* A wrong password brings the page back focused (and so scrolled) to this field, not at its top.
            No #fragment in the action: a page opened at a fragment skips autofocus. */}
        <form method="post" action={href('/account/delete')} novalidate>
          <Field
            name="password"
            label={t('account.delete.password')}
            type="password"
            error={deleteError}
            autofocus={deleteError ? true : undefined}
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

const MB = 1024 * 1024

/** What the person stores against their plan's caps, each with the way to make room. */
export function StorageCard({ storage, lang }: { storage: AccountView['storage']; lang: PageLanguage }) {
  const { t, locale } = lang
  const { usage, caps } = storage
  const n = (value: number) => formatNumber(locale, value)
  // `id` names the row for tests (data-testid), whatever the page's language.
  const rows = [
    {
      id: 'photos',
      label: t('account.storage.photos'),
      usedLabel: t('account.storage.photosUsed'),
      used: usage.images,
      cap: caps.images,
      text: t('account.storage.count', { used: n(usage.images), cap: n(caps.images) }),
    },
    {
      id: 'photo-space',
      label: t('account.storage.photoSpace'),
      usedLabel: t('account.storage.photoSpaceUsed'),
      used: usage.imageBytes,
      cap: caps.imageMegabytes * MB,
      text: t('account.storage.count', {
        used: formatBytes(locale, usage.imageBytes),
        cap: formatBytes(locale, caps.imageMegabytes * MB),
      }),
    },
    {
      id: 'briefs',
      label: t('account.storage.briefs'),
      usedLabel: t('account.storage.briefsUsed'),
      used: usage.briefs,
      cap: caps.briefs,
      text: t('account.storage.count', { used: n(usage.briefs), cap: n(caps.briefs) }),
    },
    {
      id: 'videos-kept',
      label: t('account.storage.videosKept'),
      usedLabel: t('account.storage.videosKeptUsed'),
      used: usage.videosKept,
      cap: caps.videosKept,
      text: t('account.storage.count', { used: n(usage.videosKept), cap: n(caps.videosKept) }),
    },
  ]
  return (
    <section class="card" id="storage">
      <h2>{t('account.storage')}</h2>
      <dl class="facts" data-testid="storage">
        {rows.map((r) => (
          <>
            <dt>{r.label}</dt>
            <dd data-testid={`storage-${r.id}`}>
              {r.text}{' '}
              <progress value={Math.min(r.used, r.cap)} max={r.cap} aria-label={r.usedLabel}>
                {r.text}
              </progress>
            </dd>
          </>
        ))}
        <dt>{t('account.storage.versions')}</dt>
        <dd>{t('account.storage.versionsCap', { count: n(caps.versionsPerBrief) })}</dd>
      </dl>
      <p class="muted">{t('account.storage.note')}</p>
      <p>
        <a href={lang.href('/music')}>{t('music.account.link')}</a>
      </p>
    </section>
  )
}
