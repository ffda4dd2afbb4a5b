import { presetFormData, presetIds, presets } from '../../src/formats/presets.js'
import type { MessageKey } from '../../src/i18n/catalogs/index.js'
import type { Locale } from '../../src/i18n/locales.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import {
  aspectRatioOptions,
  briefDefaults,
  type Language,
  languageOptions,
  lengthOptions,
  musicChoices,
  musicVolumes,
  resolutions,
  templateOptions,
  toneOptions,
} from '../../src/screenplay/brief.js'
import {
  aspectRatioLabels,
  languageLabels,
  musicLabels,
  RadioCards,
  resolutionLabels,
  Select,
  str,
  templateHints,
  templateLabels,
  toneHints,
  toneLabels,
} from './brief-fields.js'
import type { BriefFormValues, MusicOffer } from './brief-form.js'
import { BriefColours, type KitColours, ownAccent } from './colour-fields.js'

// The brief form's choices with a default (style, tone, platform, format, length, resolution,
// language, colours, music), under "More options": closed until one has an error or differs from
// its default, so the form's first screen holds what only the person can say (issue 23).

// A new brief's captions start in the page's language when it is Chinese: a zh-HK visitor
// selling in Hong Kong most likely wants Traditional captions. English pages keep the default.
function captionLanguageFor(locale: Locale): Language {
  return locale === 'zh-CN' || locale === 'zh-HK' ? locale : briefDefaults.language
}

const musicVolumeLabels: Record<(typeof musicVolumes)[number], MessageKey> = {
  normal: 'briefs.musicVolume.normal',
  quiet: 'briefs.musicVolume.quiet',
}

/** A value given and not the default (blank counts as the default: the server fills it in). */
const differs = (value: BriefFormValues[string], fallback: string) => str(value) !== '' && str(value) !== fallback
/** The value if it is one of the options, else the default: the summary names only real choices. */
function oneOf<T extends string>(options: ReadonlyArray<{ value: T }>, value: BriefFormValues[string], fallback: T): T {
  return options.find((o) => o.value === str(value))?.value ?? fallback
}

type MoreOptionsProps = {
  lang: PageLanguage
  values: BriefFormValues
  errors: Record<string, string>
  /** The first field with an error, focused. */
  first: string | undefined
  /** Some field in here has an error: the part opens. */
  hasError: boolean
  music: MusicOffer | undefined
  kit: KitColours | undefined
}

