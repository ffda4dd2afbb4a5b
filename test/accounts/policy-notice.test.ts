import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailOutbox, policyNoticeRecipients, users } from '../../db/schema.js'
import { adminCli } from '../../src/cli/admin.js'
import { dueMail, queueMail } from '../../src/mail/outbox.js'
import { signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'

let app: TestApp
let bodyFile: string

beforeAll(async () => {
  app = await startTestApp()
  bodyFile = path.join(app.dataDir, 'notice.txt')
  fs.writeFileSync(bodyFile, 'We now keep backups off-site too.\n\nNothing else changes.\n')
})
afterAll(() => app.close())

async function admin(...args: string[]) {
  let stdout = ''
  let stderr = ''
  const status = await adminCli(
    args,
    { DATA_DIR: app.dataDir, BASE_URL: 'https://video.example' },
    { out: (t) => (stdout += t), err: (t) => (stderr += t) },
  )
  return { status, stdout, stderr }
}

const policyMails = () =>
  app.db
    .select()
    .from(mailOutbox)
    .all()
    .filter((m) => m.kind === 'policy-change')

describe('npm run admin -- notify-policy-change', () => {
  it('queues one bulk mail per confirmed account, resumes, and never mails an account twice', async () => {
    const confirmed = [await signUpUser(app), await signUpUser(app), await signUpUser(app)]
    const unconfirmed = uniqueEmail('unconfirmed')
    await new BrowserClient(app.url).postForm('/signup', {
      email: unconfirmed,
      password: 'correct horse battery staple',
      ageConfirmed: 'yes',
    })

    const first = await admin(
      'notify-policy-change',
      '--subject',
      'Our privacy policy changes',
      '--body-file',
      bodyFile,
    )
    expect(first.status).toBe(0)
    expect(first.stdout).toMatch(/queued 3 mail\(s\) now, 0 before; 3 confirmed account\(s\) in all/)
    const mails = policyMails()
    expect(mails.map((m) => m.toAddress).sort()).toEqual(confirmed.map((u) => u.email.toLowerCase()).sort())
    expect(mails.every((m) => m.bulk)).toBe(true)
    expect(mails[0]!.subject).toBe('Our privacy policy changes — Lumina.AI')
    expect(mails[0]!.text).toContain('We now keep backups off-site too.\n\nNothing else changes.')
    expect(mails[0]!.text).toContain('https://video.example/privacy')
    expect(mails.some((m) => m.toAddress === unconfirmed)).toBe(false)

    // Interrupted and run again: nothing twice. A new account since gets its mail.
    const again = await admin(
      'notify-policy-change',
      '--subject',
      'Our privacy policy changes',
      '--body-file',
      bodyFile,
    )
    expect(again.stdout).toMatch(/queued 0 mail\(s\) now, 3 before/)
    const late = await signUpUser(app)
    const resumed = await admin(
      'notify-policy-change',
      '--subject',
      'Our privacy policy changes',
      '--body-file',
      bodyFile,
    )
    expect(resumed.stdout).toMatch(/queued 1 mail\(s\) now, 3 before; 4 confirmed/)
    expect(policyMails().filter((m) => m.toAddress === late.email.toLowerCase())).toHaveLength(1)
    expect(policyMails()).toHaveLength(4)

    // Sent mails leave the outbox, but the record that the account was told stays: still never twice.
    app.db.delete(mailOutbox).where(eq(mailOutbox.kind, 'policy-change')).run()
    const afterSending = await admin(
      'notify-policy-change',
      '--subject',
      'Our privacy policy changes',
      '--body-file',
      bodyFile,
    )
    expect(afterSending.stdout).toMatch(/queued 0 mail\(s\) now, 4 before/)
    // A deleted account's record goes with it (no row refers to them).
    const gone = app.db.select().from(users).where(eq(users.email, late.email.toLowerCase())).get()!
    app.db.delete(users).where(eq(users.id, gone.id)).run()
    expect(
      app.db.select().from(policyNoticeRecipients).where(eq(policyNoticeRecipients.userId, gone.id)).all(),
    ).toEqual([])
  })

  it.each([
    [['--body-file', 'x.txt'], /subject/],
    [['--subject', 'Hi'], /--body-file FILE/],
    [['--subject', 'Hi', '--body-file', '/nonexistent/notice.txt'], /cannot read \/nonexistent\/notice.txt: ENOENT/],
    [['--subject', 'a\nb', '--body-file', 'x'], /one line/],
  ])('refuses %j with a clear one-line message', async (args, message) => {
    const run = await admin('notify-policy-change', ...args)
    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(message)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('sends bulk mail only when no account mail is due', () => {
    const now = Date.now()
    const message = { kind: 't', to: 'a@example.com', subject: 's', text: 't', html: 'h' }
    app.db.delete(mailOutbox).run()
    const bulk = queueMail(app.db, message, { userId: null, bulk: true, now: now - 60_000 })
    const urgent = queueMail(app.db, message, { userId: null, now })
    expect(dueMail(app.db, 10, now).map((m) => m.id)).toEqual([urgent])
    app.db.delete(mailOutbox).where(eq(mailOutbox.id, urgent)).run()
    expect(dueMail(app.db, 10, now).map((m) => m.id)).toEqual([bulk])
  })
})
