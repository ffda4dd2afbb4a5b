import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

export type ReceivedMail = { to: string; subject: string; text: string; html: string; from: string; raw: string }

export type TestSmtpServer = {
  url: string
  received: ReceivedMail[]
  /** While set, every mail is refused with a 451 (a temporary failure), as a server in trouble does. */
  failing: boolean
  /** The newest mail to `to` whose subject matches, waiting up to `timeoutMs` for it to arrive. */
  waitFor: (to: string, subject: RegExp, timeoutMs?: number) => Promise<ReceivedMail>
  close: () => Promise<void>
}

/** A real SMTP server on loopback (no TLS, any login), keeping what it receives, parsed by mailparser. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = []
  const state = { failing: false }
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'test' }),
    onData(stream, _session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        if (state.failing) {
          const err = Object.assign(new Error('try again later'), { responseCode: 451 })
          return callback(err)
        }
        const raw = Buffer.concat(chunks).toString('utf8')
        simpleParser(raw).then(
          (mail: ParsedMail) => {
            const to = Array.isArray(mail.to) ? mail.to[0]?.text : mail.to?.text
            received.push({
              to: to ?? '',
              from: mail.from?.text ?? '',
              subject: mail.subject ?? '',
              text: mail.text ?? '',
              html: typeof mail.html === 'string' ? mail.html : '',
              raw,
            })
            callback()
          },
          (err: Error) => callback(err),
        )
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://test:secret@127.0.0.1:${port}`,
    received,
    get failing() {
      return state.failing
    },
    set failing(value: boolean) {
      state.failing = value
    },
    async waitFor(to, subject, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const found = received.filter((m) => m.to === to && subject.test(m.subject)).at(-1)
        if (found) return found
        if (Date.now() > deadline) {
          const seen = received.map((m) => `${m.to}: ${m.subject}`).join('; ')
          throw new Error(`no mail to ${to} matching ${subject} (received: ${seen || 'none'})`)
        }
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The link a mail carries (its plain-text body), e.g. /password/reset?token=… */
export function linkIn(mail: ReceivedMail, path: string): string {
  const match = new RegExp(`https?://\\S+${path.replace(/[/?]/g, '\\$&')}\\?token=[A-Za-z0-9_-]{43}`).exec(mail.text)
  if (!match) throw new Error(`no ${path} link in "${mail.subject}"`)
  return match[0]
}
