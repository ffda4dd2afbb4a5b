import type { enApi } from './api.en.js'

// The api pages' words in Simplified Chinese: every key of enApi, and no other.
export const zhCNApi = {} satisfies Record<keyof typeof enApi, string>
