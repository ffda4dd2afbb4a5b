import type { Config } from '../config.js'
import { composeMail, type MailContext } from '../mail/compose.js'
import type { MailMessage } from '../mail/outbox.js'

// The words of every mail the account lifecycle sends, in one place. Short, no tracking, one link.

export function mailContext(config: Config): MailContext {
  return { productName: config.operator.name, contactEmail: config.operator.contactEmail, baseUrl: config.baseUrl }
}

const notYou = (ctx: MailContext) => `If this wasn't you, reset your password now and write to ${ctx.contactEmail}.`

export const notices = {
  confirmSignUp: (ctx: MailContext, to: string, token: string): MailMessage =>
    composeMail(ctx, {
      kind: 'confirm-signup',
      to,
      subject: 'Confirm your email',
      paragraphs: [`Welcome to ${ctx.productName}. Confirm this address to finish creating your account.`],
      action: { label: 'Confirm my email', path: `/confirm-email?token=${token}` },
      after: [
        'The link works for 48 hours, once. If you did not sign up, ignore this mail: no account is created without it.',
      ],
    }),

  signUpAttempt: (ctx: MailContext, to: string): MailMessage =>
    composeMail(ctx, {
      kind: 'signup-existing',
      to,
      subject: 'Someone tried to sign up with your email',
      paragraphs: [
        `Someone tried to create a new ${ctx.productName} account with this address, which already has one. Nothing was changed.`,
        'If it was you, sign in instead. Forgot your password? Reset it from the sign-in page.',
      ],
      action: { label: 'Sign in', path: '/signin' },
      after: [`Reset your password: ${new URL('/password/forgot', ctx.baseUrl)}`],
    }),

  resetPassword: (ctx: MailContext, to: string, token: string): MailMessage =>
    composeMail(ctx, {
      kind: 'password-reset-link',
      to,
      subject: 'Reset your password',
      paragraphs: ['Someone asked to reset the password of your account. If it was you, choose a new one:'],
      action: { label: 'Choose a new password', path: `/password/reset?token=${token}` },
      after: [
        'The link works for 30 minutes, once. If you did not ask, ignore this mail: your password stays as it is.',
      ],
    }),

  passwordChanged: (ctx: MailContext, to: string, how: 'changed' | 'reset'): MailMessage =>
    composeMail(ctx, {
      kind: `password-${how}`,
      to,
      subject: how === 'reset' ? 'Your password was reset' : 'Your password was changed',
      paragraphs: [
        how === 'reset'
          ? 'The password of your account was reset with a link we mailed you. Every browser was signed out, the API key was replaced (the new one is on your account page) and the webhook was removed: set it again if you use one.'
          : 'The password of your account was changed from the account page. Every other browser was signed out, and an email change waiting for its link was called off.',
        notYou(ctx),
      ],
      action: { label: 'Reset my password', path: '/password/forgot' },
    }),

  apiKeyRotated: (ctx: MailContext, to: string, prefix: string): MailMessage =>
    composeMail(ctx, {
      kind: 'api-key-rotated',
      to,
      subject: 'Your API key was replaced',
      paragraphs: [
        `A new API key (${prefix}…) was made for your account and the old one stopped working. Programs that used the old key need the new one.`,
        notYou(ctx),
      ],
      action: { label: 'Open your account', path: '/account' },
    }),

  webhookSecretCreated: (ctx: MailContext, to: string, host: string): MailMessage =>
    composeMail(ctx, {
      kind: 'webhook-secret-created',
      to,
      subject: 'A webhook was set up on your account',
      paragraphs: [
        `Your account now sends video events to a webhook at ${host}, signed with a new secret.`,
        notYou(ctx),
      ],
      action: { label: 'Open your account', path: '/account' },
    }),

  confirmNewEmail: (ctx: MailContext, to: string, token: string): MailMessage =>
    composeMail(ctx, {
      kind: 'email-change-link',
      to,
      subject: 'Confirm your new email',
      paragraphs: [`Someone asked to make this the email address of a ${ctx.productName} account.`],
      action: { label: 'Use this address', path: `/email/change?token=${token}` },
      after: ['The link works for 24 hours, once. Until it is clicked nothing changes; if you did not ask, ignore it.'],
    }),

  emailTaken: (ctx: MailContext, to: string): MailMessage =>
    composeMail(ctx, {
      kind: 'email-change-taken',
      to,
      subject: 'Someone tried to move an account to your email',
      paragraphs: [
        `Someone asked to move a ${ctx.productName} account to this address, which already has an account. Nothing was changed.`,
      ],
    }),

  emailChangeRequested: (ctx: MailContext, to: string, newEmail: string, cancelToken: string): MailMessage =>
    composeMail(ctx, {
      kind: 'email-change-requested',
      to,
      subject: 'Someone asked to change your email',
      paragraphs: [
        `Someone signed in to your account asked to change its email to ${newEmail}. Nothing changes unless the link we mailed to that address is clicked within 24 hours.`,
        'If this wasn’t you, call the change off now, then reset your password: whoever asked knows it.',
      ],
      action: { label: 'Call off the change', path: `/email/change/cancel?token=${cancelToken}` },
    }),

  emailChanged: (ctx: MailContext, to: string, newEmail: string): MailMessage =>
    composeMail(ctx, {
      kind: 'email-changed',
      to,
      subject: 'Your email was changed',
      paragraphs: [
        `The email of your account was changed to ${newEmail}. Mail about the account goes there from now on.`,
        `If this wasn't you, write to ${ctx.contactEmail} at once.`,
      ],
    }),

  signInLocked: (ctx: MailContext, to: string, minutes: number): MailMessage =>
    composeMail(ctx, {
      kind: 'signin-locked',
      to,
      subject: 'Sign-in paused after many failed tries',
      paragraphs: [
        `There were many failed sign-ins to your account, so sign-in with a password is paused for up to ${minutes} minutes.`,
        'If it was you and you forgot the password, reset it: a reset works even now. If it wasn’t you, your account is safe as long as your password is strong; resetting it makes sure.',
      ],
      action: { label: 'Reset my password', path: '/password/forgot' },
    }),

  accountDeleted: (ctx: MailContext, to: string): MailMessage =>
    composeMail(ctx, {
      kind: 'account-deleted',
      to,
      subject: 'Your account was deleted',
      paragraphs: [
        `Your ${ctx.productName} account and everything in it were deleted: your email, password, API key, usage records, briefs, photos and videos. Backups that still hold them are gone within 30 days.`,
        `This is the last mail we send to this address. If you did not delete it, write to ${ctx.contactEmail}.`,
      ],
    }),

  policyChange: (ctx: MailContext, to: string, subject: string, body: string): MailMessage =>
    composeMail(ctx, {
      kind: 'policy-change',
      to,
      subject,
      paragraphs: body
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      action: { label: 'Read the privacy policy', path: '/privacy' },
    }),
}
