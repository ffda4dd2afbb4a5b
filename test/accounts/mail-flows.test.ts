import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { emailTokens, mailDailyCounts, mailOutbox, sessions, users } from '../../db/schema.js'
import { GOOD_PASSWORD, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { linkIn, startSmtpServer, type TestSmtpServer } from '../support/smtp.js'

// Every mail flow against a real SMTP server on loopback, sent by the app's own outbox loop.

let smtp: TestSmtpServer
let app: TestApp

beforeAll(async () => {
  smtp = await startSmtpServer()
  app = await startTestApp(
    { SMTP_URL: smtp.url, TRUST_PROXY: '1', CONTACT_EMAIL: 'privacy@lumina.example' },
    undefined,
    {},
    { deliverMail: true },
  )
})
afterAll(async () => {
  await app?.close()
  await smtp?.close()
})

// TRUST_PROXY is on: each browser comes from an address of its own, as different people do, so
// the per-address limits on sign-up and sign-in count each person apart.
let lastAddress = 0
function browser(): BrowserClient {
  lastAddress += 1
  return new BrowserClient(app.url, app.url, { 'x-forwarded-for': `10.9.${lastAddress >> 8}.${lastAddress & 255}` })
}

/** Follows a mailed link on the test server: open its page, fill in what it asks, press its button. */
async function click(client: BrowserClient, link: string, fields: Record<string, string> = {}): Promise<Response> {
  const url = new URL(link)
  const page = await client.get(url.pathname + url.search)
  expect(page.status).toBe(200)
  return client.postForm(url.pathname, { token: url.searchParams.get('token')!, ...fields })
}

async function signedUp(email = uniqueEmail('mail'), password = GOOD_PASSWORD) {
  const client = browser()
  expect((await client.postForm('/signup', { email, password, ageConfirmed: 'yes' })).status).toBe(200)
  const mail = await smtp.waitFor(email, /Confirm your email/)
  expect((await click(client, linkIn(mail, '/confirm-email'), { password })).status).toBe(303)
  return { client, email, password }
}

const outboxFor = (email: string) => app.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email)).all()

describe('mail over SMTP', () => {
  it('sends the confirmation as text and HTML, from MAIL_FROM, with the operator contact; the outbox forgets it once sent', async () => {
    const email = uniqueEmail('confirm')
    const client = browser()
    const res = await client.postForm('/signup', { email, password: GOOD_PASSWORD, ageConfirmed: 'yes' })
    expect(res.status).toBe(200)
    expect(await res.text()).not.toContain('/dev/mail') // a real mail server is configured
    const mail = await smtp.waitFor(email, /Confirm your email/)
    expect(mail.subject).toBe('Confirm your email — Lumina.AI')
    expect(mail.from).toContain('no-reply@localhost')
    expect(mail.text).toContain('privacy@lumina.example')
    expect(mail.html).toContain('Confirm my email')
    expect(mail.html).toContain('privacy@lumina.example')
    const link = linkIn(mail, '/confirm-email')
    expect(link.startsWith(app.deps.config.baseUrl.origin)).toBe(true)
    // Sent: the address is no longer in the outbox; only a count per day remains.
    await expect.poll(() => outboxFor(email).length).toBe(0)
    const today = new Date().toISOString().slice(0, 10)
    expect(app.db.select().from(mailDailyCounts).where(eq(mailDailyCounts.day, today)).get()!.sent).toBeGreaterThan(0)

    const confirmed = await click(client, link, { password: GOOD_PASSWORD })
    expect(confirmed.headers.get('location')).toBe('/?welcome=1')
    expect(app.db.select().from(users).where(eq(users.email, email)).get()!.emailConfirmedAt).not.toBeNull()
  })

  it('tells the owner of a taken address that someone tried to sign up, with sign-in and reset links', async () => {
    const { email } = await signedUp()
    await browser().postForm('/signup', {
      email,
      password: 'someone else entirely',
      ageConfirmed: 'yes',
    })
    const mail = await smtp.waitFor(email, /Someone tried to sign up/)
    expect(mail.text).toContain(`${app.deps.config.baseUrl.origin}/signin`)
    expect(mail.text).toContain(`${app.deps.config.baseUrl.origin}/password/forgot`)
    expect(smtp.received.filter((m) => m.to === email && /Confirm your email/.test(m.subject))).toHaveLength(1)
  })

  it('keeps a mail through a failing server and sends it when the server recovers; the request never fails', async () => {
    smtp.failing = true
    try {
      const email = uniqueEmail('retry')
      const res = await browser().postForm('/signup', {
        email,
        password: GOOD_PASSWORD,
        ageConfirmed: 'yes',
      })
      expect(res.status).toBe(200)
      await expect.poll(() => outboxFor(email)[0]?.attempts ?? 0, { timeout: 5000 }).toBeGreaterThanOrEqual(2)
      expect(outboxFor(email)[0]!.lastError).toMatch(/451|try again/)
      smtp.failing = false
      await smtp.waitFor(email, /Confirm your email/)
      await expect.poll(() => outboxFor(email).length).toBe(0)
    } finally {
      smtp.failing = false
    }
  })
})

