import { IntlMessageFormat } from 'intl-messageformat'
import { catalogs, type MessageKey } from './catalogs/index.js'
import { DEFAULT_LOCALE, isLocale, type Locale } from './locales.js'

/** Values a message's placeholders take: `{name}`, `{count, plural, …}`. */
export type MessageValues = Record<string, string | number>

/**
 * Values for a message with tags (`<link>terms</link>`): each tag is a function of what it wraps,
 * so a sentence with a link in it stays one sentence in every language, however its words move.
 */
export type RichValues<T> = Record<string, string | number | ((chunks: (string | T)[]) => T)>

export type Translator = {
  locale: Locale
  /** The message in this locale, its placeholders filled in. */
  t(key: MessageKey, values?: MessageValues): string
  /** A message with tags, as a list of text and whatever the tag functions return (JSX in views). */
  rich<T>(key: MessageKey, values: RichValues<T>): (string | T)[]
}

const compiled = new Map<string, IntlMessageFormat>()

function format(locale: Locale, key: MessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`
  let message = compiled.get(id)
  if (!message) {
    message = new IntlMessageFormat(catalogs[locale][key], locale)
    compiled.set(id, message)
  }
  return message
}

const translators = new Map<Locale, Translator>()

/** The translator for a locale: one per locale, kept, since messages compile once. */
export function translator(locale: Locale): Translator {
  let found = translators.get(locale)
  if (!found) {
    found = {
      locale,
      t: (key, values) => String(format(locale, key).format(values)),
      rich: <T>(key: MessageKey, values: RichValues<T>) => {
        const out = format(locale, key).format<T>(values)
        return Array.isArray(out) ? out : [out]
      },
    }
    translators.set(locale, found)
  }
  return found
}

/** A stored locale (an account's), or English when there is none or it is one we no longer speak. */
export function translatorFor(locale: string | null | undefined): Translator {
  return translator(isLocale(locale) ? locale : DEFAULT_LOCALE)
}

/** Whether a string is a message key: a validation message written as a key is translated on its way to the page. */
export function isMessageKey(text: string): text is MessageKey {
  return Object.hasOwn(catalogs[DEFAULT_LOCALE], text)
}
