// The api pages' words in English (docs/i18n.md). Keys begin with 'api.'.
export const enApi = {} as const
