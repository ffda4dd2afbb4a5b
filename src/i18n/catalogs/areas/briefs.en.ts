// The briefs pages' words in English (docs/i18n.md). Keys begin with 'briefs.'.
export const enBriefs = {
  // The list of briefs (views/briefs/list.tsx)
  'briefs.list.title': 'My briefs',
  'briefs.list.count': '{count, plural, =1 {1 brief} other {# briefs}}, most recently changed first',
  'briefs.list.new': 'New brief',
  'briefs.list.pastEndHeading': 'No briefs on this page',
  'briefs.list.pastEndText': 'This page is past the end of your briefs.',
  'briefs.list.firstPage': 'Back to the first page',
  'briefs.list.emptyHeading': 'No briefs yet',
  'briefs.list.emptyText': 'Start with a product photo and a few lines about what makes it special.',
  'briefs.list.writeFirst': 'Write your first brief',
  'briefs.list.noPhoto': 'No photo',
  'briefs.list.meta': '{aspectRatio} · {seconds} s · updated {date}',
  'briefs.list.screenplay': 'Screenplay',
  'briefs.list.editBrief': 'Edit brief',
  'briefs.list.pages': 'Pages',
  'briefs.list.newer': '← Newer',
  'briefs.list.older': 'Older →',
  'briefs.list.pageOf': 'Page {page} of {pages}',
  'briefs.list.deleted': 'The brief was deleted.',

  // The brief form (views/briefs/brief-form.tsx)
  'briefs.form.titleNew': 'New brief',
  'briefs.form.titleEdit': 'Edit brief',
  'briefs.form.headingNew': 'Describe your product',
  'briefs.form.headingEdit': 'Edit the brief',
  'briefs.form.fixFields': 'Please fix the highlighted fields below.',
  'briefs.form.unreadable':
    'The form could not be read. A field was sent more than once or in the wrong form: check the fields and send it again.',
  'briefs.form.productHeading': 'The product',
  'briefs.form.productName': 'Product name',
  'briefs.form.description': 'Description',
  'briefs.form.descriptionHint': 'One paragraph: what it is and why people love it.',
  'briefs.form.sellingPoints': 'Key selling points (1 to {max})',
  'briefs.form.sellingPoint': 'Selling point {n}',
  'briefs.form.sellingPointExample': 'e.g. 30-hour battery life',
  'briefs.form.audience': 'Target audience',
  'briefs.form.audienceHint': 'Who is it for? e.g. busy parents, trail runners',
  'briefs.form.photoHeading': 'The photo',
  'briefs.form.photoLabel': 'Product photo',
  'briefs.form.photoHint': 'We re-encode it and strip its metadata (including GPS).',
  'briefs.form.photoChecking': 'Checking the photo…',
  'briefs.form.videoHeading': 'The video',
  'briefs.form.template': 'Style',
  'briefs.form.tone': 'Tone',
  'briefs.form.aspectRatio': 'Format',
  'briefs.form.length': 'Length',
  'briefs.form.language': 'On-screen text',
  'briefs.form.callToAction': 'Call to action',
  'briefs.form.callToActionHint': 'The last words on screen, e.g. Shop now at example.com',
  'briefs.form.brandColor': 'Brand colour (optional)',
  'briefs.form.brandColorHint': 'Hex, like #6A4CFF',
  'briefs.form.submitNew': 'Write my screenplay',
  'briefs.form.submitEdit': 'Save brief',
  'briefs.form.cancel': 'Cancel',
  'briefs.form.deleteSummary': 'Delete this brief',
  'briefs.form.photoMissing': 'Add a photo of the product.',
  'briefs.form.photoGone': 'That photo is no longer available. Please choose it again.',

  // Deleting a brief: the dialog, and the page asking without JavaScript
  'briefs.delete.question': 'Delete this brief and its videos?',
  'briefs.delete.consequence':
    "This deletes the brief, its saved screenplays, its videos and their files, and the photo unless another brief uses it. It cannot be undone, and videos already made still count in this month's usage.",
  'briefs.delete.go': 'Delete brief',
  'briefs.delete.keep': 'Keep the brief',

  // The choices of the brief form (labels only: the values sent stay as they are)
  'briefs.tone.premium': 'Premium',
  'briefs.tone.playful': 'Playful',
  'briefs.tone.energetic': 'Energetic',
  'briefs.tone.minimal': 'Minimal',
  'briefs.tone.warm': 'Warm',
  'briefs.template.heroReveal': 'Hero reveal',
  'briefs.template.beforeAfter': 'Before / after',
  'briefs.template.featureTour': 'Feature tour',
  'briefs.template.lifestyle': 'Lifestyle',
  'briefs.template.unboxing': 'Unboxing',
  'briefs.aspect.vertical': 'Vertical 9:16 (Reels, TikTok, Shorts)',
  'briefs.aspect.wide': 'Widescreen 16:9 (YouTube, websites)',
  'briefs.aspect.square': 'Square 1:1 (feeds)',
  'briefs.length.seconds': '{seconds} seconds',
  'briefs.language.en': 'English',
  'briefs.language.zhCN': 'Simplified Chinese (简体中文)',

  // The brief's validation messages on the pages (the API keeps briefSchema's English)
  'briefs.invalid.productNameMissing': 'Product name is required',
  'briefs.invalid.productNameTooLong': 'Product name must be at most {max} characters',
  'briefs.invalid.descriptionMissing': 'Description is required',
  'briefs.invalid.descriptionTooLong': 'Description must be at most {max} characters',
  'briefs.invalid.descriptionParagraphs': 'Keep the description to one paragraph',
  'briefs.invalid.sellingPointsMissing': 'Add at least one selling point',
  'briefs.invalid.sellingPointsTooMany': 'Add at most {max} selling points',
  'briefs.invalid.sellingPointTooLong': 'Each selling point must be at most {max} characters',
  'briefs.invalid.audienceMissing': 'Audience is required',
  'briefs.invalid.audienceTooLong': 'Audience must be at most {max} characters',
  'briefs.invalid.callToActionMissing': 'Call to action is required',
  'briefs.invalid.callToActionTooLong': 'Call to action must be at most {max} characters',
  'briefs.invalid.tone': 'Choose a tone from the list',
  'briefs.invalid.template': 'Choose a template from the list',
  'briefs.invalid.aspectRatio': 'Choose 9:16, 16:9 or 1:1',
  'briefs.invalid.length': 'Length must be one of {choices} seconds',
  'briefs.invalid.language': 'Choose English or Simplified Chinese',
  'briefs.invalid.brandColor': 'Brand colour must look like #1A2B3C',

  // The photo box (views/briefs/photo.tsx) and why a photo was refused
  'briefs.photo.alt': 'Preview of your product',
  'briefs.photo.ready': '{width}×{height} px · metadata removed · ready',
  'briefs.photo.none': 'No photo yet. JPEG, PNG or WebP, up to 15 MB, each side at least 300 px.',
  'briefs.photo.choose': 'Choose a photo to upload.',
  'briefs.photo.tooLargeToSend': 'This file is larger than we accept. Photos can be at most 15 MB.',
  'briefs.photo.stalled':
    'Your connection stopped sending, so we stopped waiting for it. Check your connection and try again.',
  'briefs.photo.emptyFile': 'The file is empty. Choose a JPEG, PNG or WebP photo.',
  'briefs.photo.tooLarge': 'The file is {megabytes, number, ::.0} MB; photos can be at most 15 MB.',
  'briefs.photo.notImage':
    'This file is not a JPEG, PNG or WebP image. Other formats (SVG, GIF, HEIC…) are not accepted.',
  'briefs.photo.unreadable': 'This image could not be read. It may be damaged.',
  'briefs.photo.tooManyPixels': 'The image is {width}×{height} pixels; photos can have at most 40 megapixels.',
  'briefs.photo.animated': 'Animated images are not accepted. Choose a still photo.',
  'briefs.photo.tooSmall': 'The image is {width}×{height} pixels; each side must be at least {min} pixels.',
  'briefs.photo.tooNarrow': 'The image is too long and narrow. Use a photo between 1:2.5 and 2.5:1.',
  'briefs.photo.damaged': 'This image is damaged or incomplete. Export it again and retry.',
  'briefs.photo.busy':
    'We are checking many photos right now. Please choose yours again in {seconds, plural, =1 {1 second} other {# seconds}}.',
  'briefs.photo.tooMany':
    'You have uploaded many photos in the last hour. Please wait {minutes, plural, =1 {a minute} other {# minutes}} before adding another.',

  // A plan's storage caps (src/accounts/storage-caps.ts) and the full disk (src/http/disk.ts), as pages say them
  'briefs.cap.images':
    'Your {plan, select, free {Free} creator {Creator} studio {Studio} other {current}} plan keeps up to {cap} photos, and you have {used}. Delete a brief you no longer need (its photo goes with it) and try again. Photos you uploaded but did not save with a brief are removed after a day.',
  'briefs.cap.imageBytes':
    'Your {plan, select, free {Free} creator {Creator} studio {Studio} other {current}} plan keeps up to {capMegabytes} MB of photos; yours take {usedMegabytes} MB. Delete a brief you no longer need (its photo goes with it) and try again. Photos you uploaded but did not save with a brief are removed after a day.',
  'briefs.cap.imageBytesWithPhoto':
    'Your {plan, select, free {Free} creator {Creator} studio {Studio} other {current}} plan keeps up to {capMegabytes} MB of photos; yours take {usedMegabytes} MB, and this photo needs {photoMegabytes} MB. Delete a brief you no longer need (its photo goes with it) and try again. Photos you uploaded but did not save with a brief are removed after a day.',
  'briefs.cap.briefs':
    'Your {plan, select, free {Free} creator {Creator} studio {Studio} other {current}} plan keeps up to {cap} briefs, and you have {used}. Delete a brief you no longer need, then save this one.',
  'briefs.cap.versions':
    'This brief has {used} saved versions, the most your {plan, select, free {Free} creator {Creator} studio {Studio} other {current}} plan keeps for one brief. Delete a saved version you no longer need (one no video was made from), then save again.',
  'briefs.cap.videos':
    'Your {plan, select, free {Free} creator {Creator} studio {Studio} other {current}} plan keeps up to {cap} videos, and you have {used} (renders in progress count). Delete a brief whose videos you no longer need (its videos go with it), then render again.',
  'briefs.refusal.storageFullTitle': 'Storage limit reached',
  'briefs.refusal.diskFullTitle': 'Server storage is full',
  'briefs.disk.low':
    'The server is running out of disk space, so new photos and renders are paused until we free some. Everything you have saved is safe; please try again later.',
} as const
