import type { enLegal } from './legal.en.js'

// The legal pages' words in Simplified Chinese: every key of enLegal, and no other.
export const zhCNLegal = {
  'legal.englishGoverns': '本页为中文译本，仅供参考；如与<link>英文版本</link>有任何不一致，概以英文版本为准。',
} satisfies Record<keyof typeof enLegal, string>