describe('password reset', () => {
  it('answers the same for unknown and known addresses, and mails only the account', async () => {
    const { email } = await signedUp()
    const unknown = await browser().postForm('/password/forgot', { email: 'nobody@example.com' })
    const known = await browser().postForm('/password/forgot', { email })
    expect(unknown.status).toBe(200)
    expect(known.status).toBe(200)
    const strip = (html: string) => html.replaceAll('nobody@example.com', 'X').replaceAll(email, 'X')
    expect(strip(await unknown.text())).toBe(strip(await known.text()))
    await smtp.waitFor(email, /Reset your password/)
    expect(smtp.received.some((m) => m.to === 'nobody@example.com')).toBe(false)
  })

  it('sets a new password with a single-use link: every session ends, the old password stops working, a notice goes out', async () => {
    const { client: oldBrowser, email, password } = await signedUp()
    await browser().postForm('/password/forgot', { email })
    const link = linkIn(await smtp.waitFor(email, /Reset your password/), '/password/reset')
    const token = new URL(link).searchParams.get('token')!
    const row = app.db.select().from(emailTokens).where(eq(emailTokens.purpose, 'reset')).all().at(-1)!
    expect(row.expiresAt - row.createdAt).toBe(30 * 60 * 1000)
    expect(JSON.stringify(app.db.select().from(emailTokens).all())).not.toContain(token) // only its hash

    const visitor = browser()
    // The page's URL holds the token: it sends no Referer anywhere, not even the origin.
    const page = await visitor.get(`/password/reset?token=${token}`)
    expect(page.status).toBe(200)
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'")
    const weak = await visitor.postForm('/password/reset', { token, password: 'short' })
    expect(weak.status).toBe(422)
    expect(await weak.text()).toContain('Use at least 10 characters.')
    const done = await visitor.postForm('/password/reset', { token, password: 'a brand new passphrase' })
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe('/account?done=password-reset')

    // The old browser is signed out; the old password fails; the new one works.
    expect((await oldBrowser.get('/account')).status).toBe(303)
    const user = app.db.select().from(users).where(eq(users.email, email)).get()!
    expect(app.db.select().from(sessions).where(eq(sessions.userId, user.id)).all()).toHaveLength(1)
    const old = await browser().postForm('/signin', { email, password })
    expect(old.status).toBe(422)
    const fresh = await browser().postForm('/signin', { email, password: 'a brand new passphrase' })
    expect(fresh.status).toBe(303)
    await smtp.waitFor(email, /Your password was reset/)

    // Single use, and opening it again shows why.
    const again = await browser().postForm('/password/reset', {
      token,
      password: 'yet another passphrase',
    })
    expect(again.status).toBe(410)
    expect((await browser().get(new URL(link).pathname + new URL(link).search)).status).toBe(410)
  })

  it('refuses an expired link', async () => {
    const { email } = await signedUp()
    await browser().postForm('/password/forgot', { email })
    const link = linkIn(await smtp.waitFor(email, /Reset your password/), '/password/reset')
    const user = app.db.select().from(users).where(eq(users.email, email)).get()!
    app.db
      .update(emailTokens)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(emailTokens.userId, user.id))
      .run()
    const res = await browser().postForm('/password/reset', {
      token: new URL(link).searchParams.get('token')!,
      password: 'a brand new passphrase',
    })
    expect(res.status).toBe(410)
    expect(await res.text()).toContain('This link no longer works')
  })

  it('works while sign-in for the email is locked by someone else’s wrong guesses, and the owner is told of the lock', async () => {
    const { email } = await signedUp()
    for (let i = 0; i < 11; i++) {
      await browser().postForm(
        '/signin',
        { email, password: `guess number ${i}` },
        { 'x-forwarded-for': `203.0.113.${i + 1}` },
      )
    }
    const locked = await browser().postForm(
      '/signin',
      { email, password: GOOD_PASSWORD },
      { 'x-forwarded-for': '198.51.100.7' },
    )
    expect(locked.status).toBe(429)
    const notice = await smtp.waitFor(email, /Sign-in paused/)
    expect(notice.text).toContain('/password/forgot')
    expect(smtp.received.filter((m) => m.to === email && /Sign-in paused/.test(m.subject))).toHaveLength(1)

    const owner = browser()
    const asked = await owner.postForm('/password/forgot', { email }, { 'x-forwarded-for': '198.51.100.7' })
    expect(asked.status).toBe(200)
    const link = linkIn(await smtp.waitFor(email, /Reset your password/), '/password/reset')
    const reset = await owner.postForm(
      '/password/reset',
      { token: new URL(link).searchParams.get('token')!, password: 'the owner is back in' },
      { 'x-forwarded-for': '198.51.100.7' },
    )
    expect(reset.status).toBe(303)
    // The reset lifted the lock on the email: the owner can sign in elsewhere too.
    const signin = await browser().postForm(
      '/signin',
      { email, password: 'the owner is back in' },
      { 'x-forwarded-for': '198.51.100.8' },
    )
    expect(signin.status).toBe(303)
  })
})

