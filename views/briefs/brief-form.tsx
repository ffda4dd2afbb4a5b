import { presetFormData, presetIds, presets } from '../../src/formats/presets.js'
import type { MessageKey } from '../../src/i18n/catalogs/index.js'
import type { Locale } from '../../src/i18n/locales.js'
import {
  aspectRatioOptions,
  briefDefaults,
  briefLimits,
  type Language,
  languageOptions,
  lengthOptions,
  musicChoices,
  musicVolumes,
  resolutions,
  templateOptions,
  toneOptions,
} from '../../src/screenplay/brief.js'
import { Field, FormError } from '../components/form.js'
import { Layout, type Viewer } from '../layout.js'
import { CONFIRMED_VALS, type Confirmation, dialogText } from '../pages/confirm.js'
import {
  aspectRatioLabels,
  languageLabels,
  musicLabels,
  RadioCards,
  Required,
  resolutionLabels,
  Select,
  str,
  TextArea,
  templateHints,
  templateLabels,
  toneHints,
  toneLabels,
} from './brief-fields.js'
import { BriefColours, type KitColours, ownAccent } from './colour-fields.js'
import { type FormPhoto, PhotoField } from './photo.js'

/** Deleting asks first: it takes the screenplays, the videos and their files with it. */
export const DELETE_BRIEF_CONFIRMATION: Confirmation = {
  question: 'account.confirm.deleteBrief.question',
  consequence: 'account.confirm.deleteBrief.consequence',
  goLabel: 'account.confirm.deleteBrief.go',
  keepLabel: 'account.confirm.deleteBrief.keep',
  destructive: true,
}

// A new brief's captions start in the page's language when it is Chinese: a zh-HK visitor
// selling in Hong Kong most likely wants Traditional captions. English pages keep the default.
function captionLanguageFor(locale: Locale): Language {
  return locale === 'zh-CN' || locale === 'zh-HK' ? locale : briefDefaults.language
}

const musicVolumeLabels: Record<(typeof musicVolumes)[number], MessageKey> = {
  normal: 'briefs.musicVolume.normal',
  quiet: 'briefs.musicVolume.quiet',
}

export { templateLabels } from './brief-fields.js'

export type BriefFormValues = Record<string, string | string[] | undefined>

type BriefFormProps = {
  viewer: Viewer
  /** Where the form posts: /briefs for a new brief, /briefs/:id/edit for an existing one. */
  action: string
  values?: BriefFormValues
  errors?: Record<string, string>
  /** The brief's photos so far, in order (views/briefs/photo.tsx). */
  photos?: readonly FormPhoto[] | undefined
  isNew: boolean
  /** For an existing brief: where its delete form posts. */
  deleteAction?: string
  /** "Add another" was pressed (without JavaScript): one more selling-point box, focused. */
  addedPoint?: boolean
  /** Said above the form, e.g. that it is a copy of another brief ("Duplicate and edit"). */
  notice?: string | undefined
  /** Music beyond the built-in tracks (the person's own, the operator's library) and the ambient option. */
  music?: MusicOffer
  /** The person's brand kit colours: what a brief without colours of its own gets. */
  kit?: KitColours | undefined
}

/** What the music field offers besides the built-in tracks (issue 25). */
export type MusicOffer = {
  own: { value: string; title: string }[]
  library: { value: string; title: string }[]
  /** The video model can add sound: the "ambient sound" option is shown. */
  ambient: boolean
}

