// Issue 21: a person's language sticks to their account (no cookie of its own), their mail is
// written in it, and every account mail reads in both Chinese scripts with no English left.
import { randomUUID } from 'node:crypto'
import { and, desc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailOutbox, users } from '../../db/schema.js'
import { notices, type Recipient } from '../../src/accounts/notices.js'
import type { MailContext } from '../../src/mail/compose.js'
import { GOOD_PASSWORD, signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { englishWords, htmlLang, visibleText } from './scan.js'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: '1' })
})
afterAll(() => app?.close())

let ipCounter = 0
function browser(acceptLanguage: string): BrowserClient {
  ipCounter += 1
  return new BrowserClient(app.url, app.url, {
    'accept-language': acceptLanguage,
    'x-forwarded-for': `10.22.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`,
  })
}

const localeOf = (email: string) => app.db.select().from(users).where(eq(users.email, email)).get()?.locale
const newestMail = (to: string, kind: string) =>
  app.db
    .select()
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, to), eq(mailOutbox.kind, kind)))
    .orderBy(desc(mailOutbox.createdAt))
    .get()

describe("the account's language", () => {
  it('is the one the sign-up page was in, and the confirmation mail is written in it', async () => {
    const { email } = await signUpUser(app, uniqueEmail('hk'), GOOD_PASSWORD, browser('zh-HK,zh;q=0.9,en;q=0.8'))
    expect(localeOf(email)).toBe('zh-HK')
    const mail = newestMail(email, 'confirm-signup')
    // Sent and gone from the outbox once delivered; here it waits, as written.
    expect(mail?.subject).toBe('確認你的電郵 — Lumina.AI')
    expect(mail?.text).toContain('歡迎使用 Lumina.AI')
    // Its link opens the page in the same language, in whatever browser the mail is read.
    expect(mail?.text).toMatch(/\/confirm-email\?token=[\w-]{43}&lang=zh-HK/)

    // A visitor's ?lang= choice counts over the browser's language.
    const chosen = uniqueEmail('cn')
    await browser('en-US').postForm('/signup?lang=zh-CN', {
      email: chosen,
      password: GOOD_PASSWORD,
      ageConfirmed: 'yes',
    })
    expect(localeOf(chosen)).toBe('zh-CN')
    expect(newestMail(chosen, 'confirm-signup')?.subject).toBe('验证你的邮箱 — Lumina.AI')
  })

  it('is changed by the switch of a signed-in page, and then rules its pages and its mail whatever the browser says', async () => {
    const { client, email } = await signUpUser(app, uniqueEmail('switch'), GOOD_PASSWORD, browser('zh-HK'))
    const before = await (await client.get('/briefs')).text()
    expect(htmlLang(before)).toBe('zh-HK')
    // The switch: a plain form, no JavaScript, back to the page it was on.
    expect(before).toContain('<input type="hidden" name="next" value="/briefs"/>')
    const switched = await client.postForm('/language', { locale: 'zh-CN', next: '/briefs' })
    expect(switched.status).toBe(303)
    expect(switched.headers.get('location')).toBe('/briefs')
    expect(switched.headers.getSetCookie()).toEqual([]) // no second cookie: the policy promises one
    expect(localeOf(email)).toBe('zh-CN')

    // The browser now asks for English: the account's choice wins, on every page.
    const english = new BrowserClient(app.url, app.url, { 'accept-language': 'en' })
    for (const [k, v] of client.cookies) english.cookies.set(k, v)
    for (const path of ['/briefs', '/account', '/', '/privacy']) {
      expect(htmlLang(await (await english.get(path)).text()), path).toBe('zh-CN')
    }

    // A mail asked for from an English browser still goes out in the account's language.
    await browser('en').postForm('/password/forgot', { email })
    const reset = newestMail(email, 'password-reset-link')
    expect(reset?.subject).toBe('重置你的密码 — Lumina.AI')
    expect(htmlLang(reset?.html ?? '')).toBe('zh-CN')
  })

  it('cannot be changed from another site', async () => {
    const { client, email } = await signUpUser(app, uniqueEmail('csrf'), GOOD_PASSWORD, browser('zh-HK'))
    const res = await client.postForm('/language', { locale: 'en', next: '/' }, { origin: 'https://evil.example' })
    expect(res.status).toBe(403)
    expect(localeOf(email)).toBe('zh-HK')
  })

  it('never sends the switch somewhere else', async () => {
    const { client } = await signUpUser(app, uniqueEmail('next'), GOOD_PASSWORD, browser('zh-HK'))
    const res = await client.postForm('/language', { locale: 'en', next: '//evil.example/' })
    expect(res.headers.get('location')).toBe('/')
  })

  it('signed out, the switch carries the choice in the URL instead, and a sign-in keeps it on an account that had none', async () => {
    const visitor = browser('en')
    const res = await visitor.postForm('/language', { locale: 'zh-HK', next: '/signin?next=%2Fbriefs' })
    expect(res.headers.get('location')).toBe('/signin?next=%2Fbriefs&lang=zh-HK')

    const { email } = await signUpUser(app, uniqueEmail('legacy'), GOOD_PASSWORD, browser('en'))
    app.db.update(users).set({ locale: null }).where(eq(users.email, email)).run() // from before locales
    const page = await (await visitor.get('/signin?lang=zh-HK')).text()
    expect(page).toContain('action="/signin?lang=zh-HK"') // the choice rides along with the form
    const signedIn = await visitor.postForm('/signin?lang=zh-HK', { email, password: GOOD_PASSWORD })
    expect(signedIn.status).toBe(303)
    expect(localeOf(email)).toBe('zh-HK')
  })

  it('an account without a choice follows the browser on its pages, and gets English mail', async () => {
    const { client, email } = await signUpUser(app, uniqueEmail('null'), GOOD_PASSWORD, browser('en'))
    app.db.update(users).set({ locale: null }).where(eq(users.email, email)).run()
    expect(htmlLang(await (await client.get('/briefs', { 'accept-language': 'zh-TW' })).text())).toBe('zh-HK')
    await browser('zh-CN').postForm('/password/forgot', { email })
    expect(newestMail(email, 'password-reset-link')?.subject).toBe('Reset your password — Lumina.AI')
  })

  it('signing out of a Chinese account shows the landing page in that language, whatever the browser says', async () => {
    const { client } = await signUpUser(app, uniqueEmail('out'), GOOD_PASSWORD, browser('zh-HK'))
    const res = await client.postForm('/signout', {}, { 'accept-language': 'en' })
    expect(res.headers.get('location')).toBe('/?lang=zh-HK')
  })
})

