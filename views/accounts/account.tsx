import { formatDate, formatNumber } from '../../src/i18n/format.js'
import { Layout, type Viewer } from '../layout.js'
import { CONFIRMED_VALS, type Confirmation, dialogText } from '../pages/confirm.js'
import { SecurityCard, StatementsCard, StorageCard, YourDataCard } from './account-sections.js'

/** Rotating asks first: one stray click would stop every script that uses the key. */
export const ROTATE_KEY_CONFIRMATION: Confirmation = {
  question: 'account.confirm.rotateKey.question',
  consequence: 'account.confirm.rotateKey.consequence',
  goLabel: 'account.confirm.rotateKey.go',
  keepLabel: 'account.confirm.rotateKey.keep',
  destructive: false,
}

/** What the account page shows: plain data, built by the accounts service. */
export type AccountView = {
  email: string
  createdAt: number
  allowance: {
    plan: { name: string; monthlyVideos: number }
    used: number
    quota: number
    left: number
    resetsAt: number
  }
  storage: {
    usage: { images: number; imageBytes: number; briefs: number; videosKept: number }
    caps: { images: number; imageMegabytes: number; briefs: number; versionsPerBrief: number; videosKept: number }
  }
  apiKeyPrefix: string | null
  webhook: {
    url: string
    deliveries: {
      id: string
      type: string
      status: string
      attempts: number
      lastStatusCode: number | null
      createdAt: number
    }[]
  } | null
  activeSessions: number
  /** False until the person clicks the link mailed at sign-up: no rendering until then. */
  /** Each month with usage, newest first. */
  statements: { month: string; plan: string; quota: number; videos: number; seconds: number; voided: number }[]
  recentUsage: {
    createdAt: number
    title: string | null
    videoId: string
    shots: number
    seconds: number
    voided: boolean
  }[]
}

export type AccountPageProps = {
  viewer: Viewer
  account: AccountView
  /** The full API key, present only right after it was created or rotated. */
  revealedKey?: string | undefined
  baseUrl: string
  notice?: { kind: 'info' | 'success' | 'error'; text: string } | undefined
  deleteError?: string | undefined
  /** A form's error, shown beside it. */
  forms?: { password?: string; email?: string } | undefined
}

