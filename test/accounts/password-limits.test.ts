// Hole 7 of issue 9: every form that asks for the password again is a password oracle, so it is
// rate-limited like sign-in: per client address and per account, with the same wait message,
// 429 and Retry-After. It shares sign-in's budget, so one account gets 10 guesses in 15 minutes
// in all, not 10 per form.
import { eq } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { users } from '../../db/schema.js'
import { GOOD_PASSWORD, signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'

const WAIT = 'Too many attempts. Please wait 15 minutes and try again.'

let app: TestApp
afterEach(async () => {
  await app?.close()
})

function accountExists(email: string): boolean {
  return app.db.select().from(users).where(eq(users.email, email)).get() !== undefined
}

async function expectRefused(res: Response) {
  expect(res.status).toBe(429)
  const retryAfter = Number(res.headers.get('retry-after'))
  expect(retryAfter).toBeGreaterThan(800)
  expect(retryAfter).toBeLessThanOrEqual(900)
  const html = await res.text()
  expect(html).toContain(WAIT)
  expect(html).toContain('action="/account/delete"') // the account page, its delete form open again
}

describe('the password check on account deletion', () => {
  it('answers 429 with Retry-After after 10 tries, even with the right password, and deletes nothing', async () => {
    app = await startTestApp()
    const { client, email } = await signUpUser(app)
    for (let i = 0; i < 10; i++) {
      const res = await client.postForm('/account/delete', { password: `guess number ${i}` })
      expect(res.status).toBe(422)
      expect(await res.text()).toContain('That password is not correct.')
    }
    await expectRefused(await client.postForm('/account/delete', { password: GOOD_PASSWORD }))
    expect(accountExists(email)).toBe(true)
    expect((await client.get('/account')).status).toBe(200) // still signed in, nothing lost
  })

  it('limits tries per account even when they come from many addresses', async () => {
    app = await startTestApp({ TRUST_PROXY: 'fly' }) // many addresses, as Fly-Client-IP brings them
    const { client, email } = await signUpUser(app)
    for (let i = 0; i < 10; i++) {
      const res = await client.postForm(
        '/account/delete',
        { password: `guess ${i}` },
        { 'fly-client-ip': `203.0.113.${i}` },
      )
      expect(res.status).toBe(422)
    }
    await expectRefused(
      await client.postForm('/account/delete', { password: GOOD_PASSWORD }, { 'fly-client-ip': '203.0.113.99' }),
    )
    expect(accountExists(email)).toBe(true)
  })

  it('shares the budget with sign-in: guesses at the sign-in form count against the delete form', async () => {
    app = await startTestApp({ TRUST_PROXY: 'fly' }) // many addresses, as Fly-Client-IP brings them
    const { client, email } = await signUpUser(app)
    for (let i = 0; i < 10; i++) {
      const res = await new BrowserClient(app.url).postForm(
        '/signin',
        { email, password: `guess ${i}` },
        { 'fly-client-ip': `198.51.100.${i}` },
      )
      expect(res.status).toBe(422)
    }
    await expectRefused(
      await client.postForm('/account/delete', { password: GOOD_PASSWORD }, { 'fly-client-ip': '198.51.100.200' }),
    )
    expect(accountExists(email)).toBe(true)
  })

  it('limits tries per address: one address guessing at many accounts is stopped at the delete form too', async () => {
    app = await startTestApp({ TRUST_PROXY: 'fly' }) // many addresses, as Fly-Client-IP brings them
    const { client, email } = await signUpUser(app)
    for (let i = 0; i < 10; i++) {
      const res = await new BrowserClient(app.url).postForm(
        '/signin',
        { email: uniqueEmail('other'), password: 'whatever it is' },
        { 'fly-client-ip': '192.0.2.7' },
      )
      expect(res.status).toBe(422)
    }
    await expectRefused(
      await client.postForm('/account/delete', { password: GOOD_PASSWORD }, { 'fly-client-ip': '192.0.2.7' }),
    )
    expect(accountExists(email)).toBe(true)
    // From another address the person can still delete their account.
    const ok = await client.postForm('/account/delete', { password: GOOD_PASSWORD }, { 'fly-client-ip': '192.0.2.8' })
    expect(ok.status).toBe(303)
    expect(accountExists(email)).toBe(false)
  })
})
