import type { MessageKey } from '../i18n/catalogs/index.js'
import { catalogs } from '../i18n/catalogs/index.js'
import type { Translator } from '../i18n/translate.js'
import { MAX_PROMPT_CHARS } from '../libtv/api.js'
import { MAX_ATTEMPTS } from './outcomes.js'

// Why a video or a shot failed, in the page's language. A failure is stored three ways: the English
// sentence (failure_reason, what the API's failureReason has always been), a stable code
// (failure_code, the API's failureCode) and the code's values (failure_values, JSON). The page
// says the code in its language. Rows written before the codes have only the sentence: the page
// recognises each sentence it knows, and one it does not know (a newer one) stays as stored.
//
// Where a failure is recorded, `failureColumns` finds the code of the sentence the renderer wrote;
// test/i18n/videos-pages.test.ts checks every sentence of src/libtv and src/render has one.

/** Each code and the message that says it. A code is an identifier programs may rely on: never rename one. */
const CODES = {
  shot_failed: 'videos.reason.shotFailed',
  gave_up: 'videos.reason.gaveUp',
  assemble: 'videos.reason.assemble',
  check_failed: 'videos.reason.checkFailed',
  rendering_again: 'videos.reason.renderingAgain',
  failed_earlier: 'videos.reason.failedEarlier',
  provider_said: 'videos.reason.providerSaid',
  misconfigured: 'videos.reason.misconfigured',
  service_account: 'videos.reason.serviceAccount',
  busy: 'videos.reason.busy',
  invalid_parameter: 'videos.reason.invalidParameter',
  plan_expired: 'videos.reason.planExpired',
  image_fetch: 'videos.reason.imageFetch',
  image_refused: 'videos.reason.imageRefused',
  image_download: 'videos.reason.imageDownload',
  incomplete: 'videos.reason.incomplete',
  task_unknown: 'videos.reason.taskUnknown',
  wording_refused: 'videos.reason.wordingRefused',
  model_not_allowed: 'videos.reason.modelNotAllowed',
  clip_blocked: 'videos.reason.clipBlocked',
  template_unknown: 'videos.reason.templateUnknown',
  model_missing: 'videos.reason.modelMissing',
  refused: 'videos.reason.refused',
  not_in_time: 'videos.reason.notInTime',
  provider_gave_up: 'videos.reason.providerGaveUp',
  cancelled: 'videos.reason.cancelled',
  unexpected: 'videos.reason.unexpected',
  image_url: 'videos.reason.imageUrl',
  prompt_length: 'videos.reason.promptLength',
  duration: 'videos.reason.duration',
  clip_expired: 'videos.reason.clipExpired',
  bad_file: 'videos.reason.badFile',
  bad_link: 'videos.reason.badLink',
  upload_failed: 'videos.reason.uploadFailed',
  upload_image: 'videos.reason.uploadImage',
} as const satisfies Record<string, MessageKey>

export type FailureCode = keyof typeof CODES
/** Every failure code, for the API's schema. */
export const failureCodes = Object.keys(CODES) as [FailureCode, ...FailureCode[]]
/** A failure as a code and its values; a shot's failure inside a video's is a Failure itself. */
export type Failure = { code: FailureCode; values?: Record<string, string | number | Failure> }

const isCode = (code: unknown): code is FailureCode => typeof code === 'string' && Object.hasOwn(CODES, code)

// The codes whose sentence has no value of its own, and those with values the code always
// writes the same way: recognised by their whole English text.
const VALUED = new Set<FailureCode>(['shot_failed', 'provider_said', 'gave_up', 'prompt_length'])
const english = (key: MessageKey, values?: Record<string, string | number>) =>
  values
    ? Object.entries(values).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), catalogs.en[key])
    : catalogs.en[key]
