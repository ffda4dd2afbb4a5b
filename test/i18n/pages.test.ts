import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { users } from '../../db/schema.js'
import { requestEmailChange } from '../../src/accounts/credentials.js'
import { mailContext } from '../../src/accounts/notices.js'
import { GOOD_PASSWORD, mailedLink, signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { englishWords, htmlLang, visibleText } from './scan.js'

let app: TestApp
beforeAll(async () => {
  // Each client a person of its own (X-Forwarded-For), so the sign-up limits never interfere.
  app = await startTestApp({ TRUST_PROXY: '1' }, (routes) =>
    routes.get('/boom', () => {
      throw new Error('a bug')
    }),
  )
})
afterAll(() => app?.close())

type Locale = 'zh-CN' | 'zh-HK'

/** A browser that asks for `locale`, from an address of its own. */
function browser(locale: Locale): BrowserClient {
  return new BrowserClient(app.url, app.url, { 'accept-language': locale, 'x-forwarded-for': randomIp() })
}
let ipCounter = 0
const randomIp = () => `10.21.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`

/** An account confirmed through the pages in `locale`; its client is signed in. */
async function confirmedAccount(locale: Locale) {
  return signUpUser(app, uniqueEmail('zh'), GOOD_PASSWORD, browser(locale))
}

function userRow(email: string) {
  const row = app.db.select().from(users).where(eq(users.email, email)).get()
  if (!row) throw new Error(`no account for ${email}`)
  return row
}

const pathOf = (link: string) => {
  const url = new URL(link)
  return `${url.pathname}${url.search}`
}
const tokenOf = (link: string) => new URL(link).searchParams.get('token') ?? ''

/** Each translated page type: how a person gets to it, and the status it answers with. */
const PAGES: [name: string, status: number, open: (locale: Locale) => Promise<Response>][] = [
  ['landing', 200, (l) => browser(l).get('/')],
  ['landing, account deleted', 200, (l) => browser(l).get('/?deleted=1')],
  ['sign-in', 200, (l) => browser(l).get('/signin')],
  ['sign-in, signed out everywhere', 200, (l) => browser(l).get('/signin?signedOut=everywhere')],
  ['sign-in, email changed', 200, (l) => browser(l).get('/signin?emailChanged=1')],
  ['sign-in, nothing typed', 422, (l) => browser(l).postForm('/signin', {})],
  ['sign-in, wrong password', 422, (l) => browser(l).postForm('/signin', { email: uniqueEmail(), password: 'x' })],
  [
    'sign-in, not confirmed yet',
    403,
    async (l) => {
      const client = browser(l)
      const email = uniqueEmail('unconfirmed')
      await client.postForm('/signup', { email, password: GOOD_PASSWORD, ageConfirmed: 'yes' })
      return client.postForm('/signin', { email, password: GOOD_PASSWORD })
    },
  ],
  ['sign-up', 200, (l) => browser(l).get('/signup')],
  ['sign-up, nothing typed', 422, (l) => browser(l).postForm('/signup', {})],
  [
    'sign-up, weak password',
    422,
    (l) => browser(l).postForm('/signup', { email: 'not-an-address', password: 'password1' }),
  ],
  [
    'check your inbox',
    200,
    (l) => browser(l).postForm('/signup', { email: uniqueEmail(), password: GOOD_PASSWORD, ageConfirmed: 'yes' }),
  ],
  [
    'confirm the sign-up',
    200,
    async (l) => {
      const client = browser(l)
      const email = uniqueEmail('confirm')
      await client.postForm('/signup', { email, password: GOOD_PASSWORD, ageConfirmed: 'yes' })
      return client.get(pathOf(mailedLink(app, email, 'confirm-signup')))
    },
  ],
  [
    'confirm the sign-up, wrong password',
    422,
    async (l) => {
      const client = browser(l)
      const email = uniqueEmail('confirm')
      await client.postForm('/signup', { email, password: GOOD_PASSWORD, ageConfirmed: 'yes' })
      const token = tokenOf(mailedLink(app, email, 'confirm-signup'))
      return client.postForm('/confirm-email', { token, password: 'not the one' })
    },
  ],
  ['confirmation link spent', 410, (l) => browser(l).get('/confirm-email?token=spent')],
  ['forgot password', 200, (l) => browser(l).get('/password/forgot')],
  ['forgot password, bad address', 422, (l) => browser(l).postForm('/password/forgot', { email: 'nope' })],
  ['forgot password, mailed', 200, (l) => browser(l).postForm('/password/forgot', { email: uniqueEmail() })],
  [
    'choose a new password',
    200,
    async (l) => {
      const { email } = await confirmedAccount(l)
      await browser(l).postForm('/password/forgot', { email })
      return browser(l).get(pathOf(mailedLink(app, email, 'password-reset-link')))
    },
  ],
  [
    'choose a new password, too short',
    422,
    async (l) => {
      const { email } = await confirmedAccount(l)
      await browser(l).postForm('/password/forgot', { email })
      const token = tokenOf(mailedLink(app, email, 'password-reset-link'))
      return browser(l).postForm('/password/reset', { token, password: 'short' })
    },
  ],
  ['reset link spent', 410, (l) => browser(l).get('/password/reset?token=spent')],
  [
    'confirm a new email',
    200,
    async (l) => {
      const { email } = await confirmedAccount(l)
      const newEmail = uniqueEmail('new')
      requestEmailChange(app.db, mailContext(app.deps.config), userRow(email), newEmail)
      return browser(l).get(pathOf(mailedLink(app, newEmail, 'email-change-link')))
    },
  ],
  [
    'call off an email change',
    200,
    async (l) => {
      const { email } = await confirmedAccount(l)
      requestEmailChange(app.db, mailContext(app.deps.config), userRow(email), uniqueEmail('new'))
      return browser(l).get(pathOf(mailedLink(app, email, 'email-change-requested')))
    },
  ],
  [
    'email change called off',
    200,
    async (l) => {
      const { email } = await confirmedAccount(l)
      requestEmailChange(app.db, mailContext(app.deps.config), userRow(email), uniqueEmail('new'))
      const token = tokenOf(mailedLink(app, email, 'email-change-requested'))
      return browser(l).postForm('/email/change/cancel', { token })
    },
  ],
  [
    'new email taken meanwhile',
    409,
    async (l) => {
      const { email } = await confirmedAccount(l)
      const newEmail = uniqueEmail('taken')
      requestEmailChange(app.db, mailContext(app.deps.config), userRow(email), newEmail)
      await signUpUser(app, newEmail, GOOD_PASSWORD, browser(l))
      return browser(l).postForm('/email/change', { token: tokenOf(mailedLink(app, newEmail, 'email-change-link')) })
    },
  ],
  ['email change link spent', 410, (l) => browser(l).get('/email/change?token=spent')],
  ['cancel link spent', 410, (l) => browser(l).get('/email/change/cancel?token=spent')],
  ['page not found', 404, (l) => browser(l).get('/no-such-page')],
  [
    'form from another site',
    403,
    (l) => browser(l).postForm('/signin', { email: 'a@example.com' }, { origin: 'https://evil.example' }),
  ],
  ['unexpected error', 500, (l) => browser(l).get('/boom')],
]

for (const locale of ['zh-CN', 'zh-HK'] as const) {
  describe(`the translated pages in ${locale}`, () => {
    it.each(PAGES)('%s (%i): no English word, <html lang> set', async (name, status, open) => {
      const res = await open(locale)
      const html = await res.text()
      expect(res.status, name).toBe(status)
      expect(htmlLang(html)).toBe(locale)
      expect(englishWords(visibleText(html))).toEqual([])
      // Every word of the page itself is translated: nothing marks its content as English.
      expect(html).not.toMatch(/<main[^>]* lang="en"/)
    })

    // The privacy policy and terms are translated now: test/i18n/legal-pages.test.ts.
  })
}

describe('the scan itself', () => {
  it('finds English left on a page, and lets names, addresses and kept terms through', () => {
    expect(englishWords(visibleText('<p>请输入 <b>Email</b> 地址</p>'))).toEqual(['Email'])
    expect(englishWords(visibleText('<a title="Sign in">登录</a>'))).toEqual(['Sign', 'in'])
    expect(
      englishWords(
        '欢迎使用 Lumina.AI，联系 privacy@lumina.example 或 https://lumina.example/x?token=abc，API 密钥 lum_AbC…',
      ),
    ).toEqual([])
    expect(englishWords('MAIL')).toEqual(['MAIL'])
  })
})
