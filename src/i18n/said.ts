import type { MessageKey } from './catalogs/index.js'
import { type MessageValues, type Translator, translator } from './translate.js'

/**
 * A message an error carries as a key and values, so each reader says it in its own language:
 * a page in the page's (`sayIn`), the API and logs in English (the error's `message`).
 */
export type Said = { key: MessageKey; values?: MessageValues }

/** The English words of a said message: what the error's `message` and the API's `detail` are. */
export function english(said: Said): string {
  return translator('en').t(said.key, said.values)
}

/** An error's words in a page's language: its said message when it has one, else its (English) message. */
export function sayIn(t: Pick<Translator, 't'>, err: { message: string; said?: Said | undefined }): string {
  return err.said ? t.t(err.said.key, err.said.values) : err.message
}
