import type { PageLanguage } from '../../src/i18n/page.js'
import { ColourField } from '../components/colour-field.js'
import { str } from './brief-fields.js'
import type { BriefFormValues } from './brief-form.js'

// The brief's two colours (views/briefs/brief-form.tsx): the brand colour and the accent that
// overrides the brand kit's. A colour input always sends some colour, so "none of my own" is a
// box of its own (noBrandColor, noAccentColor); static/brief-form.js keeps the two in step.

/** The brand kit's colours, shown as what a brief without its own gets. */
export type KitColours = { primaryColor: string | null; accentColor: string | null }

/** The brief's own accent, when it has one: the box "use the kit's" is not ticked. */
export function ownAccent(values: BriefFormValues): string | undefined {
  const accent = str(values.accentColor)
  return values.noAccentColor === 'yes' || !accent ? undefined : accent
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
        // Without a kit the box already says "No brand colour": said once.
        noneText={kit?.primaryColor ? t('briefs.form.fromKit', { colour: kit.primaryColor }) : undefined}
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
