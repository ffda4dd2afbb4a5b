import { longDate as dateFormat, dateTime as dateTimeFormat } from '../components/dates.js'
import { Layout, type Viewer } from '../layout.js'
import { SecurityCard, StatementsCard, YourDataCard } from './account-sections.js'

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
  const { plan, used, quota, left, resetsAt } = account.allowance
  return (
    <Layout title="Your account" viewer={viewer} notice={notice} width="wide">
      <h1>Your account</h1>
      <div class="grid-2">
        <section class="card">
          <h2>Profile</h2>
          <dl class="facts">
            <dt>Email</dt>
            <dd data-testid="account-email">{account.email}</dd>
            <dt>Member since</dt>
            <dd>{dateFormat.format(account.createdAt)}</dd>
            <dt>Plan</dt>
            <dd>
              <span class="pill">{plan.name}</span> {plan.monthlyVideos} videos a month
            </dd>
          </dl>
        </section>

        <section class="card">
          <h2>This month</h2>
          <p class="big-number" data-testid="usage">
            {used} <span class="muted">of {quota} videos</span>
          </p>
          <progress value={used} max={quota} aria-label="Videos used this month">
            {used} of {quota}
          </progress>
          <p class="muted">
            {left} left · resets on {dateFormat.format(resetsAt)} (UTC)
          </p>
        </section>
      </div>

      <StorageCard storage={account.storage} />

      <section class="card">
        <h2>Usage history</h2>
        {account.recentUsage.length === 0 ? (
          <p class="muted">No videos yet. Each render you start appears here.</p>
        ) : (
          <table class="usage-table">
            <thead>
              <tr>
                <th scope="col">Date (UTC)</th>
                <th scope="col">Video</th>
                <th scope="col">Shots</th>
                <th scope="col">Length</th>
                <th scope="col">Counted</th>
              </tr>
            </thead>
            <tbody>
              {account.recentUsage.map((u) => (
                <tr>
                  <td>{dateFormat.format(u.createdAt)}</td>
                  <td>
                    {u.title ? <a href={`/videos/${u.videoId}`}>{u.title}</a> : <span class="muted">deleted</span>}
                  </td>
                  <td>{u.shots}</td>
                  <td>{u.seconds} s</td>
                  <td>{u.voided ? <span class="muted">no (failed or canceled)</span> : 'yes'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section class="card" id="developers">
        <h2>Developers</h2>
        <p>
          Everything the pages do, your programs can do with the API: see the <a href="/docs/api">API reference</a>,
          with a quick start that makes a video from a photo in two commands.
        </p>
        <div id="api-key">
          <h3>API key</h3>
          {revealedKey ? (
            <div class="key-reveal" role="status">
              <p>
                <strong>Your new API key.</strong> Copy it now: for your safety we keep only a fingerprint of it and
                cannot show it again.
              </p>
              <input
                class="key-value"
                type="text"
                readonly
                value={revealedKey}
                aria-label="Your API key"
                data-testid="api-key-full"
              />
            </div>
          ) : (
            <p>
              Current key:{' '}
              <code data-testid="api-key-prefix">
                {account.apiKeyPrefix ? `${account.apiKeyPrefix}…` : 'none yet: it comes with your confirmed email'}
              </code>
            </p>
          )}
          <p class="muted">Use it from scripts and servers:</p>
          <pre class="code">
            <code>
              curl -H "Authorization: Bearer {revealedKey ?? `${account.apiKeyPrefix ?? 'lum_'}…`}" {baseUrl}/api/v1/me
            </code>
          </pre>
          <form
            method="post"
            action="/account/api-key"
            hx-post="/account/api-key"
            hx-target="#api-key"
            hx-select="#api-key"
            hx-swap="outerHTML"
            hx-confirm="Rotate your API key? The current key stops working at once."
          >
            <button type="submit" class="button button-secondary">
              Rotate key
            </button>
            <span class="muted small"> The current key stops working immediately.</span>
          </form>
        </div>
        <h3>Webhook</h3>
        {account.webhook ? (
          <>
            <p>
              Events go to <code data-testid="webhook-url">{account.webhook.url}</code>.
            </p>
            {account.webhook.deliveries.length === 0 ? (
              <p class="muted">No deliveries yet. One is sent when a video succeeds, fails or is canceled.</p>
            ) : (
              <table class="usage-table" data-testid="webhook-deliveries">
                <thead>
                  <tr>
                    <th scope="col">Time (UTC)</th>
                    <th scope="col">Event</th>
                    <th scope="col">State</th>
                    <th scope="col">Tries</th>
                    <th scope="col">Last answer</th>
                  </tr>
                </thead>
                <tbody>
                  {account.webhook.deliveries.map((d) => (
                    <tr>
                      <td>{dateTimeFormat.format(d.createdAt)}</td>
                      <td>
                        <code>{d.type}</code>
                      </td>
                      <td>{d.status}</td>
                      <td>{d.attempts}</td>
                      <td>{d.lastStatusCode ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        ) : (
          <p class="muted">
            No webhook is set. Set one with <code>PUT /api/v1/webhook</code> to hear when each video is ready.
          </p>
        )}
      </section>

      <SecurityCard account={account} forms={forms} />
      <StatementsCard statements={account.statements} />
      <YourDataCard deleteError={deleteError} />
    </Layout>
  )
}

const MB = 1024 * 1024

/** One decimal while it matters: 0.4 MB, 7.5 MB, 143 MB. */
function megabytes(bytes: number): string {
  const mb = bytes / MB
  return String(mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb))
}

/** What the person stores against their plan's caps, each with the way to make room. */
function StorageCard({ storage }: { storage: AccountView['storage'] }) {
  const { usage, caps } = storage
  const rows = [
    { label: 'Photos', used: usage.images, cap: caps.images, text: `${usage.images} of ${caps.images}` },
    {
      label: 'Photo space',
      used: usage.imageBytes,
      cap: caps.imageMegabytes * MB,
      text: `${megabytes(usage.imageBytes)} MB of ${caps.imageMegabytes} MB`,
    },
    { label: 'Briefs', used: usage.briefs, cap: caps.briefs, text: `${usage.briefs} of ${caps.briefs}` },
    {
      label: 'Videos kept',
      used: usage.videosKept,
      cap: caps.videosKept,
      text: `${usage.videosKept} of ${caps.videosKept}`,
    },
  ]
  return (
    <section class="card" id="storage">
      <h2>Storage</h2>
      <dl class="facts" data-testid="storage">
        {rows.map((r) => (
          <>
            <dt>{r.label}</dt>
            <dd data-testid={`storage-${r.label.toLowerCase().replace(' ', '-')}`}>
              {r.text}{' '}
              <progress value={Math.min(r.used, r.cap)} max={r.cap} aria-label={`${r.label} used`}>
                {r.text}
              </progress>
            </dd>
          </>
        ))}
        <dt>Saved versions</dt>
        <dd>up to {caps.versionsPerBrief} per brief</dd>
      </dl>
      <p class="muted">
        Deleting a brief removes its photo (unless another brief uses it), its screenplay versions and its videos.
        Photos you uploaded but did not save with a brief are removed after a day.
      </p>
    </section>
  )
}
