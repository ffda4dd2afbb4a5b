// The videos pages' words in English (docs/i18n.md). Keys begin with 'videos.'.
export const enVideos = {} as const