// The form's fields in page order: the error summary lists them so, and the first is focused.
const fieldOrder = [
  'photo',
  'productName',
  'description',
  'sellingPoints',
  'audience',
  'callToAction',
  'template',
  'tone',
  'preset',
  'aspectRatio',
  'lengthSeconds',
  'resolution',
  'language',
  'brandColor',
  'accentColor',
  'music',
  'musicVolume',
] as const
type FieldName = (typeof fieldOrder)[number]
/** Where the summary's link for a field goes: its first control. */
const anchorOf = (field: FieldName): string => {
  if (field === 'sellingPoints') return 'sellingPoint-1'
  if (field === 'template') return `template-${templateOptions[0]?.value}`
  if (field === 'tone') return `tone-${toneOptions[0]?.value}`
  if (field === 'aspectRatio') return `aspectRatio-${aspectRatioOptions[0]?.value.replace(':', 'x')}`
  return field
}
/** The fields on the form's first screen; the others sit under "More options". */
const firstScreen = new Set<FieldName>([
  'photo',
  'productName',
  'description',
  'sellingPoints',
  'audience',
  'callToAction',
])
/** A value given and not the default (blank counts as the default: the server fills it in). */
const differs = (value: BriefFormValues[string], fallback: string) => str(value) !== '' && str(value) !== fallback
/** The value if it is one of the options, else the default: the summary names only real choices. */
function oneOf<T extends string>(options: ReadonlyArray<{ value: T }>, value: BriefFormValues[string], fallback: T): T {
  return options.find((o) => o.value === str(value))?.value ?? fallback
}

/** The selling points as typed (blank boxes dropped), one box more when "Add another" was pressed. */
function pointBoxes(values: BriefFormValues, addOne: boolean): string[] {
  const typed = (Array.isArray(values.sellingPoints) ? values.sellingPoints : [values.sellingPoints ?? '']).filter(
    (p) => p.trim() !== '',
  )
  const boxes = typed.length === 0 ? [''] : typed
  return addOne && boxes.length < briefLimits.sellingPoints ? [...boxes, ''] : boxes
}

