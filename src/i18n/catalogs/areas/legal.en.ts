// The legal pages' words in English (docs/i18n.md). Keys begin with 'legal.'.
export const enLegal = {} as const
