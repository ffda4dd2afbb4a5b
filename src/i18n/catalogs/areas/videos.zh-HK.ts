import type { enVideos } from './videos.en.js'

// The videos pages' words in Traditional Chinese: every key of enVideos, and no other.
export const zhHKVideos = {} satisfies Record<keyof typeof enVideos, string>
