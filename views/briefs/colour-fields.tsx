import type { Child } from 'hono/jsx'
import type { PageLanguage } from '../../src/i18n/page.js'
import { str } from './brief-fields.js'
import type { BriefFormValues } from './brief-form.js'

// The brief's two colours (views/briefs/brief-form.tsx): the brand colour and the accent that
// overrides the brand kit's. A colour input always sends some colour, so "none of my own" is a
// box of its own (noBrandColor, noAccentColor); static/brief-form.js keeps the two in step.

/** The brand kit's colours, shown as what a brief without its own gets. */
export type KitColours = { primaryColor: string | null; accentColor: string | null }

const hexColour = /^#[0-9A-Fa-f]{6}$/

/** The brief's own accent, when it has one: the box "use the kit's" is not ticked. */
export function ownAccent(values: BriefFormValues): string | undefined {
  const accent = str(values.accentColor)
  return values.noAccentColor === 'yes' || !accent ? undefined : accent
}

type ColourFieldProps = {
  name: 'brandColor' | 'accentColor'
  /** The box that says "no colour of the brief's own". */
  noName: 'noBrandColor' | 'noAccentColor'
  label: string
  /** The brief's own colour as typed; undefined when it has none. */
  own: string | undefined
  /** What the picker starts on when the brief has no colour of its own. */
  fallback: string
  /** Said beside the picker when the brief has no colour of its own (the kit's, or none). */
  noneText: string
  /** The box's words. */
  noneLabel: string
  error?: string | undefined
  autofocus: boolean
  hint: Child
}

function ColourField({
  name,
  noName,
  label,
  own,
  fallback,
  noneText,
  noneLabel,
  error,
  autofocus,
  hint,
}: ColourFieldProps) {
  const valid = own !== undefined && hexColour.test(own)
  return (
    <div class={`field ${error ? 'field-invalid' : ''}`}>
      <label for={name}>{label}</label>
      <span class="colour-row">
        <input
          id={name}
          type="color"
          name={name}
          // As sent, even when it is not a colour: the form gives back what it was given.
          value={own ?? fallback}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={`${name}-hex ${name}-hint`}
          autofocus={autofocus}
          data-colour
        />
        {/* A value that is not a colour stays in sight beside its message, as it was sent. */}
        <output id={`${name}-hex`} for={name} class="colour-hex" data-colour-hex>
          {own === undefined ? noneText : valid ? own.toUpperCase() : own}
        </output>
        <label class="check-label">
          <input
            type="checkbox"
            name={noName}
            value="yes"
            checked={own === undefined}
            data-no-colour
            data-none-text={noneText}
            data-none-colour={fallback}
          />
          {noneLabel}
        </label>
      </span>
      {error && <p class="error">{error}</p>}
      <p class="hint" id={`${name}-hint`}>
        {hint}
      </p>
    </div>
  )
}

type BriefColoursProps = {
  lang: PageLanguage
  values: BriefFormValues
  errors: Record<string, string>
  kit: KitColours | undefined
  first: string | undefined
}

/** The brand colour, then the accent: with a brand kit, each says the kit's colour is the default. */
export function BriefColours({ lang, values, errors, kit, first }: BriefColoursProps) {
  const { t, href } = lang
  const ownBrand = values.noBrandColor === 'yes' || !str(values.brandColor) ? undefined : str(values.brandColor)
  const kitLink = (
    <a class="field-link" href={href('/brand')}>
      {t('brand.briefLink')}
    </a>
  )
  return (
    <>
      <ColourField
        name="brandColor"
        noName="noBrandColor"
        label={t('briefs.form.brandColor')}
        own={ownBrand}
        fallback={kit?.primaryColor?.toLowerCase() ?? '#6a4cff'}
        noneText={
          kit?.primaryColor ? t('briefs.form.fromKit', { colour: kit.primaryColor }) : t('briefs.form.noBrandColor')
        }
        noneLabel={kit?.primaryColor ? t('briefs.form.useKit') : t('briefs.form.noBrandColor')}
        error={errors.brandColor}
        autofocus={first === 'brandColor'}
        hint={kitLink}
      />
      <ColourField
        name="accentColor"
        noName="noAccentColor"
        label={t('briefs.form.accentColor')}
        own={ownAccent(values)}
        // The captions' key word is a warm yellow when neither the kit nor the brief names one.
        fallback={kit?.accentColor?.toLowerCase() ?? '#ffc93c'}
        noneText={
          kit?.accentColor ? t('briefs.form.fromKit', { colour: kit.accentColor }) : t('briefs.form.defaultAccent')
        }
        noneLabel={kit?.accentColor ? t('briefs.form.useKit') : t('briefs.form.useDefault')}
        error={errors.accentColor}
        autofocus={first === 'accentColor'}
        hint={t('briefs.form.accentHint')}
      />
    </>
  )
}
