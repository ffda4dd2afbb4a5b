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
  'api.problem.photosBusy':
    '{count, plural, =1 {We are checking many photos right now. Please choose yours again in 1 second.} other {We are checking many photos right now. Please choose yours again in {seconds} seconds.}}',
  'api.problem.photosTooMany':
    '{minutes, plural, =0 {You have uploaded many photos in the last hour. Please wait a minute before adding another.} =1 {You have uploaded many photos in the last hour. Please wait a minute before adding another.} other {You have uploaded many photos in the last hour. Please wait # minutes before adding another.}}',
  // Per-field messages in a problem's `errors` (the route's own; zod's stay English for now).
  'api.problem.noTemplate': 'There is no template with this id.',
  'api.problem.unknownCursor': 'This cursor is not one we gave out.',
  'api.problem.screenplayOrPhoto': `Send '{' "screenplayId": … '}' or a photo and a brief.`,
  'api.problem.monthFormat': 'Use the form YYYY-MM, e.g. 2026-12.',
  'api.problem.idempotencyKeyField': 'Use 1 to 255 visible ASCII characters.',
  'api.problem.idempotencyKeyNew': 'Use a new key for a different request.',
  'api.problem.briefNotJson': 'The field "brief" is not valid JSON.',
  'api.problem.noSuchImageUpload': 'There is no image with this id. Upload it with POST /images first.',
  // zod's own per-field messages, said by the rule that failed (src/api/field-errors.ts). English
  // keeps zod's words exactly as before; these are what the other languages say.
  'api.field.required': 'This field is required.',
  'api.field.type': 'Expected a value of type {expected}.',
  'api.field.tooBig':
    '{origin, select, string {At most {maximum} characters.} array {At most {maximum} items.} other {At most {maximum}.}}',
  'api.field.tooSmall':
    '{origin, select, string {At least {minimum} characters.} array {At least {minimum} items.} other {At least {minimum}.}}',
  'api.field.format': 'Not a valid {format}.',
  'api.field.choice': 'Use one of: {values}.',
  'api.field.unknownKeys': 'Fields not taken here: {keys}.',
  'api.field.invalid': 'This value is not valid.',
  // A schema's own message written as a key: English exactly as it was.
  'api.field.imageMissing': 'Send the photo as the multipart field "image".',
  'api.field.briefMissing': 'Send the brief as JSON text in the multipart field "brief".',
  // A refused webhook address (src/webhooks/address-guard.ts), as the field's message and detail.
  'api.webhook.notUrl': 'This is not a URL.',
  'api.webhook.httpsOnly': 'Webhook URLs must use https.',
  'api.webhook.httpOrHttps': 'Use an http or https URL.',
  'api.webhook.credentials': 'Webhook URLs may not carry a user name or password.',
  'api.webhook.address': 'This address is not one we call: use a public host name or address.',
  'api.webhook.resolves': 'The webhook host resolves to an address we do not call.',
  // The /docs/api page (views/docs/api.tsx). Code samples, paths, headers and field names stay as
  // they are; the operations' own words come from the OpenAPI document, which stays English.
  'api.docs.title': 'API reference',
  'api.docs.lead':
    'Everything a page can do, a program can do with your API key. The machine-readable description is <link>/api/v1/openapi.json</link> (OpenAPI 3.1).',
  'api.docs.onThisPage': 'On this page',
  'api.docs.navQuickStart': 'Quick start',
  'api.docs.navConventions': 'Conventions',
  'api.docs.navWebhooks': 'Verifying webhooks',
  'api.docs.navProblems': 'Problem types',
  'api.docs.quickStartHeading': 'Quick start: a video from a photo in two commands',
  'api.docs.quickStartBrief': 'Save your brief as <code>brief.json</code> beside <code>product.jpg</code>:',
  'api.docs.conventionsHeading': 'Conventions',
  'api.docs.conventionAuth':
    "Authenticate every call with <code>Authorization: Bearer lum_…</code>. No key, a malformed or a revoked key is a 401; someone else's id is a 404, exactly like an id that does not exist.",
  'api.docs.conventionIds': `Ids are strings; times are ISO 8601 in UTC; field names are camelCase. Lists answer <code>'{ "data": [...], "nextCursor": "…" }'</code>: pass <code>?cursor=</code> for the next page (<code>nextCursor</code> is null on the last).`,
  'api.docs.conventionErrors':
    'Errors are <code>application/problem+json</code> with <code>type</code>, <code>title</code>, <code>status</code>, <code>detail</code> and <code>errors</code> (each with a <code>field</code> path).',
  'api.docs.conventionLanguage':
    "A problem's <code>detail</code> follows <code>Accept-Language</code> (English, Simplified or Traditional Chinese); its <code>type</code> and <code>title</code> are English identifiers your program can rely on.",
  'api.docs.conventionIdempotency':
    'Send <code>Idempotency-Key</code> on any POST: the same key and body within 24 hours returns the first answer as it was, in the first request’s language (with <code>Idempotent-Replayed: true</code>) and creates or charges nothing again; the same key with another body is a 422.',
  'api.docs.conventionRateLimits':
    'Every answer carries <code>RateLimit-Limit</code>, <code>RateLimit-Remaining</code> and <code>RateLimit-Reset</code> (seconds). A minute allows 300 reads, 60 writes and 10 uploads or renders per key; past that, a 429 with <code>Retry-After</code>.',
  'api.docs.fieldColumn': 'Field',
  'api.docs.typeColumn': 'Type',
  'api.docs.notesColumn': 'Notes',
  'api.docs.optional': '(optional)',
  'api.docs.body': 'Body: <code>{mediaType}</code>',
  'api.docs.answers': 'Answers:',
  'api.docs.webhooksHeading': 'Verifying webhooks',
  'api.docs.webhooksEvent':
    'Each event is a POST of <event></event> with <signature></signature>, signed with the secret <code>PUT /api/v1/webhook</code> showed you once. Answer 2xx within 10 seconds, the whole answer read; anything else, or a slower answer, is retried with backoff for 24 hours. In Node:',
  'api.docs.webhooksReplay':
    'A signature proves an event is ours and recent, not that it is new: whoever captures a request can send it again within those 5 minutes, and a retry sends the same event again. Keep the <code>id</code> of every event you have handled (at least a day: retries stop after 24 hours) and answer 2xx to one you have seen without acting on it again.',
  'api.docs.problemsHeading': 'Problem types',
  'api.docs.problem.malformed': 'The body is not valid JSON.',
  'api.docs.problem.unauthorized': 'No key, a malformed one or a revoked one.',
  'api.docs.problem.quotaExceeded':
    'Carries used, quota and resetsAt (when the month’s quota starts again). Nothing was started.',
  'api.docs.problem.storageFull': 'Carries kind, used and cap: delete photos, briefs, versions or videos to make room.',
  'api.docs.problem.forbidden': 'The account may not do this now.',
  'api.docs.problem.notFound': 'Nothing with this id, or not yours.',
  'api.docs.problem.conflict': 'E.g. deleting a photo a brief still uses.',
  'api.docs.problem.tooLarge': 'Photos up to 15 MB; JSON bodies up to 1 MB.',
  'api.docs.problem.unsupportedMediaType': 'Send JSON or multipart.',
  'api.docs.problem.validation': '`errors` names each field and what is wrong.',
  'api.docs.problem.idempotencyMismatch': 'The key was used with another request within 24 hours.',
  'api.docs.problem.rateLimited': 'Wait Retry-After seconds.',
  'api.docs.problem.serverError': 'Nothing you saved was lost; retry.',
  'api.docs.problem.insufficientStorage': 'Nothing was stored; retry later.',
  'api.docs.problem.unavailable': 'Retry after Retry-After seconds.',
} as const