export function MoreOptions({ lang, values, errors, first, hasError, music, kit }: MoreOptionsProps) {
  const { t, href } = lang
  // No colour is a choice of its own: a colour input always sends some colour.
  const noColour = values.noBrandColor === 'yes' || !str(values.brandColor)
  const template = oneOf(templateOptions, values.template, briefDefaults.template)
  const tone = oneOf(toneOptions, values.tone, briefDefaults.tone)
  const aspectRatio = oneOf(aspectRatioOptions, values.aspectRatio, briefDefaults.aspectRatio)
  const lengthSeconds = Number(str(values.lengthSeconds)) || briefDefaults.lengthSeconds
  const accent = ownAccent(values)
  const chosen = {
    style: t(templateLabels[template]),
    tone: t(toneLabels[tone]),
    format: aspectRatio,
    length: t('briefs.length.seconds', { seconds: lengthSeconds }),
  }
  const moreOpen =
    hasError ||
    !noColour ||
    accent !== undefined ||
    template !== briefDefaults.template ||
    tone !== briefDefaults.tone ||
    aspectRatio !== briefDefaults.aspectRatio ||
    lengthSeconds !== briefDefaults.lengthSeconds ||
    differs(values.preset, 'custom') ||
    differs(values.resolution, briefDefaults.resolution) ||
    differs(values.language, captionLanguageFor(lang.locale)) ||
    differs(values.music, briefDefaults.music) ||
    differs(values.musicVolume, briefDefaults.musicVolume)
  return (
    <details class="card more-options" open={moreOpen} data-testid="more-options">
      <summary>
        <h2>{t('briefs.form.videoHeading')}</h2>
        <span class="more-now">
          {accent && /^#[0-9A-Fa-f]{6}$/.test(accent)
            ? t('briefs.form.chosenWithAccent', { ...chosen, accent: accent.toUpperCase() })
            : t('pages.brief.chosen', chosen)}
        </span>
        <span class="more-action">{t('pages.brief.moreOptions')}</span>
      </summary>
      <RadioCards
        name="template"
        label={t('briefs.form.template')}
        options={templateOptions.map((o) => ({
          value: o.value,
          title: t(templateLabels[o.value]),
          description: t(templateHints[o.value]),
        }))}
        value={str(values.template) || briefDefaults.template}
        error={errors.template}
        autofocus={first === 'template'}
      />
      <RadioCards
        name="tone"
        label={t('briefs.form.tone')}
        options={toneOptions.map((o) => ({
          value: o.value,
          title: t(toneLabels[o.value]),
          description: t(toneHints[o.value]),
        }))}
        value={str(values.tone) || briefDefaults.tone}
        error={errors.tone}
        autofocus={first === 'tone'}
      />
      {/* The platform first: it fills in the format, resolution and length (static/presets.js);
          the server checks what the platform takes and says why when it does not. */}
      <Select
        name="preset"
        label={t('briefs.form.preset')}
        options={[
          { value: 'custom', label: t('briefs.preset.custom') },
          ...presetIds.map((id) => ({ value: id, label: t(presets[id].label) })),
        ]}
        value={str(values.preset) || 'custom'}
        error={errors.preset}
        hint={t('briefs.form.presetHint')}
        autofocus={first === 'preset'}
        data={{ 'data-presets': presetFormData() }}
      />
      <RadioCards
        name="aspectRatio"
        label={t('briefs.form.aspectRatio')}
        options={aspectRatioOptions.map((o) => ({
          value: o.value,
          title: o.value,
          description: t(aspectRatioLabels[o.value]),
        }))}
        value={str(values.aspectRatio) || briefDefaults.aspectRatio}
        error={errors.aspectRatio}
        autofocus={first === 'aspectRatio'}
        compact
      />
      <div class="field-row">
        <Select
          name="lengthSeconds"
          label={t('briefs.form.length')}
          options={lengthOptions.map((o) => ({
            value: o.value,
            label: t('briefs.length.seconds', { seconds: o.value }),
          }))}
          value={str(values.lengthSeconds) || String(briefDefaults.lengthSeconds)}
          error={errors.lengthSeconds}
          autofocus={first === 'lengthSeconds'}
        />
        <Select
          name="resolution"
          label={t('briefs.form.resolution')}
          options={resolutions.map((value) => ({ value, label: t(resolutionLabels[value]) }))}
          value={str(values.resolution) || briefDefaults.resolution}
          error={errors.resolution}
          autofocus={first === 'resolution'}
        />
      </div>
      <p class="hint resolution-hint">{t('briefs.form.resolutionHint')}</p>
      <Select
        name="language"
        label={t('briefs.form.language')}
        options={languageOptions.map((o) => ({ value: o.value, label: t(languageLabels[o.value]) }))}
        value={str(values.language) || captionLanguageFor(lang.locale)}
        error={errors.language}
        autofocus={first === 'language'}
      />
      <BriefColours lang={lang} values={values} errors={errors} kit={kit} first={first} />
      <Select
        name="music"
        label={t('briefs.form.music')}
        options={[
          ...musicChoices.map((value) => ({ value, label: t(musicLabels[value]) })),
          ...(music?.library ?? []).map((o) => ({ value: o.value, label: t('music.form.libraryTrack', o) })),
          ...(music?.own ?? []).map((o) => ({ value: o.value, label: t('music.form.ownTrack', o) })),
        ]}
        value={str(values.music) || briefDefaults.music}
        error={errors.music}
        hint={
          <>
            {t('briefs.form.musicHint')}{' '}
            <a class="field-link" href={href('/music')}>
              {t('music.form.manage')}
            </a>
          </>
        }
        autofocus={first === 'music'}
      />
      {music?.ambient && (
        <div class={`field ${errors.ambientSound ? 'field-invalid' : ''}`}>
          {/* The hidden "off" comes first: an unticked box sends nothing, and a change must be heard. */}
          <input type="hidden" name="ambientSound" value="off" />
          <label class="check-label">
            <input
              type="checkbox"
              name="ambientSound"
              value="on"
              checked={[values.ambientSound].flat().includes('on')}
              aria-describedby="ambientSound-hint"
            />
            {t('music.form.ambient')}
          </label>
          <p class="hint" id="ambientSound-hint">
            {t('music.form.ambientHint')}
          </p>
          {errors.ambientSound && <p class="error">{errors.ambientSound}</p>}
        </div>
      )}
      <Select
        name="musicVolume"
        label={t('briefs.form.musicVolume')}
        options={musicVolumes.map((value) => ({ value, label: t(musicVolumeLabels[value]) }))}
        value={str(values.musicVolume) || briefDefaults.musicVolume}
        error={errors.musicVolume}
        autofocus={first === 'musicVolume'}
      />
    </details>
  )
}
