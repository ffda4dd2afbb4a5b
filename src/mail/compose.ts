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

// The reader's own fonts, as on the pages (static/app.css): a Chinese mail in its script's faces.
const MAIL_FONTS: Record<Locale, string> = {
  en: 'system-ui,-apple-system,Segoe UI,sans-serif',
  'zh-CN': "'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC',sans-serif",
  'zh-HK': "'PingFang HK','PingFang TC','Microsoft JhengHei','Noto Sans CJK HK','Noto Sans CJK TC',sans-serif",
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch)

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
 * A short mail in the product's style, as plain text and as simple, inline-styled HTML, its own
 * words (footer, "paste this address") in the recipient's language like the spec's.
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
  const p = (t: string) => `<p style="margin:0 0 16px">${escapeHtml(t)}</p>`
  const button =
    spec.action && link
      ? `<p style="margin:24px 0"><a href="${escapeHtml(link)}" style="background:#5236e0;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(spec.action.label)}</a></p>` +
        `<p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(t('mail.pasteLink'))}<br>${escapeHtml(link)}</p>`
      : ''
  const html = `<!doctype html><html lang="${words.locale}"><head><meta charset="utf-8"><title>${escapeHtml(spec.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f6f9;font-family:${MAIL_FONTS[words.locale]};color:#1a1a2e;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">
<p style="margin:0 0 24px;font-weight:700;font-size:18px">${escapeHtml(ctx.productName)}</p>
${spec.paragraphs.map(p).join('\n')}
${button}
${after.map(p).join('\n')}
<p style="margin:32px 0 0;font-size:12px;color:#666">${escapeHtml(footer)}</p>
</div></body></html>`
  const subject = t('mail.subject', { subject: spec.subject, product: ctx.productName })
  return { kind: spec.kind, to: spec.to, subject, text, html }
}
