import type { enBriefs } from './briefs.en.js'

// The briefs pages' words in Traditional Chinese: every key of enBriefs, and no other.
export const zhHKBriefs = {} satisfies Record<keyof typeof enBriefs, string>
