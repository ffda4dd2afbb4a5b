// The api pages' words in English (docs/i18n.md). Keys begin with 'api.'.
// api.problem.*: the `detail` of the API's problem answers (src/http/problem.ts), which follows
// Accept-Language; their `title` and `type` stay English identifiers and are not here. The English
// is exactly what the API said before it spoke other languages: programs and tests may match it.
export const enApi = {
  'api.problem.nothingWithId': 'There is nothing with this id.',
  'api.problem.invalidFields': 'Some fields are not valid.',
  'api.problem.noBrief': 'There is no brief with this id.',
  'api.problem.noScreenplay': 'There is no screenplay with this id.',
  'api.problem.noVideo': 'There is no video with this id.',
  'api.problem.noFinishedVideo': 'There is no finished video with this id.',
  'api.problem.noImage': 'There is no image with this id.',
  'api.problem.noResource': 'There is no resource with this id.',
  // '<key>' is quoted: ICU would read a bare <key> as a tag.
  'api.problem.sendKey': `Send your API key as "Authorization: Bearer '<key>'".`,
  'api.problem.badKey': 'This API key is not valid or has been revoked. Rotate it from your account page.',
  'api.problem.rateLimited': 'This key may make {limit} such calls a minute. Try again in {seconds} s.',
  'api.problem.idempotencyKeyFormat': 'Use 1 to 255 visible ASCII characters, e.g. a UUID.',
  'api.problem.idempotencyKeyReused': 'This key was used with another request within 24 hours.',
  'api.problem.idempotencyInProgress': 'The first request with this key has not finished. Retry shortly.',
  'api.problem.quotaUsed':
    'You have used {used} of your {quota} videos this month. Your quota resets at {resetsAt}. Nothing was started.',
  'api.problem.emailNotConfirmed':
    'Confirm your email address before rendering: click the link we mailed you, or send a new one from the account page.',
  'api.problem.alreadyFinished':
    '{status, select, done {This video has already succeeded.} failed {This video has already failed.} canceled {This video has already canceled.} other {This video has already {status}.}}',
  'api.problem.imageInUse': 'A brief still uses this photo. Give the brief another photo or delete it first.',
  'api.problem.noWebhookSetOne': 'No webhook is set. Set one with PUT /webhook.',
  'api.problem.noWebhook': 'No webhook is set.',
  'api.problem.bodyTooLarge': 'The request body is larger than 1 MB.',
  'api.problem.bodyStalled':
    'Your connection stopped sending, so we stopped waiting for it. Check your connection and try again.',
  'api.problem.photosBusy':
    '{count, plural, =1 {We are checking many photos right now. Please choose yours again in 1 second.} other {We are checking many photos right now. Please choose yours again in {seconds} seconds.}}',
  'api.problem.photosTooMany':
    '{minutes, plural, =0 {You have uploaded many photos in the last hour. Please wait a minute before adding another.} =1 {You have uploaded many photos in the last hour. Please wait a minute before adding another.} other {You have uploaded many photos in the last hour. Please wait # minutes before adding another.}}',
} as const
