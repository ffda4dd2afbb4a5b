import type { enLegal } from './legal.en.js'

// The legal pages' words in Traditional Chinese: every key of enLegal, and no other.
export const zhHKLegal = {} satisfies Record<keyof typeof enLegal, string>
