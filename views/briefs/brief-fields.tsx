import type { Child } from 'hono/jsx'
import type { FixedMusicChoice } from '../../db/states.js'
import type { MessageKey } from '../../src/i18n/catalogs/index.js'
import type {
  aspectRatioOptions,
  languageOptions,
  Resolution,
  templateOptions,
  toneOptions,
} from '../../src/screenplay/brief.js'

// The brief form's parts (views/briefs/brief-form.tsx): the choices' words and the controls.

// The choices' labels in the page's language; the values sent stay the same in every language.
/** The built-in tracks' names (also how a variant's music is named, views/variants/labels.ts). */
export const musicLabels: Record<FixedMusicChoice, MessageKey> = {
  auto: 'briefs.music.auto',
  none: 'briefs.music.none',
  'velvet-hour': 'briefs.music.velvetHour',
  'gold-leaf': 'briefs.music.goldLeaf',
  bubblegum: 'briefs.music.bubblegum',
  'paper-kites': 'briefs.music.paperKites',
  'full-throttle': 'briefs.music.fullThrottle',
  'night-run': 'briefs.music.nightRun',
  'white-space': 'briefs.music.whiteSpace',
  'still-water': 'briefs.music.stillWater',
  'sunday-kitchen': 'briefs.music.sundayKitchen',
  'golden-porch': 'briefs.music.goldenPorch',
}
export const toneLabels: Record<(typeof toneOptions)[number]['value'], MessageKey> = {
  premium: 'briefs.tone.premium',
  playful: 'briefs.tone.playful',
  energetic: 'briefs.tone.energetic',
  minimal: 'briefs.tone.minimal',
  warm: 'briefs.tone.warm',
}
export const templateLabels: Record<(typeof templateOptions)[number]['value'], MessageKey> = {
  'hero-reveal': 'briefs.template.heroReveal',
  'before-after': 'briefs.template.beforeAfter',
  'feature-tour': 'briefs.template.featureTour',
  lifestyle: 'briefs.template.lifestyle',
  unboxing: 'briefs.template.unboxing',
}
export const aspectRatioLabels: Record<(typeof aspectRatioOptions)[number]['value'], MessageKey> = {
  '9:16': 'briefs.aspect.vertical',
  '16:9': 'briefs.aspect.wide',
  '1:1': 'briefs.aspect.square',
  '3:4': 'briefs.aspect.portrait34',
  '4:5': 'briefs.aspect.portrait45',
}
export const resolutionLabels: Record<Resolution, MessageKey> = {
  '720p': 'briefs.resolution.720p',
  '1080p': 'briefs.resolution.1080p',
}
export const languageLabels: Record<(typeof languageOptions)[number]['value'], MessageKey> = {
  en: 'briefs.language.en',
  'zh-CN': 'briefs.language.zhCN',
  'zh-HK': 'briefs.language.zhHK',
}

export const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))

export function Select({
  name,
  label,
  options,
  value,
  error,
  hint,
  autofocus,
  data,
}: {
  name: string
  label: string
  options: ReadonlyArray<{ value: string | number; label: string }>
  value: string
  error?: string | undefined
  hint?: Child
  autofocus?: boolean
  /** data-* attributes for the select (the platform choice hands its table to static/presets.js). */
  data?: Record<`data-${string}`, string>
}) {
  return (
    <div class={`field ${error ? 'field-invalid' : ''}`}>
      <label for={name}>
        {label}
        <Required />
      </label>
      <select id={name} name={name} required aria-invalid={error ? 'true' : undefined} autofocus={autofocus} {...data}>
        {options.map((o) => (
          <option value={String(o.value)} selected={String(o.value) === value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && <p class="hint">{hint}</p>}
      {error && <p class="error">{error}</p>}
    </div>
  )
}

export function TextArea({
  name,
  label,
  value,
  error,
  max,
  hint,
  autofocus,
}: {
  name: string
  label: string
  value: string
  error?: string | undefined
  max: number
  hint?: string
  autofocus?: boolean
}) {
  return (
    <div class={`field ${error ? 'field-invalid' : ''}`}>
      <label for={name}>
        {label}
        <Required />
      </label>
      <textarea
        id={name}
        name={name}
        rows={3}
        maxlength={max}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={hint ? `${name}-hint` : undefined}
        autofocus={autofocus}
      >
        {value}
      </textarea>
      {hint && (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      )}
      {error && <p class="error">{error}</p>}
    </div>
  )
}

/** The visible mark of a required field (the control itself says `required` to assistive tech). */
export function Required() {
  return (
    <span class="required-mark" aria-hidden="true">
      {' *'}
    </span>
  )
}

/**
 * A choice as a row of cards (radio buttons with a one-line description): readable on a phone,
 * where a long select's label is cut off. The error sits before the cards so it is read first.
 */
export function RadioCards({
  name,
  label,
  options,
  value,
  error,
  autofocus,
  compact,
}: {
  name: string
  label: string
  options: ReadonlyArray<{ value: string; title: string; description?: string | undefined }>
  value: string
  error?: string | undefined
  autofocus?: boolean
  /** Short titles only (the format): the cards share one row. */
  compact?: boolean
}) {
  return (
    <fieldset class={`field ${error ? 'field-invalid' : ''}`} data-choices={compact ? 'compact' : 'cards'}>
      <legend>
        {label}
        <Required />
      </legend>
      {error && <p class="error">{error}</p>}
      <span class="choice-row">
        {options.map((o, i) => (
          <label class="choice-card">
            <input
              type="radio"
              id={`${name}-${o.value.replace(':', 'x')}`}
              name={name}
              value={o.value}
              checked={o.value === value}
              required
              aria-invalid={error ? 'true' : undefined}
              autofocus={autofocus && i === 0}
            />
            <span class="choice-title">{o.title}</span>
            {o.description && <span class="choice-desc">{o.description}</span>}
          </label>
        ))}
      </span>
    </fieldset>
  )
}

export const templateHints: Record<(typeof templateOptions)[number]['value'], MessageKey> = {
  'hero-reveal': 'briefs.templateHint.heroReveal',
  'before-after': 'briefs.templateHint.beforeAfter',
  'feature-tour': 'briefs.templateHint.featureTour',
  lifestyle: 'briefs.templateHint.lifestyle',
  unboxing: 'briefs.templateHint.unboxing',
}
export const toneHints: Record<(typeof toneOptions)[number]['value'], MessageKey> = {
  premium: 'briefs.toneHint.premium',
  playful: 'briefs.toneHint.playful',
  energetic: 'briefs.toneHint.energetic',
  minimal: 'briefs.toneHint.minimal',
  warm: 'briefs.toneHint.warm',
}