// Built on first use: src/render/outcomes.ts, whose MAX_ATTEMPTS it reads, imports this module.
let byText: Map<string, Failure> | undefined
const sentences = () =>
  (byText ??= new Map<string, Failure>([
    ...(Object.keys(CODES) as FailureCode[])
      .filter((code) => !VALUED.has(code))
      .map((code): [string, Failure] => [english(CODES[code]), { code }]),
    [english(CODES.gave_up, { tries: MAX_ATTEMPTS }), { code: 'gave_up', values: { tries: MAX_ATTEMPTS } }],
    [
      english(CODES.prompt_length, { max: MAX_PROMPT_CHARS }),
      { code: 'prompt_length', values: { max: MAX_PROMPT_CHARS } },
    ],
  ]))

const SHOT_FAILED = /^Shot (\d+) could not be rendered: ([\s\S]+)$/
const PROVIDER_SAID = /^The video service could not render this shot: ([\s\S]+)$/

/** The code of a sentence the renderer writes; null for one it does not know. */
export function failureOf(sentence: string): Failure | null {
  const known = sentences().get(sentence)
  if (known) return known
  const shot = SHOT_FAILED.exec(sentence)
  if (shot) {
    const inner = failureOf(shot[2] ?? '')
    return inner ? { code: 'shot_failed', values: { position: Number(shot[1]), reason: inner } } : null
  }
  // LibTV's own words (often Chinese already) are kept; only our sentence around them is translated.
  const said = PROVIDER_SAID.exec(sentence)
  if (said) return { code: 'provider_said', values: { message: said[1] ?? '' } }
  return null
}

/** The columns a failure is recorded in: the English sentence, and its code and values when it has one. */
export function failureColumns(sentence: string): {
  failureReason: string
  failureCode: string | null
  failureValues: string | null
} {
  const failure = failureOf(sentence)
  return {
    failureReason: sentence,
    failureCode: failure?.code ?? null,
    failureValues: failure?.values ? JSON.stringify(failure.values) : null,
  }
}

/** No failure: what a shot rendered again or a canceled video records. */
export const NO_FAILURE = { failureReason: null, failureCode: null, failureValues: null } as const

function say(lang: Pick<Translator, 't'>, failure: Failure): string {
  const values: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(failure.values ?? {})) {
    values[name] = typeof value === 'object' ? say(lang, value) : value
  }
  return lang.t(CODES[failure.code], values)
}

/** Stored values as a Failure's, or undefined when they are not what a code's values look like. */
function storedValues(json: string | null): Failure['values'] | undefined {
  if (json === null) return undefined
  try {
    const parsed = JSON.parse(json) as unknown
    return parsed && typeof parsed === 'object' ? (parsed as Failure['values']) : undefined
  } catch {
    return undefined
  }
}

/** A row's code: the stored one, else the one of its sentence (a row written before the codes). */
export function failureCodeOf(row: Stored): FailureCode | null {
  if (isCode(row.failureCode)) return row.failureCode
  return row.failureReason === null ? null : (failureOf(row.failureReason)?.code ?? null)
}

/** A stored reason in the translator's language; one it does not recognise, as stored. */
export function translateReason(lang: Pick<Translator, 't'>, stored: string): string {
  const failure = failureOf(stored)
  return failure ? say(lang, failure) : stored
}

type Stored = { failureReason: string | null; failureCode?: string | null; failureValues?: string | null }

/** A row's failure in the page's language: by its code when it has one, else by its sentence. */
export function translateFailure(lang: Pick<Translator, 't'>, row: Stored): string | null {
  if (isCode(row.failureCode)) {
    const values = storedValues(row.failureValues ?? null)
    return say(lang, values ? { code: row.failureCode, values } : { code: row.failureCode })
  }
  return row.failureReason === null ? null : translateReason(lang, row.failureReason)
}

/** The video and its shots with their reasons in the page's language, for the views. */
export function withTranslatedReasons<V extends Stored, S extends Stored>(
  lang: Pick<Translator, 't'>,
  found: { video: V; shots: S[] },
): { video: V; shots: S[] } {
  return {
    video: { ...found.video, failureReason: translateFailure(lang, found.video) },
    shots: found.shots.map((s) => ({ ...s, failureReason: translateFailure(lang, s) })),
  }
}
