import type { Config } from '../config.js'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { type Translator, translatorFor } from '../i18n/translate.js'
import { composeMail, type MailContext, mailLink } from '../mail/compose.js'
import type { MailMessage } from '../mail/outbox.js'

// The words of every mail the account lifecycle sends, in one place (their text is in the
// catalogs, src/i18n/catalogs). Short, no tracking, one link. Each mail is in the language of the
// account it is about (English when the account chose none).

export function mailContext(config: Config): MailContext {
  return { productName: config.operator.name, contactEmail: config.operator.contactEmail, baseUrl: config.baseUrl }
}

/** Who a mail goes to, and in which language: an account row fits, or an address with its account's locale. */
export type Recipient = { email: string; locale: string | null }

/** The recipient's words, and the values every mail may use. */
function wordsFor(ctx: MailContext, to: Recipient) {
  const words: Translator = translatorFor(to.locale)
  const shared = { product: ctx.productName, contact: ctx.contactEmail }
  return {
    words,
    t: (key: MessageKey, values: Record<string, string | number> = {}) => words.t(key, { ...shared, ...values }),
  }
}

export const notices = {
  confirmSignUp: (ctx: MailContext, to: Recipient, token: string): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: 'confirm-signup',
      to: to.email,
      subject: t('mail.confirmSignUp.subject'),
      paragraphs: [t('mail.confirmSignUp.body')],
      action: { label: t('mail.confirmSignUp.action'), path: `/confirm-email?token=${token}` },
      after: [t('mail.confirmSignUp.after')],
    })
  },

  signUpAttempt: (ctx: MailContext, to: Recipient): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: 'signup-existing',
      to: to.email,
      subject: t('mail.signUpAttempt.subject'),
      paragraphs: [t('mail.signUpAttempt.body'), t('mail.signUpAttempt.hint')],
      action: { label: t('mail.signUpAttempt.action'), path: '/signin' },
      after: [t('mail.signUpAttempt.after', { link: mailLink(ctx, '/password/forgot', words.locale) })],
    })
  },

  resetPassword: (ctx: MailContext, to: Recipient, token: string): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: 'password-reset-link',
      to: to.email,
      subject: t('mail.resetPassword.subject'),
      paragraphs: [t('mail.resetPassword.body')],
      action: { label: t('mail.resetPassword.action'), path: `/password/reset?token=${token}` },
      after: [t('mail.resetPassword.after')],
    })
  },

  passwordChanged: (ctx: MailContext, to: Recipient, how: 'changed' | 'reset'): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: `password-${how}`,
      to: to.email,
      subject: how === 'reset' ? t('mail.passwordReset.subject') : t('mail.passwordChanged.subject'),
      paragraphs: [how === 'reset' ? t('mail.passwordReset.body') : t('mail.passwordChanged.body'), t('mail.notYou')],
      action: { label: t('mail.resetMyPassword'), path: '/password/forgot' },
    })
  },

  apiKeyRotated: (ctx: MailContext, to: Recipient, prefix: string): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: 'api-key-rotated',
      to: to.email,
      subject: t('mail.apiKeyRotated.subject'),
      paragraphs: [t('mail.apiKeyRotated.body', { prefix }), t('mail.notYou')],
      action: { label: t('mail.openAccount'), path: '/account' },
    })
  },

  webhookSecretCreated: (ctx: MailContext, to: Recipient, host: string): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: 'webhook-secret-created',
      to: to.email,
      subject: t('mail.webhookCreated.subject'),
      paragraphs: [t('mail.webhookCreated.body', { host }), t('mail.notYou')],
      action: { label: t('mail.openAccount'), path: '/account' },
    })
  },

  confirmNewEmail: (ctx: MailContext, to: Recipient, token: string): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: 'email-change-link',
      to: to.email,
      subject: t('mail.confirmNewEmail.subject'),
      paragraphs: [t('mail.confirmNewEmail.body')],
      action: { label: t('mail.confirmNewEmail.action'), path: `/email/change?token=${token}` },
      after: [t('mail.confirmNewEmail.after')],
    })
  },

  emailTaken: (ctx: MailContext, to: Recipient): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: 'email-change-taken',
      to: to.email,
      subject: t('mail.emailTaken.subject'),
      paragraphs: [t('mail.emailTaken.body')],
    })
  },

  emailChangeRequested: (ctx: MailContext, to: Recipient, newEmail: string, cancelToken: string): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: 'email-change-requested',
      to: to.email,
      subject: t('mail.emailChangeRequested.subject'),
      paragraphs: [t('mail.emailChangeRequested.body', { email: newEmail }), t('mail.emailChangeRequested.notYou')],
      action: { label: t('mail.emailChangeRequested.action'), path: `/email/change/cancel?token=${cancelToken}` },
    })
  },

  emailChanged: (ctx: MailContext, to: Recipient, newEmail: string): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: 'email-changed',
      to: to.email,
      subject: t('mail.emailChanged.subject'),
      paragraphs: [t('mail.emailChanged.body', { email: newEmail }), t('mail.emailChanged.notYou')],
    })
  },

  signInLocked: (ctx: MailContext, to: Recipient, minutes: number): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: 'signin-locked',
      to: to.email,
      subject: t('mail.signInLocked.subject'),
      paragraphs: [t('mail.signInLocked.body', { minutes }), t('mail.signInLocked.hint')],
      action: { label: t('mail.resetMyPassword'), path: '/password/forgot' },
    })
  },

  accountDeleted: (ctx: MailContext, to: Recipient): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: 'account-deleted',
      to: to.email,
      subject: t('mail.accountDeleted.subject'),
      paragraphs: [t('mail.accountDeleted.body'), t('mail.accountDeleted.last')],
    })
  },

  /** The operator's own words (admin CLI), as written; only the mail around them is translated. */
  policyChange: (ctx: MailContext, to: Recipient, subject: string, body: string): MailMessage => {
    const { words, t } = wordsFor(ctx, to)
    return composeMail(ctx, words, {
      kind: 'policy-change',
      to: to.email,
      subject,
      paragraphs: body
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      action: { label: t('mail.policyChange.action'), path: '/privacy' },
    })
  },
}