describe('changes from the account page', () => {
  it('changes the password with the current one; other browsers are signed out, this one stays; a notice goes out', async () => {
    const { client, email, password } = await signedUp()
    const other = browser()
    expect((await other.postForm('/signin', { email, password })).status).toBe(303)

    const wrong = await client.postForm('/account/password', {
      currentPassword: 'not my password',
      newPassword: 'a new long passphrase',
    })
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('Your current password is not correct.')
    const weak = await client.postForm('/account/password', { currentPassword: password, newPassword: 'password123' })
    expect(weak.status).toBe(422)
    expect(await weak.text()).toContain('too common')

    const ok = await client.postForm('/account/password', {
      currentPassword: password,
      newPassword: 'a new long passphrase',
    })
    expect(ok.status).toBe(303)
    expect((await client.get('/account')).status).toBe(200)
    expect((await other.get('/account')).status).toBe(303)
    await smtp.waitFor(email, /Your password was changed/)
    const signin = await browser().postForm('/signin', { email, password: 'a new long passphrase' })
    expect(signin.status).toBe(303)
  })

  it('changes the email only when the link sent to the new address is clicked, and tells the old address', async () => {
    const { client, email, password } = await signedUp()
    const newEmail = uniqueEmail('moved')
    const res = await client.postForm('/account/email', { newEmail, password })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/account?done=email-sent')
    const mail = await smtp.waitFor(newEmail, /Confirm your new email/)
    expect(app.db.select().from(users).where(eq(users.email, email)).get()).toBeDefined() // not yet

    // The link works from any browser (the person may open it on their phone).
    expect((await click(browser(), linkIn(mail, '/email/change'))).status).toBe(303)
    expect(app.db.select().from(users).where(eq(users.email, email)).get()).toBeUndefined()
    expect(app.db.select().from(users).where(eq(users.email, newEmail)).get()).toBeDefined()
    const told = await smtp.waitFor(email, /Your email was changed/)
    expect(told.text).toContain(newEmail)
    expect((await browser().postForm('/signin', { email: newEmail, password })).status).toBe(303)
  })

  it('never says whether the new address has an account; its owner hears of the try and nothing changes', async () => {
    const { email: taken } = await signedUp()
    const { client, email, password } = await signedUp()
    const res = await client.postForm('/account/email', { newEmail: taken, password })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/account?done=email-sent')
    await smtp.waitFor(taken, /Someone tried to move an account/)
    expect(app.db.select().from(users).where(eq(users.email, email)).get()).toBeDefined()
  })

  it('mails a notice when the API key is rotated, and when a webhook secret is made', async () => {
    const { client, email } = await signedUp()
    expect((await client.postForm('/account/api-key', { confirm: 'yes' })).status).toBe(303)
    const rotated = await smtp.waitFor(email, /Your API key was replaced/)
    expect(rotated.text).toMatch(/lum_[A-Za-z0-9_-]{8}…/)
    const page = await (await client.get('/account')).text()
    const key = /value="(lum_[A-Za-z0-9_-]{43})"/.exec(page)![1]!
    const hook = await fetch(`${app.url}/api/v1/webhook`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://127.0.0.1:9/hooks' }),
    })
    expect(hook.status).toBe(200)
    const made = await smtp.waitFor(email, /A webhook was set up/)
    expect(made.text).toContain('127.0.0.1:9')
    expect(made.text).not.toContain('whsec_')
  })

  it('sends a last notice when the account is deleted, then keeps no mail for the address', async () => {
    const { client, email, password } = await signedUp()
    smtp.failing = true // a mail waiting for them when they delete is dropped, not sent
    try {
      await client.postForm('/account/password', { currentPassword: password, newPassword: 'a new long passphrase' })
      await expect.poll(() => outboxFor(email)[0]?.attempts ?? 0).toBeGreaterThanOrEqual(1)
      const res = await client.postForm('/account/delete', { password: 'a new long passphrase' })
      expect(res.status).toBe(303)
      const waiting = outboxFor(email)
      expect(waiting.map((m) => m.kind)).toEqual(['account-deleted'])
      expect(waiting[0]!.userId).toBeNull()
    } finally {
      smtp.failing = false
    }
    const last = await smtp.waitFor(email, /Your account was deleted/)
    expect(last.text).toContain('within 30 days')
    await expect.poll(() => outboxFor(email).length).toBe(0)
    expect(smtp.received.some((m) => m.to === email && /password was changed/.test(m.subject))).toBe(false)
  })
})
