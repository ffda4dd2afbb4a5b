import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiKeys, mailOutbox, users } from '../../db/schema.js'
import { productionScryptParams } from '../../src/accounts/passwords.js'
import { sha256 } from '../../src/accounts/tokens.js'
import { followMailedLink, GOOD_PASSWORD, mailedLink, signUpUser, uniqueEmail } from '../support/accounts.js'
import { PRODUCTION_SCRYPT, startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient, setCookieHeader } from '../support/browser-client.js'

let app: TestApp
beforeEach(async () => {
  app = await startTestApp()
})
afterEach(async () => {
  await app.close()
})

describe('sign up', () => {
  it('answers "check your inbox" without a cookie; the mailed link confirms, signs in with one HttpOnly Lax cookie and lands on the account page', async () => {
    const client = new BrowserClient(app.url)
    const res = await client.postForm('/signup', {
      email: '  Ada.Lovelace@Example.COM ',
      password: GOOD_PASSWORD,
      ageConfirmed: 'yes',
    })
    expect(res.status).toBe(200)
    const inbox = await res.text()
    expect(inbox).toContain('Check your inbox')
    expect(inbox).toContain('ada.lovelace@example.com')
    expect(inbox).toContain('href="/dev/mail"') // no SMTP_URL here: mail stays readable locally
    expect(res.headers.getSetCookie()).toHaveLength(0)

    const user = app.db.select().from(users).get()!
    expect(user.email).toBe('ada.lovelace@example.com') // trimmed and lower-cased
    expect(user.plan).toBe('free')
    expect(user.emailConfirmedAt).toBeNull()
    expect(app.db.select().from(apiKeys).all()).toHaveLength(0) // the key comes with the confirmation

    const link = mailedLink(app, 'ada.lovelace@example.com', 'confirm-signup')
    const opened = await client.get(new URL(link).pathname + new URL(link).search)
    expect(opened.status).toBe(200)
    expect(opened.headers.getSetCookie()).toHaveLength(0) // opening the link spends nothing
    // The link asks for the password chosen at sign-up; a wrong one confirms nothing.
    const wrong = await followMailedLink(client, link, { password: 'not the password chosen' })
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('That is not the password chosen')
    expect(app.db.select().from(users).get()!.emailConfirmedAt).toBeNull()
    const confirmed = await followMailedLink(client, link, { password: GOOD_PASSWORD })
    expect(confirmed.status).toBe(303)
    expect(confirmed.headers.get('location')).toBe('/?welcome=1')
    const cookies = confirmed.headers.getSetCookie()
    expect(cookies).toHaveLength(1)
    const cookie = cookies[0]!
    expect(cookie).toMatch(/^lum_api_key=[A-Za-z0-9_-]{43};/)
    expect(cookie).toMatch(/; HttpOnly/)
    expect(cookie).toMatch(/; SameSite=Lax/)
    expect(cookie).toMatch(/; Path=\//)
    expect(cookie).toMatch(/; Max-Age=2592000/)
    expect(cookie).not.toMatch(/Secure/) // BASE_URL is http here
    expect(app.db.select().from(users).get()!.emailConfirmedAt).not.toBeNull()

    const page = await client.get('/account')
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('ada.lovelace@example.com')
    expect(html).toContain('0 <span class="muted">of 3 videos</span>')

    // The link works once.
    const again = await new BrowserClient(app.url).postForm('/confirm-email', {
      token: new URL(link).searchParams.get('token')!,
      password: GOOD_PASSWORD,
    })
    expect(again.status).toBe(410)
    expect(again.headers.getSetCookie()).toHaveLength(0)
  })

  it('stores the password as scrypt with its parameters, never in clear', async () => {
    await signUpUser(app, 'hash@example.com', GOOD_PASSWORD)
    const user = app.db.select().from(users).where(eq(users.email, 'hash@example.com')).get()!
    const [scheme, N, r, p, salt, key] = user.passwordHash.split('$')
    const inForce = app.deps.config.scrypt // the tests' cheap cost; see the next test for production's
    expect(inForce.N).toBe(16)
    expect(scheme).toBe('scrypt')
    expect(Number(N)).toBe(inForce.N)
    expect(Number(r)).toBe(inForce.r)
    expect(Number(p)).toBe(inForce.p)
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16)
    expect(Buffer.from(key!, 'base64url')).toHaveLength(inForce.keyLength)
    expect(user.passwordHash).not.toContain(GOOD_PASSWORD)
    // Two users with the same password get different salts and hashes.
    await signUpUser(app, 'hash2@example.com', GOOD_PASSWORD)
    const other = app.db.select().from(users).where(eq(users.email, 'hash2@example.com')).get()!
    expect(other.passwordHash).not.toBe(user.passwordHash)
  })

  it('hashes with the production parameters (N=2^15, r=8, p=1, 32 bytes) when no test cost is set', async () => {
    expect(productionScryptParams).toEqual({ N: 2 ** 15, r: 8, p: 1, keyLength: 32 })
    await app.close()
    app = await startTestApp(PRODUCTION_SCRYPT)
    expect(app.deps.config.scrypt).toEqual(productionScryptParams)
    await signUpUser(app, 'prod@example.com', GOOD_PASSWORD)
    const stored = app.db.select().from(users).where(eq(users.email, 'prod@example.com')).get()!.passwordHash
    const [scheme, N, r, p, salt, key] = stored.split('$')
    expect([scheme, N, r, p]).toEqual(['scrypt', '32768', '8', '1'])
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16)
    expect(Buffer.from(key!, 'base64url')).toHaveLength(32)
  })

  it('shows the API key once, then only its prefix; the database keeps only its hash', async () => {
    const { client, apiKey } = await signUpUser(app)
    expect(apiKey).toMatch(/^lum_[A-Za-z0-9_-]{43}$/)
    expect(Buffer.from(apiKey.slice(4), 'base64url').length).toBeGreaterThanOrEqual(32)

    const again = await (await client.get('/account')).text()
    expect(again).not.toContain(apiKey)
    expect(again).toContain(`${apiKey.slice(0, 12)}…`)

    const rows = app.db.select().from(apiKeys).all()
    expect(rows).toHaveLength(1)
    expect(rows[0]!.keyHash).toBe(sha256(apiKey))
    expect(rows[0]!.prefix).toBe(apiKey.slice(0, 12))
    const dump = JSON.stringify(app.db.$client.prepare('SELECT * FROM api_keys').all())
    expect(dump).not.toContain(apiKey)
  })

  it('re-renders the form with field messages and keeps the email, not the password', async () => {
    const client = new BrowserClient(app.url)
    const res = await client.postForm('/signup', { email: 'not-an-email', password: 'short', ageConfirmed: '' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Enter a valid email address')
    expect(html).toContain('Use at least 10 characters.')
    expect(html).toContain('Please confirm that you are 13 or older.')
    expect(html).toContain('value="not-an-email"')
    expect(html).not.toContain('value="short"')
    expect(res.headers.getSetCookie()).toHaveLength(0)
    expect(app.db.select().from(users).all()).toHaveLength(0)
  })

  it.each([
    ['a missing email', { password: GOOD_PASSWORD, ageConfirmed: 'yes' }, 'Enter your email address.'],
    ['a missing password', { email: 'x@example.com', ageConfirmed: 'yes' }, 'Choose a password.'],
    [
      'a missing age confirmation',
      { email: 'x@example.com', password: GOOD_PASSWORD },
      'Please confirm that you are 13 or older.',
    ],
    [
      'a common password',
      { email: 'x@example.com', password: 'Password123', ageConfirmed: 'yes' },
      'This password is too common.',
    ],
    [
      'an email over 254 characters',
      { email: `${'a'.repeat(250)}@example.com`, password: GOOD_PASSWORD, ageConfirmed: 'yes' },
      'at most 254 characters',
    ],
    [
      'a password over 1024 characters',
      { email: 'x@example.com', password: 'p'.repeat(1025), ageConfirmed: 'yes' },
      'at most 1024 characters',
    ],
  ])('refuses %s with a clear message', async (_label, fields, message) => {
    const res = await new BrowserClient(app.url).postForm('/signup', fields as Record<string, string>)
    expect(res.status).toBe(422)
    expect(await res.text()).toContain(message)
    expect(app.db.select().from(users).all()).toHaveLength(0)
  })

  it('answers a second sign-up for a taken email exactly like a new one, changes nothing, and mails the owner', async () => {
    const { email } = await signUpUser(app, 'taken@example.com')
    const before = app.db.select().from(users).all()
    const fresh = await new BrowserClient(app.url).postForm('/signup', {
      email: 'fresh@example.com',
      password: 'another good password',
      ageConfirmed: 'yes',
    })
    const res = await new BrowserClient(app.url).postForm('/signup', {
      email: 'TAKEN@example.com',
      password: 'another good password',
      ageConfirmed: 'yes',
    })
    expect(res.status).toBe(fresh.status)
    const strip = (html: string) => html.replaceAll('fresh@example.com', 'X').replaceAll('taken@example.com', 'X')
    expect(strip(await res.text())).toBe(strip(await fresh.text()))
    expect(
      app.db
        .select()
        .from(users)
        .all()
        .filter((u) => u.email !== 'fresh@example.com'),
    ).toEqual(before)
    expect(email).toBe('taken@example.com')
    const attempt = app.db.select().from(mailOutbox).where(eq(mailOutbox.kind, 'signup-existing')).all()
    expect(attempt.map((m) => m.toAddress)).toEqual(['taken@example.com'])
    expect(attempt[0]!.text).toContain('/password/forgot')
    expect(attempt[0]!.text).toContain('/signin')
  })

  it('whoever signs up first with someone else’s address never holds the account (no pre-account takeover)', async () => {
    // A stranger signs up with the owner's address; signing in to the unconfirmed account gives no
    // session (an unconfirmed account can do nothing but confirm: test/accounts/takeover.test.ts).
    const squatter = new BrowserClient(app.url)
    await squatter.postForm('/signup', {
      email: 'owner@example.com',
      password: 'squatter password 1',
      ageConfirmed: 'yes',
    })
    const squattersLink = mailedLink(app, 'owner@example.com', 'confirm-signup')
    expect(
      (await squatter.postForm('/signin', { email: 'owner@example.com', password: 'squatter password 1' })).status,
    ).toBe(403)
    await new Promise((r) => setTimeout(r, 5))
    // The owner signs up too. Each mailed link carries its own sign-up's password.
    const owner = new BrowserClient(app.url)
    await owner.postForm('/signup', { email: 'owner@example.com', password: GOOD_PASSWORD, ageConfirmed: 'yes' })
    const ownersLink = mailedLink(app, 'owner@example.com', 'confirm-signup')
    expect(ownersLink).not.toBe(squattersLink)
    // The owner opens the stranger's link by mistake: their password does not fit it, nothing happens.
    const mistaken = await followMailedLink(owner, squattersLink, { password: GOOD_PASSWORD })
    expect(mistaken.status).toBe(422)
    expect(app.db.select().from(users).get()!.emailConfirmedAt).toBeNull()
    // Their own link confirms with their password; the stranger's session ends and links die.
    expect((await followMailedLink(owner, ownersLink, { password: GOOD_PASSWORD })).status).toBe(303)
    expect((await squatter.get('/account')).status).toBe(303)
    const stale = await new BrowserClient(app.url).get(new URL(squattersLink).pathname + new URL(squattersLink).search)
    expect(stale.status).toBe(410)
    const bad = await new BrowserClient(app.url).postForm('/signin', {
      email: 'owner@example.com',
      password: 'squatter password 1',
    })
    expect(bad.status).toBe(422)
    const good = await new BrowserClient(app.url).postForm('/signin', {
      email: 'owner@example.com',
      password: GOOD_PASSWORD,
    })
    expect(good.status).toBe(303)
    expect(app.db.select().from(users).all()).toHaveLength(1)
  })

  it('escapes what was typed when it re-renders the form', async () => {
    const res = await new BrowserClient(app.url).postForm('/signup', {
      email: '"><script>alert(1)</script>',
      password: 'x',
    })
    const html = await res.text()
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&quot;&gt;&lt;script&gt;')
  })

  it('sends a signed-in visitor from /signup to the signed-in home page', async () => {
    const { client } = await signUpUser(app, uniqueEmail())
    const res = await client.get('/signup')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/')
  })

  it('marks the cookie Secure and sends HSTS when the public address is https', async () => {
    await app.close()
    app = await startTestApp({ BASE_URL: 'https://lumina.example' })
    const client = new BrowserClient(app.url, 'https://lumina.example')
    const res = await client.postForm('/signup', {
      email: 'secure@example.com',
      password: GOOD_PASSWORD,
      ageConfirmed: 'yes',
    })
    expect(res.status).toBe(200)
    const link = mailedLink(app, 'secure@example.com', 'confirm-signup')
    expect(link).toMatch(/^https:\/\/lumina\.example\/confirm-email\?token=/) // links use BASE_URL
    const confirmed = await followMailedLink(client, link, { password: GOOD_PASSWORD })
    expect(confirmed.status).toBe(303)
    expect(setCookieHeader(confirmed, 'lum_api_key')).toMatch(/; Secure/)
  })
})
