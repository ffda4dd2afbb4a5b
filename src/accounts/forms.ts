import { z } from 'zod'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { LOCALES } from '../i18n/locales.js'
import { commonPasswords } from './common-passwords.js'

// Messages are message keys (src/i18n/catalogs): validForm says them in the page's language.
const say = (key: MessageKey) => key

// A missing field reads as empty, so it gets the same friendly message as a blank one.
const field = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === undefined ? '' : v), schema)

const email = field(
  z
    .string({ error: say('form.emailMissing') })
    .trim()
    .toLowerCase()
    .min(1, say('form.emailMissing'))
    .max(254, say('form.emailTooLong'))
    .pipe(z.email(say('form.emailInvalid'))),
)

/** The rules every new password meets: at sign-up, on reset and on change. */
const newPassword = field(
  z
    .string({ error: say('form.newPasswordMissing') })
    .min(1, say('form.newPasswordMissing'))
    .min(10, say('form.newPasswordTooShort'))
    .max(1024, say('form.passwordTooLong'))
    .refine((pw) => !commonPasswords.has(pw.toLowerCase()), say('form.newPasswordCommon')),
)

const currentPassword = field(
  z
    .string({ error: say('form.passwordMissing') })
    .min(1, say('form.passwordMissing'))
    .max(1024, say('form.passwordTooLong')),
)

// Mailed link tokens are 43 base64url characters; anything else opens nothing.
const linkToken = z.string().max(100).default('')

export const signUpForm = z.object({
  email,
  password: newPassword,
  ageConfirmed: field(z.literal('yes', { error: say('form.ageNotConfirmed') })),
})

export const signInForm = z.object({
  email,
  password: currentPassword,
  next: z.string().max(500).optional(),
})

export const passwordConfirmForm = z.object({ password: currentPassword })

export const emailOnlyForm = z.object({ email })

export const linkTokenForm = z.object({ token: linkToken })

export const confirmSignUpForm = z.object({ token: linkToken, password: currentPassword })

export const resetPasswordForm = z.object({ token: linkToken, password: newPassword })

export const changePasswordForm = z.object({ currentPassword, newPassword })

export const changeEmailForm = z.object({ newEmail: email, password: currentPassword })

/** The language switch (views/components/language-switch.tsx): a locale, and the page to return to. */
export const languageForm = z.object({ locale: z.enum(LOCALES), next: z.string().max(500).optional() })

/** Where a person lands after signing in: the signed-in home page, where "Make a video" is. */
export const AFTER_SIGN_IN = '/'

/**
 * Where to go after sign-in: only a path on our own site, so ?next= can never send someone
 * elsewhere. Browsers drop tabs and newlines from a URL and read '\\' as '/', so '/\t/evil.example'
 * becomes '//evil.example'; a proxy or a later redirect may decode '%2F' and '%5C'. So a path must
 * have none of these, in clear or encoded (up to three times), must start with a single '/', and
 * must resolve against BASE_URL to BASE_URL's own origin.
 */
export function safeNextPath(next: string | undefined, base: URL): string {
  if (!next) return AFTER_SIGN_IN
  let text = next
  for (let round = 0; ; round++) {
    if (!/^\/(?![/\\])/.test(text) || /[\s\\\u0000-\u001f\u007f]/.test(text)) return AFTER_SIGN_IN
    let decoded: string
    try {
      decoded = decodeURIComponent(text)
    } catch {
      return AFTER_SIGN_IN // a lone '%': not a path we ever link to
    }
    if (decoded === text) break
    if (round === 3) return AFTER_SIGN_IN
    text = decoded
  }
  // '/..//evil.example' resolves to the path '//evil.example': harmless as sent, but not if it is
  // ever used again as a path, so it is refused too.
  const url = new URL(next, base)
  if (url.origin !== base.origin || url.pathname.startsWith('//')) return AFTER_SIGN_IN
  return next
}