export function AccountPage({ viewer, account, revealedKey, baseUrl, notice, deleteError, forms }: AccountPageProps) {
  const lang = viewer.lang
  const { t, rich, href, locale } = lang
  const { plan, used, quota, left, resetsAt } = account.allowance
  const n = (value: number) => formatNumber(locale, value)
  return (
    <Layout title={t('account.title')} viewer={viewer} notice={notice} width="wide" translated>
      <h1>{t('account.title')}</h1>
      {/* The page's three parts, each a link of its own (an anchor: no JavaScript needed). */}
      <nav class="account-nav" aria-label={t('pages.account.sections')}>
        <a href="#security">{t('account.security')}</a>
        <a href="#data">{t('account.yourData')}</a>
        <a href="#developers">{t('account.developers')}</a>
        {/* Pages of the account's own: one <a class="account-page-link"> each. */}
        <a class="account-page-link" href={href('/brand')}>
          {t('brand.accountLink')}
        </a>
        <a class="account-page-link" href={href('/music')}>
          {t('music.account.link')}
        </a>
      </nav>
      <div class="grid-2">
        <section class="card">
          <h2>{t('account.profile')}</h2>
          <dl class="facts">
            <dt>{t('field.email')}</dt>
            <dd data-testid="account-email">{account.email}</dd>
            <dt>{t('account.memberSince')}</dt>
            <dd>{formatDate(locale, account.createdAt)}</dd>
            <dt>{t('account.plan')}</dt>
            <dd>
              <span class="pill">{t('account.planName', { plan: plan.name })}</span>{' '}
              {t('account.planVideos', { count: plan.monthlyVideos })}
            </dd>
          </dl>
        </section>

        <section class="card">
          <h2>{t('account.thisMonth')}</h2>
          <p class="big-number" data-testid="usage">
            {rich('account.usage', { used: n(used), quota, muted: (words) => <span class="muted">{words}</span> })}
          </p>
          <progress value={used} max={quota} aria-label={t('account.usageLabel')}>
            {t('account.usageShort', { used: n(used), quota: n(quota) })}
          </progress>
          <p class="muted">{t('account.left', { left: n(left), date: formatDate(locale, resetsAt) })}</p>
        </section>
      </div>

      {/* Sign-in and security first, the person's data next, developers last (issue 23). */}
      <div class="account-section" id="security" data-account-section>
        <SecurityCard account={account} forms={forms} lang={lang} />
      </div>
      <div class="account-section" id="data" data-account-section>
        <YourDataCard deleteError={deleteError} lang={lang} />
        <StorageCard storage={account.storage} lang={lang} />

        <section class="card">
          <h2>{t('account.history')}</h2>
          {account.recentUsage.length === 0 ? (
            <p class="muted">{t('account.history.empty')}</p>
          ) : (
            <table class="usage-table">
              <thead>
                <tr>
                  <th scope="col">{t('account.history.date')}</th>
                  <th scope="col">{t('account.history.video')}</th>
                  <th scope="col">{t('account.history.shots')}</th>
                  <th scope="col">{t('account.history.length')}</th>
                  <th scope="col">{t('account.history.counted')}</th>
                </tr>
              </thead>
              <tbody>
                {account.recentUsage.map((u) => (
                  <tr>
                    <td>{formatDate(locale, u.createdAt)}</td>
                    <td>
                      {u.title ? (
                        <a href={href(`/videos/${u.videoId}`)}>{u.title}</a>
                      ) : (
                        <span class="muted">{t('account.history.deleted')}</span>
                      )}
                    </td>
                    <td>{n(u.shots)}</td>
                    <td>{t('account.seconds', { seconds: n(u.seconds) })}</td>
                    <td>
                      {u.voided ? (
                        <span class="muted">{t('account.history.notCounted')}</span>
                      ) : (
                        t('account.history.yes')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <StatementsCard statements={account.statements} lang={lang} />
      </div>
      <div class="account-section" id="developers" data-account-section>
        <section class="card" aria-labelledby="developers-heading">
          <h2 id="developers-heading">{t('account.developers')}</h2>
          <p>{rich('account.developers.lead', { link: (words) => <a href={href('/docs/api')}>{words}</a> })}</p>
          <div id="api-key">
            <h3>{t('account.apiKey')}</h3>
            {revealedKey ? (
              <div class="key-reveal" role="status">
                <p>{rich('account.apiKey.new', { strong: (words) => <strong>{words}</strong> })}</p>
                <input
                  class="key-value"
                  type="text"
                  readonly
                  value={revealedKey}
                  aria-label={t('account.apiKey.label')}
                  data-testid="api-key-full"
                  id="api-key-full"
                />
                {/* Hidden until static/copy-button.js finds a clipboard; without JavaScript the field is selectable. */}
                <p class="form-actions">
                  <button
                    type="button"
                    class="button button-secondary"
                    hidden
                    data-copy-from="api-key-full"
                    data-copied={t('account.apiKey.copied')}
                    data-testid="copy-api-key"
                  >
                    {t('account.apiKey.copy')}
                  </button>
                  <span role="status" class="muted small" data-copy-said />
                </p>
              </div>
            ) : (
              <p>
                {account.apiKeyPrefix
                  ? rich('account.apiKey.current', {
                      prefix: account.apiKeyPrefix,
                      code: (words) => <code data-testid="api-key-prefix">{words}</code>,
                    })
                  : rich('account.apiKey.none', { code: (words) => <code data-testid="api-key-prefix">{words}</code> })}
              </p>
            )}
            <p class="muted">{t('account.apiKey.use')}</p>
            <pre class="code">
              <code>
                curl -H "Authorization: Bearer {revealedKey ?? `${account.apiKeyPrefix ?? 'lum_'}…`}" {baseUrl}
                /api/v1/me
              </code>
            </pre>
            <form
              method="post"
              action={href('/account/api-key')}
              hx-post={href('/account/api-key')}
              hx-target="#api-key"
              hx-select="#api-key"
              hx-swap="outerHTML"
              hx-confirm={dialogText(lang, ROTATE_KEY_CONFIRMATION)}
              hx-vals={CONFIRMED_VALS}
              class="form-actions"
            >
              <button type="submit" class="button button-secondary">
                {t('account.confirm.rotateKey.go')}
              </button>
              <span class="muted small">{t('account.apiKey.rotateNote')}</span>
            </form>
          </div>
          <h3>{t('account.webhook')}</h3>
          {account.webhook ? (
            <>
              <p>
                {rich('account.webhook.target', {
                  url: account.webhook.url,
                  code: (words) => <code data-testid="webhook-url">{words}</code>,
                })}
              </p>
              {account.webhook.deliveries.length === 0 ? (
                <p class="muted">{t('account.webhook.empty')}</p>
              ) : (
                <table class="usage-table" data-testid="webhook-deliveries">
                  <thead>
                    <tr>
                      <th scope="col">{t('account.webhook.time')}</th>
                      <th scope="col">{t('account.webhook.event')}</th>
                      <th scope="col">{t('account.webhook.state')}</th>
                      <th scope="col">{t('account.webhook.tries')}</th>
                      <th scope="col">{t('account.webhook.lastAnswer')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {account.webhook.deliveries.map((d) => (
                      <tr>
                        <td>{formatDate(locale, d.createdAt, 'dateTime')}</td>
                        <td>
                          <code>{d.type}</code>
                        </td>
                        <td>{t('account.webhook.status', { status: d.status })}</td>
                        <td>{n(d.attempts)}</td>
                        <td>{d.lastStatusCode ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </>
          ) : (
            <p class="muted">{rich('account.webhook.none', { code: (words) => <code>{words}</code> })}</p>
          )}
        </section>
      </div>

      <script src="/static/copy-button.js" defer></script>
    </Layout>
  )
}
