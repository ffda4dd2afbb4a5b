import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mailContext, notices, type Recipient } from '../../src/accounts/notices.js'
import { loadConfig } from '../../src/config.js'
import type { Locale } from '../../src/i18n/locales.js'
import type { MailMessage } from '../../src/mail/outbox.js'
import { smtpTransport } from '../../src/mail/transport.js'
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js'

// Every kind of mail the app sends, through nodemailer to a real SMTP server on loopback: a
// text/plain and a text/html part, the same one link in both, and no address but our own.

let smtp: TestSmtpServer
beforeAll(async () => {
  smtp = await startSmtpServer()
})
afterAll(async () => {
  await smtp?.close()
})

const config = loadConfig({ BASE_URL: 'https://video.example.com', CONTACT_EMAIL: 'help@video.example.com' })
const ctx = mailContext(config)
const TOKEN = 'A'.repeat(43)

/** One mail of every kind `notices` writes; a new kind there fails the count below until listed. */
function everyMail(to: Recipient): MailMessage[] {
  return [
    notices.confirmSignUp(ctx, to, TOKEN),
    notices.signUpAttempt(ctx, to),
    notices.resetPassword(ctx, to, TOKEN),
    notices.passwordChanged(ctx, to, 'changed'),
    notices.passwordChanged(ctx, to, 'reset'),
    notices.apiKeyRotated(ctx, to, 'lum_ab12'),
    notices.webhookSecretCreated(ctx, to, 'hooks.shop.example'),
    notices.confirmNewEmail(ctx, to, TOKEN),
    notices.emailTaken(ctx, to),
    notices.emailChangeRequested(ctx, to, 'new@shop.example', TOKEN),
    notices.emailChanged(ctx, to, 'new@shop.example'),
    notices.signInLocked(ctx, to, 15),
    notices.accountDeleted(ctx, to),
    notices.policyChange(ctx, to, 'New terms', 'We changed the terms.\n\nRead them.'),
  ]
}

const URL_PATTERN = /https?:\/\/[^\s"'<>)]+/g
const urlsIn = (s: string) => [...s.matchAll(URL_PATTERN)].map((m) => m[0].replace(/&amp;/g, '&'))

describe('every mail has a text and a branded HTML part', () => {
  it('lists every kind notices can write', () => {
    expect(everyMail({ email: 'x@shop.example', locale: null })).toHaveLength(Object.keys(notices).length + 1)
  })

  for (const locale of ['en', 'zh-CN', 'zh-HK'] satisfies Locale[]) {
    it(`over SMTP, in ${locale}: both parts, one button with its link as text, only our own addresses`, async () => {
      const transport = smtpTransport(smtp.url)
      const to = `parts-${locale}@shop.example`
      const mails = everyMail({ email: to, locale })
      for (const mail of mails) await transport.send({ ...mail, from: 'no-reply@video.example.com' })
      transport.close()
      for (const sent of mails) {
        const got = await smtp.waitFor(to, new RegExp(sent.subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        const what = `${sent.kind} (${locale})`
        // Two parts, multipart/alternative.
        expect(got.raw, what).toMatch(/Content-Type: multipart\/alternative/i)
        expect(got.raw, what).toMatch(/Content-Type: text\/plain/i)
        expect(got.raw, what).toMatch(/Content-Type: text\/html/i)
        expect(got.text.length, what).toBeGreaterThan(20)
        // The recipient's language, and the brand.
        expect(got.html, what).toContain(`<html lang="${locale}">`)
        expect(got.html, what).toContain('Lumina.AI')
        expect(got.html, what).toContain('<meta name="color-scheme" content="light dark"')
        // Every address in either part is ours; the text part's links are all in the HTML part.
        const textUrls = urlsIn(got.text)
        const htmlUrls = urlsIn(got.html)
        for (const url of [...textUrls, ...htmlUrls]) expect(new URL(url).origin, what).toBe(config.baseUrl.origin)
        for (const url of textUrls) expect(htmlUrls, what).toContain(url)
        // Inline styles only: nothing the mail client would fetch, no <style> or <link>, no script.
        expect(got.html, what).not.toMatch(/<(img|link|style|script|iframe)\b/i)
        expect(got.html, what).not.toMatch(/url\(/i)
        // One button at most: a real link, its address also shown as text under it.
        const buttons = [...got.html.matchAll(/<a href="([^"]+)" style="display:inline-block/g)].map((m) => m[1])
        expect(buttons.length, what).toBeLessThanOrEqual(1)
        if (buttons[0]) {
          const link = buttons[0].replace(/&amp;/g, '&')
          expect(got.text, what).toContain(link)
          expect(got.html, what).toContain(`>${buttons[0]}</a>`)
        }
      }
    })
  }

  it('escapes what the operator or a person wrote', () => {
    const mail = notices.policyChange(ctx, { email: 'x@shop.example', locale: null }, 'S', '<b>hi</b> & "you"')
    expect(mail.html).toContain('&lt;b&gt;hi&lt;/b&gt; &amp; &quot;you&quot;')
    expect(mail.html).not.toContain('<b>hi</b>')
  })
})
