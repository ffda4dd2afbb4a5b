import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sessions, users } from '../../db/schema.js'
import { hashPassword } from '../../src/accounts/passwords.js'
import { SESSION_TTL_MS } from '../../src/accounts/sessions.js'
import { sha256 } from '../../src/accounts/tokens.js'
import { GOOD_PASSWORD, signUpUser } from '../support/accounts.js'
import { PRODUCTION_SCRYPT, startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'

let app: TestApp
beforeEach(async () => {
  app = await startTestApp()
})
afterEach(async () => {
  await app.close()
})

async function signIn(email: string, password: string, extra: Record<string, string> = {}) {
  const client = new BrowserClient(app.url)
  const res = await client.postForm('/signin', { email, password, ...extra })
  return { client, res }
}

describe('sign in', () => {
  it('signs in with the right password and opens the home page, where "Make a video" is', async () => {
    await signUpUser(app, 'sam@example.com')
    const { client, res } = await signIn(' SAM@example.com', GOOD_PASSWORD)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/')
    const home = await (await client.get('/')).text()
    expect(home).toMatch(/<a class="button button-large" href="\/briefs\/new">\s*Make a video\s*<\/a>/)
    const page = await client.get('/account')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('sam@example.com')
    expect(app.db.select().from(sessions).all()).toHaveLength(2) // sign-up's and this one
  })

  it('gives the same answer for a wrong password and for an unknown email', async () => {
    await signUpUser(app, 'known@example.com')
    const wrong = await signIn('known@example.com', 'not the password at all')
    const unknown = await signIn('nobody@example.com', 'not the password at all')
    expect(wrong.res.status).toBe(422)
    expect(unknown.res.status).toBe(422)
    const strip = (html: string) => html.replace(/value="[^"]*@example\.com"/g, '')
    expect(strip(await wrong.res.text())).toBe(strip(await unknown.res.text()))
    expect(wrong.res.headers.getSetCookie()).toHaveLength(0)
    expect(unknown.res.headers.getSetCookie()).toHaveLength(0)
  })

  it('re-hashes a password stored with the tests’ cheap cost to the production parameters on sign-in', async () => {
    const cheap = app.deps.config.scrypt
    expect(cheap.N).toBe(16)
    const cheapHash = await hashPassword(GOOD_PASSWORD, cheap)
    await app.close()
    app = await startTestApp(PRODUCTION_SCRYPT)
    await signUpUser(app, 'old@example.com')
    app.db.update(users).set({ passwordHash: cheapHash }).where(eq(users.email, 'old@example.com')).run()

    const { res } = await signIn('old@example.com', GOOD_PASSWORD)
    expect(res.status).toBe(303)
    const stored = app.db.select().from(users).where(eq(users.email, 'old@example.com')).get()!.passwordHash
    expect(stored).not.toBe(cheapHash)
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true)
    // And the new hash still verifies, and is not re-hashed again.
    expect((await signIn('old@example.com', GOOD_PASSWORD)).res.status).toBe(303)
    expect(app.db.select().from(users).where(eq(users.email, 'old@example.com')).get()!.passwordHash).toBe(stored)
  })

  it('re-hashes the password with the scrypt parameters in force when the stored ones are old', async () => {
    await signUpUser(app, 'older@example.com')
    const oldHash = await hashPassword(GOOD_PASSWORD, { N: 2 ** 12, r: 8, p: 1, keyLength: 32 })
    app.db.update(users).set({ passwordHash: oldHash }).where(eq(users.email, 'older@example.com')).run()
    expect((await signIn('older@example.com', GOOD_PASSWORD)).res.status).toBe(303)
    const stored = app.db.select().from(users).where(eq(users.email, 'older@example.com')).get()!.passwordHash
    expect(stored).not.toBe(oldHash)
    expect(stored.startsWith(`scrypt$${app.deps.config.scrypt.N}$8$1$`)).toBe(true)
    // And the new hash still verifies.
    expect((await signIn('older@example.com', GOOD_PASSWORD)).res.status).toBe(303)
  })

  it('follows a same-site next path but never an off-site one', async () => {
    await signUpUser(app, 'next@example.com')
    expect(
      (await signIn('next@example.com', GOOD_PASSWORD, { next: '/account#api-key' })).res.headers.get('location'),
    ).toBe('/account#api-key')
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      expect((await signIn('next@example.com', GOOD_PASSWORD, { next })).res.headers.get('location')).toBe('/')
    }
  })

  it('sends signed-out visitors of the account page to sign in', async () => {
    const res = await new BrowserClient(app.url).get('/account')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/signin?next=%2Faccount')
  })

  it('refuses an empty form with field messages', async () => {
    const { res } = await signIn('', '')
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Enter your email address.')
    expect(html).toContain('Enter your password.')
  })
})

