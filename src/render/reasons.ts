import type { MessageKey } from '../i18n/catalogs/index.js'
import { catalogs } from '../i18n/catalogs/index.js'
import type { Translator } from '../i18n/translate.js'
import { MAX_PROMPT_CHARS } from '../libtv/api.js'
import { MAX_ATTEMPTS } from './outcomes.js'

// Why a video or a shot failed, in the page's language. The database keeps the English sentence
// the renderer wrote (the API returns it as it is), so the page recognises each sentence it knows
// and shows its translation; a sentence it does not know (a newer one) stays as stored.
//
// A stored reason code with its values would be the sturdier design (issue 21 notes); until the
// schema has a column for it, every sentence the code writes is listed here, and
// test/i18n/videos-pages.test.ts checks them against the sentences of src/libtv and src/render.

type Found = { key: MessageKey; values?: Record<string, string | number> }

/** Sentences that take no value: the English catalog's words are the ones stored. */
const FIXED: MessageKey[] = [
  'videos.reason.assemble',
  'videos.reason.checkFailed',
  'videos.reason.renderingAgain',
  'videos.reason.failedEarlier',
  'videos.reason.misconfigured',
  'videos.reason.serviceAccount',
  'videos.reason.busy',
  'videos.reason.invalidParameter',
  'videos.reason.planExpired',
  'videos.reason.imageFetch',
  'videos.reason.imageRefused',
  'videos.reason.imageDownload',
  'videos.reason.incomplete',
  'videos.reason.taskUnknown',
  'videos.reason.wordingRefused',
  'videos.reason.modelNotAllowed',
  'videos.reason.clipBlocked',
  'videos.reason.templateUnknown',
  'videos.reason.modelMissing',
  'videos.reason.refused',
  'videos.reason.notInTime',
  'videos.reason.providerGaveUp',
  'videos.reason.cancelled',
  'videos.reason.unexpected',
  'videos.reason.imageUrl',
  'videos.reason.duration',
  'videos.reason.clipExpired',
  'videos.reason.badFile',
  'videos.reason.badLink',
  'videos.reason.uploadFailed',
  'videos.reason.uploadImage',
]

const english = (key: MessageKey, values?: Record<string, string | number>) =>
  values
    ? Object.entries(values).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), catalogs.en[key])
    : catalogs.en[key]

/** The sentences with values the code always writes the same way, by their whole English text. */
const BY_TEXT = new Map<string, Found>([
  ...FIXED.map((key): [string, Found] => [english(key), { key }]),
  [
    english('videos.reason.gaveUp', { tries: MAX_ATTEMPTS }),
    { key: 'videos.reason.gaveUp', values: { tries: MAX_ATTEMPTS } },
  ],
  [
    english('videos.reason.promptLength', { max: MAX_PROMPT_CHARS }),
    { key: 'videos.reason.promptLength', values: { max: MAX_PROMPT_CHARS } },
  ],
])

const SHOT_FAILED = /^Shot (\d+) could not be rendered: ([\s\S]+)$/
const PROVIDER_SAID = /^The video service could not render this shot: ([\s\S]+)$/

/** A stored reason in the translator's language; one it does not recognise, as stored. */
export function translateReason(lang: Pick<Translator, 't'>, stored: string): string {
  const known = BY_TEXT.get(stored)
  if (known) return lang.t(known.key, known.values)
  const shot = SHOT_FAILED.exec(stored)
  if (shot) {
    return lang.t('videos.reason.shotFailed', {
      position: Number(shot[1]),
      reason: translateReason(lang, shot[2] ?? ''),
    })
  }
  // LibTV's own words (often Chinese already) are kept; only our sentence around them is translated.
  const said = PROVIDER_SAID.exec(stored)
  if (said) return lang.t('videos.reason.providerSaid', { message: said[1] ?? '' })
  return stored
}

/** The video and its shots with their reasons in the page's language, for the views. */
export function withTranslatedReasons<
  V extends { failureReason: string | null },
  S extends { failureReason: string | null },
>(lang: Pick<Translator, 't'>, found: { video: V; shots: S[] }): { video: V; shots: S[] } {
  const tr = (r: string | null) => (r === null ? null : translateReason(lang, r))
  return {
    video: { ...found.video, failureReason: tr(found.video.failureReason) },
    shots: found.shots.map((s) => ({ ...s, failureReason: tr(s.failureReason) })),
  }
}
