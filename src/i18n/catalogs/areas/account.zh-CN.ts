import type { enAccount } from './account.en.js'

// The account pages' words in Simplified Chinese: every key of enAccount, and no other.
export const zhCNAccount = {} satisfies Record<keyof typeof enAccount, string>
