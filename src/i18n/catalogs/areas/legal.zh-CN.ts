import type { enLegal } from './legal.en.js'

// The legal pages' words in Simplified Chinese: every key of enLegal, and no other.
export const zhCNLegal = {} satisfies Record<keyof typeof enLegal, string>
