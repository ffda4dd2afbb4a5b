import type { enBriefs } from './briefs.en.js'

// The briefs pages' words in Simplified Chinese: every key of enBriefs, and no other.
export const zhCNBriefs = {} satisfies Record<keyof typeof enBriefs, string>
