import { and, eq, isNull } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiKeys, sessions, users, webhookEndpoints } from '../../db/schema.js'
import { createApiKey } from '../../src/accounts/api-keys.js'
import { issueEmailToken } from '../../src/accounts/email-tokens.js'
import { createSession } from '../../src/accounts/sessions.js'
import { setWebhookEndpoint } from '../../src/webhooks/service.js'
import { followMailedLink, GOOD_PASSWORD, mailedLink, signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient, setCookieHeader } from '../support/browser-client.js'

// The account-takeover paths of the security review (issue 19, items 1 and 3), each performed
// over HTTP as an attacker would.

let app: TestApp
beforeAll(async () => {
  // Each browser comes from an address of its own, as different people do, so the per-address
  // limits on sign-in and sign-up never stand in for what is tested here.
  app = await startTestApp({ TRUST_PROXY: '1' })
})

let lastAddress = 0
function browser(): BrowserClient {
  lastAddress += 1
  return new BrowserClient(app.url, app.url, { 'x-forwarded-for': `10.7.${lastAddress >> 8}.${lastAddress & 255}` })
}
afterAll(() => app.close())

const WEBHOOK = 'https://hooks.attacker.example/x'

function me(key: string) {
  return fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${key}` } })
}

function userByEmail(email: string) {
  return app.db.select().from(users).where(eq(users.email, email)).get()
}

/** The API key the account page reveals once, after a confirmation or a reset. */
async function revealedKey(client: BrowserClient): Promise<string> {
  const page = await (await client.get('/account')).text()
  const key = /value="(lum_[A-Za-z0-9_-]{43})"/.exec(page)?.[1]
  if (!key) throw new Error('the account page revealed no key')
  return key
}

/** What someone who signed in before could have left behind: a session, a key, a webhook, a change link. */
function leaveBehind(userId: string, attackerEmail: string) {
  const session = createSession(app.db, userId)
  const key = createApiKey(app.db, userId)
  setWebhookEndpoint(app.db, app.deps.runtime.webhookSecretsKey, userId, WEBHOOK)
  const changeLink = issueEmailToken(app.db, userId, 'change_email', { newEmail: attackerEmail })
  return { session, key, changeLink }
}

async function followChangeLink(token: string) {
  return browser().postForm('/email/change', { token })
}

describe('signing up first with someone else’s address', () => {
  it('gives the squatter nothing: signing in to the unconfirmed account makes no session, only a new link for the owner', async () => {
    const owner = uniqueEmail('owner')
    const squatter = browser()
    await squatter.postForm('/signup', { email: owner, password: 'squatter password 1', ageConfirmed: 'yes' })
    const firstLink = mailedLink(app, owner, 'confirm-signup')

    const signIn = await squatter.postForm('/signin', { email: owner, password: 'squatter password 1' })
    expect(signIn.status).toBe(403)
    expect(setCookieHeader(signIn, 'lum_api_key')).toBeUndefined()
    expect(await signIn.text()).toContain('Confirm your email first')
    expect(
      app.db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, userByEmail(owner)!.id))
        .all(),
    ).toEqual([])
    // The owner's mailbox got a fresh link instead.
    expect(mailedLink(app, owner, 'confirm-signup')).not.toBe(firstLink)
    // Nothing behind the sign-in is reachable without a session.
    expect((await squatter.postForm('/account/api-key')).status).toBe(303)
    expect((await squatter.get('/account')).headers.get('location')).toMatch(/^\/signin/)
  })

  it('and whatever an unconfirmed account holds opens nothing, and confirming hands the account to the owner', async () => {
    const owner = uniqueEmail('owner')
    const attacker = uniqueEmail('squatter')
    await browser().postForm('/signup', {
      email: owner,
      password: 'squatter password 1',
      ageConfirmed: 'yes',
    })
    const account = userByEmail(owner)!
    // A session, a key, a webhook and an email-change link, as the squatter could make them before.
    const left = leaveBehind(account.id, attacker)
    const squatter = browser()
    squatter.cookies.set('lum_api_key', left.session.token)
    expect((await squatter.get('/account')).status).toBe(303)
    expect((await me(left.key)).status).toBe(401)
    expect((await followChangeLink(left.changeLink)).status).toBe(410)
    expect(userByEmail(owner)).toBeDefined()

    // The owner signs up and confirms with their own password.
    const ownerClient = browser()
    await ownerClient.postForm('/signup', { email: owner, password: GOOD_PASSWORD, ageConfirmed: 'yes' })
    const confirmed = await followMailedLink(ownerClient, mailedLink(app, owner, 'confirm-signup'), {
      password: GOOD_PASSWORD,
    })
    expect(confirmed.status).toBe(303)

    // The squatter's key, session, webhook and change link are gone for good.
    expect((await me(left.key)).status).toBe(401)
    expect((await squatter.get('/account')).status).toBe(303)
    expect(app.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.userId, account.id)).all()).toEqual([])
    expect((await followChangeLink(left.changeLink)).status).toBe(410)
    expect(userByEmail(owner)!.id).toBe(account.id)
    expect(userByEmail(attacker)).toBeUndefined()
    // The owner has one key, fresh, shown once, and it works; their password signs in.
    const ownersKey = await revealedKey(ownerClient)
    expect((await me(ownersKey)).status).toBe(200)
    const active = app.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.userId, account.id), isNull(apiKeys.revokedAt)))
      .all()
    expect(active).toHaveLength(1)
    const signIn = await browser().postForm('/signin', { email: owner, password: GOOD_PASSWORD })
    expect(signIn.status).toBe(303)
  })

  it('an email-change link made while unconfirmed never moves the account, even if the owner never signs up', async () => {
    const owner = uniqueEmail('owner')
    await browser().postForm('/signup', { email: owner, password: 'squatter pw 22', ageConfirmed: 'yes' })
    const left = leaveBehind(userByEmail(owner)!.id, uniqueEmail('squatter'))
    expect((await followChangeLink(left.changeLink)).status).toBe(410)
    expect(userByEmail(owner)!.emailConfirmedAt).toBeNull()
  })
})

describe('a password reset hands the account to the mailbox’s owner', () => {
  it('ends every session, revokes every key, removes the webhook and voids every other link', async () => {
    const owner = await signUpUser(app, undefined, undefined, browser())
    const account = userByEmail(owner.email)!
    // Someone who knew the password: signed in elsewhere, set a webhook and asked for an email change.
    const intruder = browser()
    expect((await intruder.postForm('/signin', { email: owner.email, password: owner.password })).status).toBe(303)
    const hook = await fetch(`${app.url}/api/v1/webhook`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${owner.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: WEBHOOK }),
    })
    expect(hook.status).toBe(200)
    const attacker = uniqueEmail('intruder')
    expect((await intruder.postForm('/account/email', { newEmail: attacker, password: owner.password })).status).toBe(
      303,
    )
    const changeLink = mailedLink(app, attacker, 'email-change-link')

    const forgot = await browser().postForm('/password/forgot', { email: owner.email })
    expect(forgot.status).toBe(200)
    const resetter = browser()
    const reset = await followMailedLink(resetter, mailedLink(app, owner.email, 'password-reset-link'), {
      password: 'a brand new passphrase',
    })
    expect(reset.status).toBe(303)

    expect((await intruder.get('/account')).status).toBe(303)
    expect((await owner.client.get('/account')).status).toBe(303)
    expect((await me(owner.apiKey)).status).toBe(401)
    expect(app.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.userId, account.id)).all()).toEqual([])
    const change = await browser().get(new URL(changeLink).pathname + new URL(changeLink).search)
    expect(change.status).toBe(410)
    expect((await followChangeLink(new URL(changeLink).searchParams.get('token')!)).status).toBe(410)
    expect(userByEmail(owner.email)!.id).toBe(account.id)
    // The person who reset is signed in, with a new key shown once.
    const newKey = await revealedKey(resetter)
    expect(newKey).not.toBe(owner.apiKey)
    expect((await me(newKey)).status).toBe(200)
  })
})

describe('an email-change link does not outlive recovery', () => {
  async function intruderAsksForChange() {
    const owner = await signUpUser(app, undefined, undefined, browser())
    const intruder = browser()
    expect((await intruder.postForm('/signin', { email: owner.email, password: owner.password })).status).toBe(303)
    const attacker = uniqueEmail('intruder')
    expect((await intruder.postForm('/account/email', { newEmail: attacker, password: owner.password })).status).toBe(
      303,
    )
    const token = new URL(mailedLink(app, attacker, 'email-change-link')).searchParams.get('token')!
    return { owner, attacker, token }
  }

  it('a changed password voids it', async () => {
    const { owner, token } = await intruderAsksForChange()
    const changed = await owner.client.postForm('/account/password', {
      currentPassword: owner.password,
      newPassword: 'another long passphrase',
    })
    expect(changed.status).toBe(303)
    expect((await followChangeLink(token)).status).toBe(410)
    expect(userByEmail(owner.email)).toBeDefined()
  })

  it('signing out everywhere voids it', async () => {
    const { owner, token } = await intruderAsksForChange()
    expect((await owner.client.postForm('/account/sessions/revoke')).status).toBe(303)
    expect((await followChangeLink(token)).status).toBe(410)
    expect(userByEmail(owner.email)).toBeDefined()
  })

  it('the old address is told at once, with a link that calls the change off', async () => {
    const { owner, attacker, token } = await intruderAsksForChange()
    const cancelLink = mailedLink(app, owner.email, 'email-change-requested')
    expect(cancelLink).toContain('/email/change/cancel?token=')
    // Opening the link (as a mail scanner would) spends nothing; the button does.
    const url = new URL(cancelLink)
    const page = await browser().get(url.pathname + url.search)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain(attacker)
    const cancelled = await followMailedLink(browser(), cancelLink)
    expect(cancelled.status).toBe(200)
    expect(await cancelled.text()).toContain('called off')
    expect((await followChangeLink(token)).status).toBe(410)
    expect(userByEmail(owner.email)).toBeDefined()
    expect(userByEmail(attacker)).toBeUndefined()
    // Spent.
    expect((await browser().get(url.pathname + url.search)).status).toBe(410)
  })

  it('a change that went through leaves no cancel link working', async () => {
    const { owner, attacker, token } = await intruderAsksForChange()
    const cancelLink = mailedLink(app, owner.email, 'email-change-requested')
    expect((await followChangeLink(token)).status).toBe(303)
    expect(userByEmail(attacker)).toBeDefined()
    const url = new URL(cancelLink)
    expect((await browser().get(url.pathname + url.search)).status).toBe(410)
  })
})
