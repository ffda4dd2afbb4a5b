// The account pages' words in English (docs/i18n.md). Keys begin with 'account.'.
export const enAccount = {} as const
