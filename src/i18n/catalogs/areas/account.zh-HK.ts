import type { enAccount } from './account.en.js'

// The account pages' words in Traditional Chinese: every key of enAccount, and no other.
export const zhHKAccount = {} satisfies Record<keyof typeof enAccount, string>
