import type { enApi } from './api.en.js'

// The api pages' words in Traditional Chinese: every key of enApi, and no other.
export const zhHKApi = {} satisfies Record<keyof typeof enApi, string>
