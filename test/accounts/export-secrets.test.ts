import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailOutbox, users } from '../../db/schema.js'
import { signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { unzipEntries } from '../support/zip.js'

// Issue 19, item 2: with only an API key, ask for a password reset, export, read the reset link in
// the export, set a new password. An export must never carry a mail body, a token or a link.

let app: TestApp
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(() => app.close())

/** Every token of every kind the account has or was mailed, in clear. */
async function accountWithEveryKindOfToken() {
  const owner = await signUpUser(app)
  const hook = await fetch(`${app.url}/api/v1/webhook`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${owner.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: 'https://hooks.customer.example/lumina' }),
  })
  const { secret } = (await hook.json()) as { secret: string }
  // Links waiting in the outbox: a password reset (anyone may ask), an email change and its cancel link.
  await new BrowserClient(app.url).postForm('/password/forgot', { email: owner.email })
  await owner.client.postForm('/account/email', { newEmail: uniqueEmail('moved'), password: owner.password })
  const userId = app.db.select().from(users).where(eq(users.email, owner.email)).get()!.id
  const waiting = app.db.select().from(mailOutbox).where(eq(mailOutbox.userId, userId)).all()
  const mailedTokens = waiting.flatMap((m) => [...m.text.matchAll(/token=([A-Za-z0-9_-]{43})/g)].map((t) => t[1]!))
  expect(new Set(waiting.map((m) => m.kind))).toEqual(
    new Set([
      'confirm-signup',
      'password-reset-link',
      'email-change-link',
      'email-change-requested',
      'webhook-secret-created',
    ]),
  )
  expect(mailedTokens.length).toBeGreaterThanOrEqual(4)
  const session = owner.client.cookies.get('lum_api_key')!
  return { owner, secrets: [...mailedTokens, owner.apiKey, secret, session] }
}

describe('the export never carries a live link', () => {
  it('in the JSON, the page’s ZIP and the API’s ZIP: no mail body, no token of any kind', async () => {
    const { owner, secrets } = await accountWithEveryKindOfToken()
    const auth = { authorization: `Bearer ${owner.apiKey}` }
    const json = await (await owner.client.get('/account/export')).text()
    const pageZip = Buffer.from(await (await owner.client.get('/account/export.zip')).arrayBuffer())
    const apiZip = Buffer.from(await (await fetch(`${app.url}/api/v1/export`, { headers: auth })).arrayBuffer())
    const formats: Record<string, string> = { json }
    for (const [name, zip] of [
      ['page zip', pageZip],
      ['api zip', apiZip],
    ] as const) {
      const entries = unzipEntries(zip)
      expect(entries.has('lumina-export.json'), name).toBe(true)
      for (const [file, bytes] of entries) formats[`${name}: ${file}`] = bytes.toString('latin1')
    }
    for (const [where, text] of Object.entries(formats)) {
      for (const secret of secrets) expect(text.includes(secret), `${where} holds a secret`).toBe(false)
      expect(text, where).not.toMatch(/token=|\/password\/reset|\/email\/change|\/confirm-email/)
    }

    // Waiting mail is listed by kind and time, nothing else.
    const data = JSON.parse(json) as { mailWaitingToBeSent: Record<string, unknown>[] }
    expect(data.mailWaitingToBeSent.length).toBe(5)
    for (const mail of data.mailWaitingToBeSent) expect(Object.keys(mail).sort()).toEqual(['createdAt', 'kind'])
    expect(data.mailWaitingToBeSent.map((m) => m.kind)).toContain('password-reset-link')
  })
})