describe('every account mail, in both Chinese scripts', () => {
  const ctx: MailContext = {
    productName: 'Lumina.AI',
    contactEmail: 'privacy@lumina.example',
    baseUrl: new URL('https://lumina.example'),
  }
  const token = randomUUID()
  const all = (to: Recipient) => ({
    confirmSignUp: notices.confirmSignUp(ctx, to, token),
    signUpAttempt: notices.signUpAttempt(ctx, to),
    resetPassword: notices.resetPassword(ctx, to, token),
    passwordReset: notices.passwordChanged(ctx, to, 'reset'),
    passwordChanged: notices.passwordChanged(ctx, to, 'changed'),
    apiKeyRotated: notices.apiKeyRotated(ctx, to, 'lum_AbCdEfGh'),
    webhookSecretCreated: notices.webhookSecretCreated(ctx, to, 'hooks.shop.example'),
    confirmNewEmail: notices.confirmNewEmail(ctx, to, token),
    emailTaken: notices.emailTaken(ctx, to),
    emailChangeRequested: notices.emailChangeRequested(ctx, to, 'new@shop.example', token),
    emailChanged: notices.emailChanged(ctx, to, 'new@shop.example'),
    signInLocked: notices.signInLocked(ctx, to, 15),
    accountDeleted: notices.accountDeleted(ctx, to),
    // The operator writes the notice's own words; the mail around them follows the account.
    policyChange: notices.policyChange(ctx, to, '隐私政策更新', '我们更新了隐私政策。\n\n请阅读。'),
  })

  for (const locale of ['zh-CN', 'zh-HK'] as const) {
    it(`${locale}: subject, text and HTML with no English word, the HTML in lang="${locale}"`, () => {
      for (const [name, mail] of Object.entries(all({ email: 'shop@shop.example', locale }))) {
        expect(englishWords(mail.subject), `${name} subject`).toEqual([])
        expect(englishWords(mail.text), `${name} text`).toEqual([])
        expect(englishWords(visibleText(mail.html)), `${name} html`).toEqual([])
        expect(htmlLang(mail.html), name).toBe(locale)
      }
    })
  }

  it('Traditional for zh-HK (電郵, 密碼), Simplified for zh-CN (邮箱, 密码), English when the account chose none', () => {
    expect(notices.resetPassword(ctx, { email: 'a@shop.example', locale: 'zh-HK' }, token).text).toContain(
      '重設你帳戶的密碼',
    )
    expect(notices.confirmSignUp(ctx, { email: 'a@shop.example', locale: 'zh-HK' }, token).subject).toContain('電郵')
    expect(notices.resetPassword(ctx, { email: 'a@shop.example', locale: 'zh-CN' }, token).text).toContain(
      '重置你账号的密码',
    )
    expect(notices.confirmSignUp(ctx, { email: 'a@shop.example', locale: 'zh-CN' }, token).subject).toContain('邮箱')
    const english = notices.resetPassword(ctx, { email: 'a@shop.example', locale: null }, token)
    expect(english.subject).toBe('Reset your password — Lumina.AI')
    expect(htmlLang(english.html)).toBe('en')
  })
})
