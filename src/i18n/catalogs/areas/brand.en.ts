// The brand kit's words in English (docs/i18n.md): the /brand page, its logo gate, its links.
// Keys begin with 'brand.'.
export const enBrand = {
  'brand.title': 'Brand kit',
  'brand.lead':
    'Your logo, colours, caption font and handle, used by every video you render from now on. A render already on its way keeps the kit it started with.',
  'brand.accountLink': 'Brand kit',
  'brand.briefLink': 'Set your brand colours, logo and font in your brand kit',

  'brand.logo.heading': 'Logo',
  'brand.logo.help':
    'PNG, JPEG or WebP, at most 2 MB. A transparent background is kept; camera data is removed. SVG is not accepted.',
  'brand.logo.file': 'Logo file',
  'brand.logo.upload': 'Upload logo',
  'brand.logo.remove': 'Remove logo',
  'brand.logo.none': 'No logo yet: the end card shows your product and words only.',
  'brand.logo.alt': 'Your logo',
  'brand.logo.size': '{width} × {height} pixels',
  'brand.logo.choose': 'Choose a logo file to upload.',
  'brand.logo.empty': 'That file is empty. Choose your logo’s PNG, JPEG or WebP file.',
  'brand.logo.tooLarge': 'That file is {megabytes} MB; a logo may be at most 2 MB. Save it smaller and try again.',
  'brand.logo.tooLargeToSend':
    'That file is larger than 2 MB; a logo may be at most 2 MB. Save it smaller and try again.',
  'brand.logo.svg':
    'SVG logos are not accepted: an SVG can carry scripts and links. Export your logo as a PNG (with a transparent background) and upload that.',
  'brand.logo.notImage': 'That is not a PNG, JPEG or WebP picture. Upload your logo in one of those formats.',
  'brand.logo.unreadable': 'That picture could not be read. Save it again as a PNG and upload that.',
  'brand.logo.animated': 'Animated pictures cannot be a logo. Upload a still PNG, JPEG or WebP.',
  'brand.logo.tooSmall': 'That logo is too small: each side needs at least {min} pixels.',
  'brand.logo.damaged': 'That picture seems damaged. Save it again and upload the new file.',

  'brand.colours.heading': 'Colours',
  'brand.primary': 'Primary colour',
  'brand.primaryHelp': 'The end card’s button and background tint, and a tint of the caption box.',
  'brand.noPrimary': 'No primary colour',
  'brand.accent': 'Accent colour',
  'brand.accentHelp':
    'The key word of each caption and the handle on the end card (made darker or lighter where it would not read).',
  'brand.noAccent': 'No accent colour',
  'brand.overrideNote': 'A brief’s own brand colour, when it has one, takes the place of these in its videos.',

  'brand.font.heading': 'Caption font',
  'brand.font.sans': 'Noto Sans CJK: clean and modern',
  'brand.font.serif': 'Noto Serif CJK: classic, with serifs',
  'brand.font.inter': 'Inter: crisp and neutral (Chinese in Noto Sans CJK)',
  'brand.font.leagueSpartan': 'League Spartan: bold and geometric (Chinese in Noto Sans CJK)',
  // The preview drawn in each face beside its name: a caption, so Latin and digits show the face.
  'brand.font.sample': 'Warm light, 12 hours',

  'brand.handle': 'Website or shop handle (optional)',
  'brand.handleHelp': 'Shown on the end card under your call to action, for example halolamp.example or @halolamp.',
  'brand.cornerLogo': 'Show a small logo in a corner of every shot',
  'brand.cornerLogoHelp':
    'Off unless you tick it. Where a platform allows no watermark (Taobao), the logo is shown only in the last 2 seconds.',
  'brand.save': 'Save brand kit',
  'brand.saved': 'Your brand kit is saved. Your next videos use it.',
  'brand.logoSaved': 'Your logo is uploaded.',
  'brand.logoRemoved': 'Your logo is removed.',
  'brand.invalid.colour': 'A colour must look like #1A2B3C',
  'brand.invalid.handle': 'The handle can be at most 60 characters, on one line.',
  'brand.invalid.font': 'Choose a caption font from the list.',
} as const
