import type { Locale } from '../locales.js'
import { en, type MessageKey } from './en.js'
import { zhCN } from './zh-CN.js'
import { zhHK } from './zh-HK.js'

export type { MessageKey }

/** Every catalog has every key of the English one (each says `satisfies Record<MessageKey, string>`). */
export const catalogs: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = {
  en,
  'zh-CN': zhCN,
  'zh-HK': zhHK,
}
