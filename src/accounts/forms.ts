import { z } from 'zod'
import { commonPasswords } from './common-passwords.js'

// A missing field reads as empty, so it gets the same friendly message as a blank one.
const field = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === undefined ? '' : v), schema)

const email = field(
  z
    .string({ error: 'Enter your email address.' })
    .trim()
    .toLowerCase()
    .min(1, 'Enter your email address.')
    .max(254, 'Email addresses are at most 254 characters.')
    .pipe(z.email('Enter a valid email address, like name@example.com.')),
)

export const signUpForm = z.object({
  email,
  password: field(
    z
      .string({ error: 'Choose a password.' })
      .min(1, 'Choose a password.')
      .min(10, 'Use at least 10 characters.')
      .max(1024, 'Passwords are at most 1024 characters.')
      .refine(
        (pw) => !commonPasswords.has(pw.toLowerCase()),
        'This password is too common. Choose something less guessable.',
      ),
  ),
  ageConfirmed: field(z.literal('yes', { error: 'Please confirm that you are 13 or older.' })),
})

export const signInForm = z.object({
  email,
  password: field(
    z
      .string({ error: 'Enter your password.' })
      .min(1, 'Enter your password.')
      .max(1024, 'Passwords are at most 1024 characters.'),
  ),
  next: z.string().max(500).optional(),
})

export const passwordConfirmForm = z.object({
  password: field(
    z
      .string({ error: 'Enter your password.' })
      .min(1, 'Enter your password.')
      .max(1024, 'Passwords are at most 1024 characters.'),
  ),
})

/** Only same-site paths, so ?next= can never send someone to another site after sign-in. */
export function safeNextPath(next: string | undefined): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/account'
  return next
}
