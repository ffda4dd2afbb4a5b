// The briefs pages' words in English (docs/i18n.md). Keys begin with 'briefs.'.
export const enBriefs = {} as const
