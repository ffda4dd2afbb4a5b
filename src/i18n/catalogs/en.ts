import { enAccount } from './areas/account.en.js'
import { enApi } from './areas/api.en.js'
import { enBrand } from './areas/brand.en.js'
import { enBriefs } from './areas/briefs.en.js'
import { enHttp } from './areas/http.en.js'
import { enLegal } from './areas/legal.en.js'
import { enMusic } from './areas/music.en.js'
import { enNextSteps } from './areas/nextsteps.en.js'
import { enPages } from './areas/pages.en.js'
import { enPhotos } from './areas/photos.en.js'
import { enVariants } from './areas/variants.en.js'
import { enVideos } from './areas/videos.en.js'
// The English catalog: the product's own words, and the list of keys every other catalog must
// have (MessageKey). ICU MessageFormat: {name} is a value, {n, plural, …} counts, <tag>…</tag>
// wraps words in a link or emphasis. One whole sentence per key: never build one from pieces.
// How to add a string: docs/i18n.md.

export const en = {
  ...enAccount,
  ...enBriefs,
  ...enVideos,
  ...enNextSteps,
  ...enPages,
  ...enMusic,
  ...enLegal,
  ...enBrand,
  ...enApi,
  ...enHttp,
  ...enVariants,
  ...enPhotos,
  // The page chrome (views/layout.tsx)
  'layout.skipLink': 'Skip to content',
  'layout.simulated': 'Simulated renders',
  'layout.simulatedTitle':
    'No LibTV keys are configured: videos are rendered by the built-in simulator from your photo.',
  'layout.siteNav': 'Site',
  'layout.breadcrumbs': 'Breadcrumb',
  'layout.briefs': 'Briefs',
  'layout.videos': 'Videos',
  'layout.account': 'Account',
  'layout.signOut': 'Sign out',
  'layout.signIn': 'Sign in',
  'layout.getStarted': 'Get started',
  'layout.aboutNav': 'About',
  'layout.privacy': 'Privacy',
  'layout.terms': 'Terms',
  'layout.languageNav': 'Language',

  // The privacy policy and terms (views/legal/): their titles
  'legal.privacyTitle': 'Privacy policy',
  'legal.termsTitle': 'Terms of service',

  // The landing page (views/pages/home.tsx)
  'home.eyebrow': 'Product videos, self-hosted',
  'home.title': 'From one product photo to a finished marketing video.',
  'home.lead':
    'Describe your product, upload a photo, and Lumina.AI writes a shot-by-shot screenplay, renders every shot with image-to-video AI, and stitches the clips into one video with captions and your call to action.',
  'home.makeVideo': 'Make a video',
  'home.createAccount': 'Create a free account',
  'home.signIn': 'Sign in',
  'home.step1.title': 'Write a brief',
  'home.step1.text':
    'Name, a paragraph about the product, its selling points, your audience and the tone you want: premium, playful, warm…',
  'home.step2.title': 'Review the screenplay',
  'home.step2.text':
    'A template engine on our own server turns the brief into shots with camera moves and captions. Edit, reorder or try another take.',
  'home.step3.title': 'Render and download',
  'home.step3.text':
    'Each shot is rendered from your photo, then stitched into one MP4 in 9:16, 16:9 or 1:1, ready for your store or socials.',
  'home.promise.title': 'Your data stays yours',
  'home.promise.screenplays': 'Screenplays are written on this server, with no AI model reading your brief.',
  'home.promise.videoService':
    "The video service receives only your product image and each shot's prompt, never your email or account.",
  'home.promise.cookie':
    'One sign-in cookie, no trackers, and you can export or delete everything from your account page.',
  'home.promise.readPolicy': 'Read the privacy policy',
  'home.deleted': 'Your account and everything in it have been deleted.',

  // Form fields shared by the account pages
  'field.email': 'Email',
  'field.password': 'Password',
  'field.newPassword': 'New password',
  'field.newPasswordHint': 'At least 10 characters. A passphrase of a few words works well.',

  // Validation messages (src/accounts/forms.ts writes these keys as zod's messages)
  'form.emailMissing': 'Enter your email address.',
  'form.emailTooLong': 'Email addresses are at most 254 characters.',
  'form.emailInvalid': 'Enter a valid email address, like name@example.com.',
  'form.newPasswordMissing': 'Choose a password.',
  'form.newPasswordTooShort': 'Use at least 10 characters.',
  'form.passwordTooLong': 'Passwords are at most 1024 characters.',
  'form.newPasswordCommon': 'This password is too common. Choose something less guessable.',
  'form.passwordMissing': 'Enter your password.',
  'form.ageNotConfirmed': 'Please confirm that you are 13 or older.',
  'form.tooManyAttempts':
    'Too many attempts. Please wait {minutes, plural, =1 {a minute} other {# minutes}} and try again.',

  // Sign-in (views/accounts/signin.tsx, src/accounts/routes.tsx)
  'signin.title': 'Sign in',
  'signin.heading': 'Welcome back',
  'signin.submit': 'Sign in',
  'signin.forgot': 'Forgot your password?',
  'signin.newHere': 'New to Lumina.AI? <link>Create an account</link>',
  'signin.badCredentials': 'That email and password do not match an account. Check both and try again.',
  'signin.locked':
    'Too many attempts. Please wait {minutes, plural, =1 {a minute} other {# minutes}} and try again. Forgot your password? A reset works even now.',
  'signin.signedOutEverywhere': 'You have been signed out on every browser.',
  'signin.emailChanged': 'Your email address was changed. Sign in with the new one.',
  'signin.unconfirmedTitle': 'Confirm your email first',
  'signin.unconfirmedText':
    "{email} is not confirmed yet, so the account cannot be used. We've mailed it a new confirmation link: open it and enter this password to finish signing up. An account not confirmed within 7 days of signing up is deleted, with everything uploaded to it.",

  // Sign-up (views/accounts/signup.tsx)
  'signup.title': 'Create your account',
  'signup.lead': 'Turn a product photo and a short brief into a marketing video in minutes.',
  'signup.agree':
    'I am 13 or older, and I agree to the <terms>terms</terms> and the <privacy>privacy policy</privacy>.',
  'signup.submit': 'Create account',
  'signup.haveAccount': 'Already have an account? <link>Sign in</link>',

  // The pages mailed links open, and "check your inbox" (views/accounts/email-pages.tsx)
  // The plan wall's way to more videos (views/components/more-videos.tsx)
  'plan.getMore': 'Get more videos',
  'plan.writeTo': 'Need more videos before then? Write to <link>{email}</link>.',
  'inbox.title': 'Check your inbox',
  'inbox.sent': 'We sent a mail to <b>{email}</b>. Click the link in it to finish.',
  'inbox.nothingYet':
    'Nothing after a few minutes? Look in the spam folder, check the address, or <again>start again</again>. Already confirmed? <signin>Sign in</signin>.',
  'inbox.devMail': 'No mail server is configured, so mail stays on this machine: <link>open the local mailbox</link>.',
  'inbox.resetSent':
    "If {email} belongs to an account, we've sent it a link to choose a new password. It works for 30 minutes.",
  'inbox.resetTitle': 'Look for the reset link',
  'inbox.resetNothingYet':
    'Nothing after a few minutes? Look in the spam folder, check the address, or <again>ask for a new link</again>. Remembered your password? <signin>Sign in</signin>.',
  'confirm.title': 'Confirm your email',
  'confirm.lead':
    'One last step: enter the password you chose when you signed up. We ask for it so that only the person who signed up can finish, even if someone else opens this mail.',
  'confirm.submit': 'Confirm and sign in',
  'confirm.wrongPassword':
    'That is not the password chosen when this link was asked for. If you signed up more than once, use the link in the newest mail you asked for, or sign up again.',
  'forgot.title': 'Reset your password',
  'forgot.lead': "Enter the email of your account and we'll mail you a link to choose a new password.",
  'forgot.submit': 'Mail me a link',
  'forgot.remembered': 'Remembered it? <link>Sign in</link>',
  'reset.title': 'Choose a new password',
  'reset.lead': 'Every browser signed in to your account will be signed out.',
  'reset.submit': 'Save the new password',
  'link.signIn': 'Sign in',
  'link.resetPassword': 'Reset your password',
  'link.createAccount': 'Create an account',
  'link.expiredTitle': 'This link no longer works',
  'link.expired':
    'The link was already used, has expired, or was mistyped. Mailed links work once, for a limited time.',
  'link.expiredConfirm':
    'The link was already used, has expired, or was mistyped. Mailed links work once, for a limited time. Sign in to have a new confirmation link sent, or sign up again.',
  'link.expiredReset':
    'The link was already used, has expired, or was mistyped. Mailed links work once, for a limited time. Ask for a new reset link.',
  'link.expiredCancel':
    'The link was already used, has expired, or was mistyped. Mailed links work once, for a limited time. A change that was already made, called off or replaced by a newer one cannot be called off here: if your email changed without you, reset your password and write to us.',
  'emailChange.cancelTitle': 'Call off the email change',
  'emailChange.cancelText': "Your account's email stays as it is and the link mailed to {email} stops working.",
  'emailChange.cancelButton': 'Call off the change',
  'emailChange.canceledTitle': 'The change is called off',
  'emailChange.canceledText':
    'Your email was not changed, and the link mailed to {email} no longer works. If you did not ask for the change, reset your password now: whoever asked knows it.',
  'emailChange.confirmTitle': 'Confirm your new email',
  'emailChange.confirmText': "Your account's email becomes {email}. We'll tell the old address.",
  'emailChange.confirmButton': 'Use this address',
  'emailChange.takenTitle': 'That address is taken',
  'emailChange.takenText': 'Another account has started using that address since you asked, so nothing was changed.',

  // Error pages (views/pages/error.tsx, src/http/errors.tsx)
  'error.eyebrow': 'Error {status}',
  'error.backHome': 'Back to the home page',
  'error.reference': 'Reference: {id}',
  'error.notFoundTitle': 'Page not found',
  'error.notFound': 'There is nothing at this address. It may have moved, or the link may be mistyped.',
  'error.crossSiteTitle': 'Request refused',
  'error.crossSite':
    'This form was sent from another site, so we did not act on it. Go back, reload the page and try again.',
  'error.tooLargeTitle': 'Too large',
  'error.tooLarge': 'What you sent is larger than we accept.',
  'error.slowTitle': 'Connection too slow',
  'error.badRequestTitle': 'Bad request',
  'error.badRequest': 'We could not read that request.',
  'error.mediaTypeTitle': 'Unsupported media type',
  'error.mediaType': 'This body has a content type this address does not take.',
  'error.badJsonTitle': 'Malformed JSON',
  'error.badJson': 'The request body is not valid JSON.',
  'error.unsupportedFormTitle': 'Unsupported form',
  'error.unsupportedForm': 'This form must be sent as a web form.',
  'error.unreadableFormTitle': 'Unreadable form',
  'error.notUtf8': 'The form contained characters that are not valid UTF-8.',
  'error.internalTitle': 'Something went wrong',
  'error.internal': 'An unexpected error stopped this request. Nothing you saved was lost; please try again.',

  // Mail (src/mail/compose.ts, src/accounts/notices.ts). {product} is the operator's name for the service.
  'mail.subject': '{subject} — {product}',
  'mail.actionText': '{label}:\n{link}',
  'mail.pasteLink': 'Or paste this address into your browser:',
  'mail.footer': '{product} · {host} · Questions: {contact}',
  'mail.notYou': "If this wasn't you, reset your password now and write to {contact}.",
  'mail.resetMyPassword': 'Reset my password',
  'mail.openAccount': 'Open your account',
  'mail.confirmSignUp.subject': 'Confirm your email',
  'mail.confirmSignUp.body': 'Welcome to {product}. Confirm this address to finish creating your account.',
  'mail.confirmSignUp.action': 'Confirm my email',
  'mail.confirmSignUp.after':
    'The link works for 48 hours, once. If you did not sign up, ignore this mail: an account that is not confirmed can do nothing and is deleted 7 days after sign-up.',
  'mail.signUpAttempt.subject': 'Someone tried to sign up with your email',
  'mail.signUpAttempt.body':
    'Someone tried to create a new {product} account with this address, which already has one. Nothing was changed.',
  'mail.signUpAttempt.hint': 'If it was you, sign in instead. Forgot your password? Reset it from the sign-in page.',
  'mail.signUpAttempt.action': 'Sign in',
  'mail.signUpAttempt.after': 'Reset your password: {link}',
  'mail.resetPassword.subject': 'Reset your password',
  'mail.resetPassword.body': 'Someone asked to reset the password of your account. If it was you, choose a new one:',
  'mail.resetPassword.action': 'Choose a new password',
  'mail.resetPassword.after':
    'The link works for 30 minutes, once. If you did not ask, ignore this mail: your password stays as it is.',
  'mail.passwordReset.subject': 'Your password was reset',
  'mail.passwordReset.body':
    'The password of your account was reset with a link we mailed you. Every browser was signed out, the API key was replaced (the new one is on your account page) and the webhook was removed: set it again if you use one.',
  'mail.passwordChanged.subject': 'Your password was changed',
  'mail.passwordChanged.body':
    'The password of your account was changed from the account page. Every other browser was signed out, and an email change waiting for its link was called off.',
  'mail.apiKeyRotated.subject': 'Your API key was replaced',
  'mail.apiKeyRotated.body':
    'A new API key ({prefix}…) was made for your account and the old one stopped working. Programs that used the old key need the new one.',
  'mail.webhookCreated.subject': 'A webhook was set up on your account',
  'mail.webhookCreated.body': 'Your account now sends video events to a webhook at {host}, signed with a new secret.',
  'mail.confirmNewEmail.subject': 'Confirm your new email',
  'mail.confirmNewEmail.body': 'Someone asked to make this the email address of a {product} account.',
  'mail.confirmNewEmail.action': 'Use this address',
  'mail.confirmNewEmail.after':
    'The link works for 24 hours, once. Until it is clicked nothing changes; if you did not ask, ignore it.',
  'mail.emailTaken.subject': 'Someone tried to move an account to your email',
  'mail.emailTaken.body':
    'Someone asked to move a {product} account to this address, which already has an account. Nothing was changed.',
  'mail.emailChangeRequested.subject': 'Someone asked to change your email',
  'mail.emailChangeRequested.body':
    'Someone signed in to your account asked to change its email to {email}. Nothing changes unless the link we mailed to that address is clicked within 24 hours.',
  'mail.emailChangeRequested.notYou':
    'If this wasn’t you, call the change off now, then reset your password: whoever asked knows it.',
  'mail.emailChangeRequested.action': 'Call off the change',
  'mail.emailChanged.subject': 'Your email was changed',
  'mail.emailChanged.body':
    'The email of your account was changed to {email}. Mail about the account goes there from now on.',
  'mail.emailChanged.notYou': "If this wasn't you, write to {contact} at once.",
  'mail.signInLocked.subject': 'Sign-in paused after many failed tries',
  'mail.signInLocked.body':
    'There were many failed sign-ins to your account, so sign-in with a password is paused for up to {minutes, plural, one {# minute} other {# minutes}}.',
  'mail.signInLocked.hint':
    'If it was you and you forgot the password, reset it: a reset works even now. If it wasn’t you, your account is safe as long as your password is strong; resetting it makes sure.',
  'mail.accountDeleted.subject': 'Your account was deleted',
  'mail.accountDeleted.body':
    'Your {product} account and everything in it were deleted: your email, password, API key, usage records, briefs, photos and videos. Backups that still hold them are gone within 30 days.',
  'mail.accountDeleted.last':
    'This is the last mail we send to this address. If you did not delete it, write to {contact}.',
  'mail.policyChange.action': 'Read the privacy policy',
} as const

/** Every message key: the English catalog defines them, the others must match it exactly. */
export type MessageKey = keyof typeof en
