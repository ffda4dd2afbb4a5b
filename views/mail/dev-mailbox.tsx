import { formatDate } from '../../src/i18n/format.js'
import type { Locale } from '../../src/i18n/locales.js'
import { Layout, type Viewer } from '../layout.js'

type MailSummary = { id: string; to: string; subject: string; sentAt: number }
type Mail = MailSummary & { from: string; text: string }

// In the viewer's language, UTC as the page says.
const time = (locale: Locale, ms: number) => formatDate(locale, ms, 'seconds')

export function DevMailboxPage({ viewer, mails }: { viewer: Viewer; mails: MailSummary[] }) {
  const { t, href, locale } = viewer.lang
  return (
    <Layout title={t('videos.mailbox.title')} viewer={viewer} width="wide" translated>
      <section class="card">
        <h1>{t('videos.mailbox.title')}</h1>
        <p class="lead">{t('videos.mailbox.lead')}</p>
        {mails.length === 0 ? (
          <p class="muted">{t('videos.mailbox.empty')}</p>
        ) : (
          <table class="usage-table">
            <thead>
              <tr>
                <th scope="col">{t('videos.mailbox.subject')}</th>
                <th scope="col">{t('videos.mailbox.to')}</th>
                <th scope="col">{t('videos.mailbox.sentUtc')}</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((m) => (
                <tr>
                  <td>
                    <a href={href(`/dev/mail/${m.id}`)}>{m.subject}</a>
                  </td>
                  <td>{m.to}</td>
                  <td>{time(locale, m.sentAt)}</td>
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
  const { t, href, locale } = viewer.lang
  return (
    <Layout title={mail.subject} viewer={viewer} translated>
      <section class="card">
        <p>
          <a class="standalone-link" href={href('/dev/mail')}>
            {t('videos.mailbox.back')}
          </a>
        </p>
        <h1>{mail.subject}</h1>
        <dl class="mail-headers">
          <dt>{t('videos.mailbox.from')}</dt>
          <dd>{mail.from}</dd>
          <dt>{t('videos.mailbox.to')}</dt>
          <dd>{mail.to}</dd>
          <dt>{t('videos.mailbox.sent')}</dt>
          <dd>{t('videos.mailbox.sentAt', { time: time(locale, mail.sentAt) })}</dd>
        </dl>
        <h2>{t('pages.mailbox.html')}</h2>
        {/* No permissions at all: the mail's links are read from the text part below. */}
        <iframe
          class="mail-html"
          title={t('pages.mailbox.htmlFrame', { subject: mail.subject })}
          sandbox=""
          src={href(`/dev/mail/${mail.id}/html`)}
        />
        <h2>{t('pages.mailbox.text')}</h2>
        <pre class="mail-body">{parts.map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part))}</pre>
      </section>
    </Layout>
  )
}
