// The legal pages' words in English (docs/i18n.md). Keys begin with 'legal.'.
// The policy's and the terms' own text is in views/legal/ (one module per locale), not here.
export const enLegal = {
  // Atop a translated policy or terms page; <link> goes to the English text.
  'legal.englishGoverns':
    'This is a translation for your convenience. The <link>English text</link> governs; where the two differ, the English text applies.',
} as const