describe('sessions', () => {
  it('keeps only the SHA-256 of the cookie token, with a 30-day expiry', async () => {
    const { client } = await signUpUser(app)
    const token = client.cookies.get('lum_api_key')!
    const row = app.db.select().from(sessions).get()!
    expect(row.tokenHash).toBe(sha256(token))
    expect(JSON.stringify(row)).not.toContain(token)
    expect(row.expiresAt - row.createdAt).toBe(SESSION_TTL_MS)
  })

  it('signs out: the token is revoked in the database and the cookie cleared', async () => {
    const { client } = await signUpUser(app)
    const token = client.cookies.get('lum_api_key')!
    const res = await client.postForm('/signout')
    expect(res.status).toBe(303)
    expect(res.headers.getSetCookie().join()).toMatch(/lum_api_key=;.*Max-Age=0/)
    expect(
      app.db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, sha256(token)))
        .get(),
    ).toBeUndefined()
    // Replaying the old token no longer works.
    const replay = await new BrowserClient(app.url).get('/account', { cookie: `lum_api_key=${token}` })
    expect(replay.status).toBe(303)
  })

  it('signs out everywhere: every session of that user is revoked, others untouched', async () => {
    const { client, email } = await signUpUser(app)
    const second = await signIn(email, GOOD_PASSWORD)
    const stranger = await signUpUser(app)
    expect((await second.client.get('/account')).status).toBe(200)

    const res = await client.postForm('/account/sessions/revoke')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/signin?signedOut=everywhere')
    expect((await second.client.get('/account')).status).toBe(303)
    expect((await client.get('/account')).status).toBe(303)
    expect((await stranger.client.get('/account')).status).toBe(200)
  })

  it('drops tampered and expired cookies without an error', async () => {
    const { client } = await signUpUser(app)
    const token = client.cookies.get('lum_api_key')!
    for (const bad of [token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), 'garbage', `${token}x`, '']) {
      const res = await new BrowserClient(app.url).get('/account', { cookie: `lum_api_key=${bad}` })
      expect(res.status).toBe(303)
    }
    app.db
      .update(sessions)
      .set({ expiresAt: Date.now() - 1 })
      .run()
    const expired = await client.get('/account')
    expect(expired.status).toBe(303)
    expect(expired.headers.getSetCookie().join()).toMatch(/lum_api_key=;/)
  })

  it('slides the expiry forward when the session is used after an hour', async () => {
    const { client } = await signUpUser(app)
    const twoDaysLeft = Date.now() + 2 * 24 * 60 * 60 * 1000
    app.db.update(sessions).set({ expiresAt: twoDaysLeft }).run()
    const res = await client.get('/account')
    expect(res.status).toBe(200)
    expect(res.headers.getSetCookie().join()).toMatch(/lum_api_key=[^;]+;.*Max-Age=2592000/)
    expect(app.db.select().from(sessions).get()!.expiresAt).toBeGreaterThan(Date.now() + SESSION_TTL_MS - 60_000)
  })
})
