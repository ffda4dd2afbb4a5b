import type { Locale } from '../../src/i18n/locales.js'

// The HTML part of every mail the app sends (src/mail/compose.ts builds its words).
// Mail clients drop <style> blocks and <link>s, so every style is inline; nothing is fetched from
// anywhere (no images, no remote fonts, no tracking pixel: the privacy policy's "no tracking").
// Dark-mode safe: every block that sets a text colour sets its own background too, so a client
// that inverts colours inverts both together; the button keeps a border of its own colour so it
// stays a button on a dark page; the wordmark is text, not a transparent image that could vanish.

// The reader's own fonts, as on the pages (static/app.css): a Chinese mail in its script's faces.
const MAIL_FONTS: Record<Locale, string> = {
  en: 'system-ui,-apple-system,Segoe UI,Roboto,sans-serif',
  'zh-CN': "'PingFang SC','Hiragino Sans GB','Microsoft YaHei','Noto Sans CJK SC',sans-serif",
  'zh-HK': "'PingFang HK','PingFang TC','Microsoft JhengHei','Noto Sans CJK HK','Noto Sans CJK TC',sans-serif",
}

// The product's colours (static/app.css: --brand-dark, --text, --muted, --bg).
const BRAND = '#5236e0'
const TEXT = '#1b1a26'
const MUTED = '#62607a'
const PAGE = '#f6f5fb'
const CARD = '#ffffff'

export type MailHtmlProps = {
  locale: Locale
  /** The tab's and the preview's title: the subject. */
  title: string
  productName: string
  /** Plain-text paragraphs before the button. */
  paragraphs: string[]
  /** The one button, and the words that say the address can be pasted instead. */
  action?: { label: string; link: string; pasteLink: string } | undefined
  /** Paragraphs after the button (how long the link works). */
  after: string[]
  footer: string
}

const paragraphStyle = `margin:0 0 16px;color:${TEXT};background-color:${CARD};font-size:16px;line-height:1.55`

function MailHtml(props: MailHtmlProps) {
  const { locale, action } = props
  const font = MAIL_FONTS[locale]
  return (
    <html lang={locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>{props.title}</title>
      </head>
      <body style={`margin:0;padding:0;background-color:${PAGE};font-family:${font};color:${TEXT}`}>
        {/* Tables: the one layout every mail client (Outlook included) lays out the same. */}
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style={`background-color:${PAGE}`}>
          <tr>
            <td align="center" style="padding:24px 12px">
              <table
                role="presentation"
                width="100%"
                cellpadding="0"
                cellspacing="0"
                style={`max-width:560px;background-color:${CARD};border-radius:14px;border:1px solid #e3e1ef`}
              >
                <tr>
                  <td style={`padding:20px 32px;border-bottom:4px solid ${BRAND};background-color:${CARD}`}>
                    <span style={`font-family:${font};font-size:20px;font-weight:700;color:${BRAND}`}>
                      {props.productName}
                    </span>
                  </td>
                </tr>
                <tr>
                  <td style={`padding:28px 32px 8px;background-color:${CARD};font-family:${font}`}>
                    {props.paragraphs.map((text) => (
                      <p style={paragraphStyle}>{text}</p>
                    ))}
                    {action && (
                      <>
                        <table role="presentation" cellpadding="0" cellspacing="0" style="margin:24px 0">
                          <tr>
                            <td style={`background-color:${BRAND};border-radius:8px`}>
                              <a
                                href={action.link}
                                style={`display:inline-block;padding:14px 24px;border:2px solid ${BRAND};border-radius:8px;background-color:${BRAND};color:#ffffff;font-family:${font};font-size:16px;font-weight:700;text-decoration:none`}
                              >
                                {action.label}
                              </a>
                            </td>
                          </tr>
                        </table>
                        <p
                          style={`margin:0 0 16px;color:${MUTED};background-color:${CARD};font-size:13px;line-height:1.5`}
                        >
                          {action.pasteLink}
                          <br />
                          <a href={action.link} style={`color:${BRAND};word-break:break-all`}>
                            {action.link}
                          </a>
                        </p>
                      </>
                    )}
                    {props.after.map((text) => (
                      <p style={paragraphStyle}>{text}</p>
                    ))}
                  </td>
                </tr>
                <tr>
                  <td
                    style={`padding:16px 32px 24px;border-top:1px solid #e3e1ef;background-color:${CARD};color:${MUTED};font-family:${font};font-size:12px;line-height:1.5`}
                  >
                    {props.footer}
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  )
}

/** The HTML part as a string: hono/jsx escapes every word and address put in it. */
export function renderMailHtml(props: MailHtmlProps): string {
  return `<!doctype html>${String(<MailHtml {...props} />)}`
}
