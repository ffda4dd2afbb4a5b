import fs from 'node:fs'
import path from 'node:path'
import { and, desc, eq } from 'drizzle-orm'
import { mailOutbox } from '../../db/schema.js'
import { devMailDir } from '../../src/mail/transport.js'
import type { TestApp } from './app.js'
import { BrowserClient } from './browser-client.js'

export const GOOD_PASSWORD = 'correct horse battery staple'

let counter = 0
export function uniqueEmail(label = 'user'): string {
  counter += 1
  return `${label}.${process.pid}.${counter}@example.com`
}

/**
 * The newest link of `kind` mailed to `email`, read from the outbox (mail flows themselves are
 * tested against a real SMTP server in test/accounts/mail-flows.test.ts).
 */
export function mailedLink(app: TestApp, email: string, kind: string): string {
  const to = email.toLowerCase()
  const queued = app.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, to), eq(mailOutbox.kind, kind)))
    .orderBy(desc(mailOutbox.createdAt))
    .get()
  // With the outbox loop running (deliverMail), the mail may already sit in the local mailbox.
  const dir = devMailDir(app.dataDir)
  const sent = fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .sort()
        .reverse()
        .map(
          (f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { to: string; kind: string; text: string },
        )
        .find((m) => m.to === to && m.kind === kind)
    : undefined
  const text = queued?.text ?? sent?.text ?? ''
  const link = /https?:\/\/\S+\?token=[A-Za-z0-9_-]{43}/.exec(text)?.[0]
  if (!link) throw new Error(`no ${kind} mail with a link for ${email}`)
  return link
}

/** Clicks a mailed link as a person would: open the page, press its one button. */
export async function followMailedLink(
  client: BrowserClient,
  link: string,
  /** What the page asks for besides the token: the sign-up's password, for a confirmation link. */
  fields: Record<string, string> = {},
): Promise<Response> {
  const url = new URL(link)
  const page = await client.get(`${url.pathname}${url.search}`)
  if (page.status !== 200) throw new Error(`${url.pathname} answered ${page.status}`)
  return client.postForm(url.pathname, { token: url.searchParams.get('token') ?? '', ...fields })
}

/**
 * Signs up through the real form and confirms the address with the mailed link; returns the
 * signed-in client and the API key the account page revealed.
 */
export async function signUpUser(
  app: TestApp,
  email = uniqueEmail(),
  password = GOOD_PASSWORD,
  client = new BrowserClient(app.url),
) {
  const res = await client.postForm('/signup', { email, password, ageConfirmed: 'yes' })
  if (res.status !== 200) throw new Error(`sign-up failed with ${res.status}: ${await res.text()}`)
  const confirmed = await followMailedLink(client, mailedLink(app, email, 'confirm-signup'), { password })
  if (confirmed.status !== 303) throw new Error(`confirming failed with ${confirmed.status}`)
  const page = await (await client.get('/account')).text()
  const apiKey =
    /data-testid="api-key-full" value="(lum_[A-Za-z0-9_-]+)"|value="(lum_[A-Za-z0-9_-]+)"[^>]*data-testid="api-key-full"/.exec(
      page,
    )
  const key = apiKey?.[1] ?? apiKey?.[2]
  if (!key) throw new Error('account page did not reveal the API key')
  return { client, email, password, apiKey: key }
}

/**
 * A running server without SMTP_URL keeps its mail at /dev/mail: reads the newest mail to `email`
 * there (waiting for the outbox loop to send it), as a person on `make run` would.
 */
export async function linkFromDevMail(client: BrowserClient, email: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const list = await (await client.get('/dev/mail')).text()
    const row = new RegExp(
      `href="/dev/mail/([0-9a-z-]+)"[^<]*</a>\\s*</td>\\s*<td>${email.replace(/[.+]/g, '\\$&')}</td>`,
    ).exec(list)
    if (row) {
      const mail = await (await client.get(`/dev/mail/${row[1]}`)).text()
      const link = /href="(https?:\/\/[^"]+\?token=[A-Za-z0-9_-]{43})"/.exec(mail)?.[1]
      if (link) return link.replaceAll('&amp;', '&')
    }
    if (Date.now() > deadline) throw new Error(`no mail with a link for ${email} at /dev/mail`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/**
 * signUpUser for a server running as a child process (its own DATA_DIR, no SMTP_URL): the
 * confirmation link is read at /dev/mail, as a person on `make run` would.
 */
export async function signUpOnServer(url: string, email = uniqueEmail(), password = GOOD_PASSWORD) {
  const client = new BrowserClient(url)
  const res = await client.postForm('/signup', { email, password, ageConfirmed: 'yes' })
  if (res.status !== 200) throw new Error(`sign-up failed with ${res.status}`)
  const confirmed = await followMailedLink(client, await linkFromDevMail(client, email), { password })
  if (confirmed.status !== 303) throw new Error(`confirming failed with ${confirmed.status}`)
  const page = await (await client.get('/account')).text()
  const key = /value="(lum_[A-Za-z0-9_-]{43})"/.exec(page)?.[1]
  if (!key) throw new Error('account page did not reveal the API key')
  return { client, email, password, apiKey: key }
}