export function BriefFormPage({
  viewer,
  action,
  values = {},
  errors = {},
  photos,
  isNew,
  deleteAction,
  addedPoint,
  notice,
  music,
  kit,
}: BriefFormProps) {
  const points = pointBoxes(values, addedPoint === true)
  const pointErrors = Object.entries(errors).filter(([k]) => k.startsWith('sellingPoints'))
  const { lang } = viewer
  const { t, href } = lang
  const invalid = fieldOrder.filter((f) => (f === 'sellingPoints' ? pointErrors.length > 0 : errors[f] !== undefined))
  const first = invalid[0]
  const pointsError = pointErrors[0]?.[1]
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
    invalid.some((f) => !firstScreen.has(f)) ||
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
    <Layout
      title={isNew ? t('briefs.form.titleNew') : t('briefs.form.titleEdit')}
      viewer={viewer}
      width="wide"
      translated
    >
      <p class="breadcrumbs">
        <a href={href('/briefs')}>{t('briefs.list.title')}</a>
        {' › '}
        {isNew ? t('briefs.form.titleNew') : str(values.productName) || t('briefs.form.titleEdit')}
      </p>
      <h1>{isNew ? t('briefs.form.headingNew') : t('briefs.form.headingEdit')}</h1>
      {notice && (
        <div class="notice notice-info" role="status">
          {notice}
        </div>
      )}
      {errors.form ? (
        <FormError message={errors.form} />
      ) : (
        invalid.length > 0 && (
          <div class="notice notice-error error-summary" role="alert" data-testid="error-summary">
            <p>{t('briefs.form.fixFields')}</p>
            <ul>
              {invalid.map((f) => (
                <li>
                  <a href={`#${anchorOf(f)}`}>{f === 'sellingPoints' ? pointsError : errors[f]}</a>
                </li>
              ))}
            </ul>
          </div>
        )
      )}
      <form method="post" action={href(action)} enctype="multipart/form-data" class="brief-form" novalidate>
        {/* First in the form, so Enter in a field submits the brief rather than adding a box. */}
        <button type="submit" hidden>
          {isNew ? t('briefs.form.submitNew') : t('briefs.form.submitEdit')}
        </button>
        <p class="muted small required-note">{t('briefs.form.requiredNote')}</p>
        <div class="grid-2">
          <section class="card">
            <PhotoField
              lang={lang}
              photos={photos}
              error={errors.photo}
              isNew={isNew}
              autofocus={first === 'photo'}
              href={href}
            />
            <Field
              name="productName"
              label={t('briefs.form.productName')}
              value={str(values.productName)}
              error={errors.productName}
              maxlength={briefLimits.productName}
              required
              marked
              autofocus={first === 'productName'}
            />
            <TextArea
              name="description"
              label={t('briefs.form.description')}
              value={str(values.description)}
              error={errors.description}
              max={briefLimits.description}
              hint={t('briefs.form.descriptionHint')}
              autofocus={first === 'description'}
            />
            <fieldset
              class={`field ${pointErrors.length ? 'field-invalid' : ''}`}
              data-points
              data-max={String(briefLimits.sellingPoints)}
            >
              <legend>
                {t('briefs.form.sellingPoints', { max: briefLimits.sellingPoints })}
                <Required />
              </legend>
              {points.map((point, i) => (
                <input
                  type="text"
                  name="sellingPoints"
                  id={`sellingPoint-${i + 1}`}
                  value={point}
                  maxlength={briefLimits.sellingPoint}
                  aria-label={t('briefs.form.sellingPoint', { n: i + 1 })}
                  data-label-template={t('briefs.form.sellingPoint', { n: 999 }).replace('999', '{n}')}
                  placeholder={i === 0 ? t('briefs.form.sellingPointExample') : undefined}
                  required={i === 0}
                  aria-invalid={pointErrors.length ? 'true' : undefined}
                  autofocus={(first === 'sellingPoints' && i === 0) || (addedPoint === true && i === points.length - 1)}
                />
              ))}
              {pointErrors.map(([, message]) => (
                <p class="error">{message}</p>
              ))}
              {points.length < briefLimits.sellingPoints && (
                <button
                  type="submit"
                  name="intent"
                  value="addPoint"
                  class="button button-secondary button-small add-point"
                  data-add-point
                >
                  {t('briefs.form.addPoint')}
                </button>
              )}
            </fieldset>
            <Field
              name="audience"
              label={t('briefs.form.audience')}
              value={str(values.audience)}
              error={errors.audience}
              maxlength={briefLimits.audience}
              hint={t('briefs.form.audienceHint')}
              required
              marked
              autofocus={first === 'audience'}
            />
            <Field
              name="callToAction"
              label={t('briefs.form.callToAction')}
              value={str(values.callToAction)}
              error={errors.callToAction}
              maxlength={briefLimits.callToAction}
              hint={t('briefs.form.callToActionHint')}
              required
              marked
              autofocus={first === 'callToAction'}
            />
          </section>

          {/* The choices with a default, closed until one has an error or differs from its
              default: the form's first screen holds what only the person can say (issue 23). */}
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
        </div>
        <div class="form-actions">
          <button type="submit" class="button">
            {isNew ? t('briefs.form.submitNew') : t('briefs.form.submitEdit')}
          </button>
          <a class="button button-secondary" href={href('/briefs')}>
            {t('briefs.form.cancel')}
          </a>
        </div>
      </form>
      {deleteAction && (
        <section class="card">
          <details class="danger-zone">
            <summary>{t('briefs.form.deleteSummary')}</summary>
            <p>{t(DELETE_BRIEF_CONFIRMATION.consequence)}</p>
            <form
              method="post"
              action={href(deleteAction)}
              hx-post={href(deleteAction)}
              hx-confirm={dialogText(viewer.lang, DELETE_BRIEF_CONFIRMATION)}
              hx-vals={CONFIRMED_VALS}
            >
              <button type="submit" class="button button-danger">
                {t(DELETE_BRIEF_CONFIRMATION.goLabel)}
              </button>
            </form>
          </details>
        </section>
      )}
      <script src="/static/brief-form.js" defer></script>
      <script src="/static/presets.js" defer></script>
    </Layout>
  )
}
