import type { enLegal } from './legal.en.js'

// The legal pages' words in Traditional Chinese: every key of enLegal, and no other.
export const zhHKLegal = {
  'legal.englishGoverns': '本頁為中文譯本，僅供參考；如與<link>英文版本</link>有任何不一致，概以英文版本為準。',
} satisfies Record<keyof typeof enLegal, string>
