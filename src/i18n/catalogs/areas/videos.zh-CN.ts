import type { enVideos } from './videos.en.js'

// The videos pages' words in Simplified Chinese: every key of enVideos, and no other.
export const zhCNVideos = {} satisfies Record<keyof typeof enVideos, string>
