import { Layout, type Viewer } from '../layout.js'

type MailSummary = { id: string; to: string; subject: string; sentAt: number }
type Mail = MailSummary & { from: string; text: string }

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19)

export function DevMailboxPage({ viewer, mails }: { viewer: Viewer; mails: MailSummary[] }) {
  return (
    <Layout title="Local mailbox" viewer={viewer} width="wide">
      <section class="card">
        <h1>Local mailbox</h1>
        <p class="lead">
          No mail server is configured (SMTP_URL), so the mails this app sends are kept here, newest first. Only this
          machine can open this page, and it does not exist in production.
        </p>
        {mails.length === 0 ? (
          <p class="muted">No mail yet. Sign up or ask for a password reset, then reload this page.</p>
        ) : (
          <table class="usage-table">
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">To</th>
                <th scope="col">Sent (UTC)</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((m) => (
                <tr>
                  <td>
                    <a href={`/dev/mail/${m.id}`}>{m.subject}</a>
                  </td>
                  <td>{m.to}</td>
                  <td>{time(m.sentAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  )
}

/** The plain-text body, with its links made clickable (they are this app's own addresses). */
export function DevMailPage({ viewer, mail }: { viewer: Viewer; mail: Mail }) {
  const parts = mail.text.split(/(https?:\/\/\S+)/g)
  return (
    <Layout title={mail.subject} viewer={viewer}>
      <section class="card">
        <p>
          <a class="standalone-link" href="/dev/mail">
            ← Local mailbox
          </a>
        </p>
        <h1>{mail.subject}</h1>
        <dl class="mail-headers">
          <dt>From</dt>
          <dd>{mail.from}</dd>
          <dt>To</dt>
          <dd>{mail.to}</dd>
          <dt>Sent</dt>
          <dd>{time(mail.sentAt)} UTC</dd>
        </dl>
        <pre class="mail-body">{parts.map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part))}</pre>
      </section>
    </Layout>
  )
}
