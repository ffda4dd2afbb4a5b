import { Field } from '../components/form.js'
import type { AccountView } from './account.js'

const monthName = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' })

type SecurityProps = {
  account: AccountView
  forms?: { password?: string | undefined; email?: string | undefined } | undefined
}

/** Email, password and browsers: each change asks for the current password and is mailed about. */
export function SecurityCard({ account, forms }: SecurityProps) {
  return (
    <section class="card" id="security">
      <h2>Sign-in and security</h2>
      <div class="grid-2">
        <form method="post" action="/account/email" novalidate id="change-email">
          <h3>Change email</h3>
          <p class="muted small">We mail a link to the new address; the change happens when you click it.</p>
          <Field
            name="newEmail"
            label="New email"
            type="email"
            autocomplete="email"
            required
            maxlength={254}
            error={forms?.email}
          />
          <Field
            name="password"
            id="email-current-password"
            label="Current password"
            type="password"
            autocomplete="current-password"
            required
            maxlength={1024}
          />
          <button type="submit" class="button button-secondary">
            Send confirmation link
          </button>
        </form>
        <form method="post" action="/account/password" novalidate id="change-password">
          <h3>Change password</h3>
          <p class="muted small">Other browsers are signed out, and we mail you a notice.</p>
          <Field
            name="currentPassword"
            label="Current password"
            type="password"
            autocomplete="current-password"
            required
            maxlength={1024}
            error={forms?.password}
          />
          <Field
            name="newPassword"
            label="New password"
            type="password"
            autocomplete="new-password"
            required
            minlength={10}
            maxlength={1024}
            hint="At least 10 characters."
          />
          <button type="submit" class="button button-secondary">
            Change password
          </button>
        </form>
      </div>
      <h3>Browsers</h3>
      <p>
        You are signed in on {account.activeSessions} {account.activeSessions === 1 ? 'browser' : 'browsers'}.
      </p>
      <form method="post" action="/account/sessions/revoke">
        <button type="submit" class="button button-secondary">
          Sign out everywhere
        </button>
      </form>
    </section>
  )
}

export function StatementsCard({ statements }: { statements: AccountView['statements'] }) {
  return (
    <section class="card" id="statements">
      <h2>Monthly statements</h2>
      {statements.length === 0 ? (
        <p class="muted">No statements yet: a month appears here once you render a video in it.</p>
      ) : (
        <table class="usage-table statements-table" data-testid="statements">
          <thead>
            <tr>
              <th scope="col">Month (UTC)</th>
              <th scope="col">Videos</th>
              <th scope="col">Plan</th>
              <th scope="col">Seconds</th>
              <th scope="col">File</th>
            </tr>
          </thead>
          <tbody>
            {statements.map((s) => (
              <tr>
                <td>{monthName.format(Date.parse(`${s.month}-01T00:00:00Z`))}</td>
                <td>
                  {s.videos} of {s.quota}
                  {s.voided > 0 && <span class="muted"> · {s.voided} voided (failed or canceled, not counted)</span>}
                </td>
                <td>{s.plan}</td>
                <td>{s.seconds} s</td>
                <td>
                  <a
                    class="table-link"
                    href={`/account/statements/${s.month}.csv`}
                    download
                    aria-label={`Statement for ${monthName.format(Date.parse(`${s.month}-01T00:00:00Z`))} as CSV`}
                  >
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

export function YourDataCard({ deleteError }: { deleteError?: string | undefined }) {
  return (
    <section class="card" id="your-data">
      <h2>Your data</h2>
      <p>
        Download everything we hold about you: a ZIP with your photos, your finished videos and a JSON file of every
        record (profile, sign-ins, API key fingerprints, usage, briefs, screenplays, videos).
      </p>
      <p class="button-row">
        <a class="button" href="/account/export.zip" download>
          Download everything (ZIP)
        </a>
        <a class="button button-secondary" href="/account/export" download>
          Records only (JSON)
        </a>
      </p>
      <details class="danger-zone" open={deleteError ? true : undefined}>
        <summary>Delete my account</summary>
        <p>
          This deletes your email, password hash, API key, usage records, briefs, photos and videos at once, and stops
          any render in progress. Backups that still hold them are gone within 30 days. It cannot be undone.
        </p>
        <form method="post" action="/account/delete" novalidate>
          <Field
            name="password"
            label="Confirm with your password"
            type="password"
            error={deleteError}
            autocomplete="current-password"
            required
            maxlength={1024}
          />
          <button type="submit" class="button button-danger">
            Delete my account
          </button>
        </form>
      </details>
    </section>
  )
}
