import { renderMailHtml } from '../../views/mail/mail-html.js'
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.js'
import type { Translator } from '../i18n/translate.js'
import type { MailMessage } from './outbox.js'

/** What every mail carries besides its words: the product's name, the operator's contact, links. */
export type MailContext = { productName: string; contactEmail: string; baseUrl: URL }

export type MailSpec = {
  kind: string
  to: string
  subject: string
  /** Short paragraphs, plain text. */
  paragraphs: string[]
  /** The one thing to click, if any. `path` is resolved against BASE_URL. */
  action?: { label: string; path: string }
  /** Said after the button, e.g. how long the link works. */
  after?: string[]
}

/**
 * A link in a mail, opening the page in the mail's language whatever the browser that opens it
 * asks for (`?lang=`, src/i18n/negotiate.ts). English links carry nothing: English is the default.
 */
export function mailLink(ctx: MailContext, path: string, locale: Locale = DEFAULT_LOCALE): string {
  const url = new URL(path, ctx.baseUrl)
  if (locale !== DEFAULT_LOCALE) url.searchParams.set('lang', locale)
  return url.toString()
}

/**
 * A short mail in the product's style, as plain text and as branded HTML with one button
 * (views/mail/mail-html.tsx), the same link in both; its own words (footer, "paste this address")
 * in the recipient's language like the spec's.
 */
export function composeMail(ctx: MailContext, words: Translator, spec: MailSpec): MailMessage {
  const { t } = words
  const link = spec.action && mailLink(ctx, spec.action.path, words.locale)
  const after = spec.after ?? []
  const footer = t('mail.footer', { product: ctx.productName, host: ctx.baseUrl.host, contact: ctx.contactEmail })
  const text = [
    ...spec.paragraphs,
    ...(spec.action && link ? [t('mail.actionText', { label: spec.action.label, link })] : []),
    ...after,
    `-- \n${footer}`,
  ].join('\n\n')
  const html = renderMailHtml({
    locale: words.locale,
    title: spec.subject,
    productName: ctx.productName,
    paragraphs: spec.paragraphs,
    action: spec.action && link ? { label: spec.action.label, link, pasteLink: t('mail.pasteLink') } : undefined,
    after,
    footer,
  })
  const subject = t('mail.subject', { subject: spec.subject, product: ctx.productName })
  return { kind: spec.kind, to: spec.to, subject, text, html }
}
