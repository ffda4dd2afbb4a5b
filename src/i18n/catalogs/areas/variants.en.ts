// The variants' words in English (docs/i18n.md): "Make 3 variants" on the screenplay page, the
// compare page and "Keep this one". Keys begin with 'variants.'.
export const enVariants = {
  // The panel on the screenplay page (views/variants/panel.tsx)
  'variants.panel.heading': 'Make 3 variants',
  'variants.panel.lead':
    'Three videos written afresh from this brief (not from the edits above), each with its own template, tone and music, to watch side by side and keep the best.',
  'variants.panel.leadKeptMusic':
    'Three videos written afresh from this brief (not from the edits above), each with its own template and tone. All three keep the music the brief names: {music}.',
  'variants.panel.leadPartsOfMusic':
    'Three videos written afresh from this brief (not from the edits above), each with its own template and tone. All three play the music the brief names: {music}. Each plays another part of it (a recorded track from further in, a built-in track as another take).',
  'variants.panel.uses': 'Uses 3 of your {left} videos left this month.',
  'variants.panel.short':
    'Three variants need 3 videos, and you have {left, plural, =0 {none} =1 {1} other {#}} left this month. Your quota resets on {date}.',
  'variants.panel.button': 'Make 3 variants',

  // The compare page (views/variants/compare.tsx)
  'variants.compare.title': 'Variants of {product}',
  'variants.compare.lead':
    '{count, plural, =1 {One take} other {# takes}} on one brief. Watch them side by side, then keep the one you like: the others are deleted.',
  'variants.compare.keptLead': 'This is the variant you kept. Make new variants from its brief’s screenplay page.',
  'variants.compare.kept': 'Kept. The other variants and their files were deleted.',
  'variants.compare.variant': 'Variant {n}',
  'variants.compare.differs': 'Template: {template} · Tone: {tone} · Music: {music}',
  'variants.compare.differsFrom': 'Template: {template} · Tone: {tone} · Music: {music}, from {start}',
  'variants.compare.progress': '{status}: {percent}%',
  'variants.compare.progressLabel': 'Variant {n} progress',
  'variants.compare.download': 'Download variant {n}',
  'variants.compare.open': 'Video page',
  'variants.compare.keep': 'Keep this one',
  'variants.compare.fromVideo': 'Compare the variants',
  'variants.compare.backToBrief': 'Back to the screenplay',

  // "Keep this one" asks first (a dialog with JavaScript, a page without)
  'variants.keep.question': 'Keep this variant and delete the others?',
  'variants.keep.consequence':
    'The other variants of this set are deleted with their files. One still rendering is canceled; if the video service has started it, it still counts against your month.',
  'variants.keep.go': 'Keep this one, delete the others',
  'variants.keep.stay': 'Go back',

  // Refusals, on the page and in the API's problem detail
  'variants.quota.short':
    'Making {needed} variants uses {needed} videos, and you have {left} left this month ({used} of {quota} used). Your quota resets on {date} (UTC). Nothing was started.',
  'variants.api.quotaShort':
    'Making {needed} variants uses {needed} videos, and {left} are left this month ({used} of {quota} used). The quota resets at {resetsAt}. Nothing was started.',
  'variants.music.own': 'your own track',
  'variants.music.library': 'a track from the library',
} as const
