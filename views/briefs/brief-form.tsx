import type { Child } from 'hono/jsx'
import type { MessageKey } from '../../src/i18n/catalogs/index.js'
import type { Locale } from '../../src/i18n/locales.js'
import type { Translator } from '../../src/i18n/translate.js'
import {
  aspectRatioOptions,
  briefDefaults,
  briefLimits,
  type Language,
  languageOptions,
  lengthOptions,
  musicChoices,
  musicVolumes,
  type Resolution,
  resolutions,
  templateOptions,
  toneOptions,
} from '../../src/screenplay/brief.js'
import { Field, FormError } from '../components/form.js'
import { Layout, type Viewer } from '../layout.js'
import { CONFIRMED_VALS, type Confirmation, dialogText } from '../pages/confirm.js'
import { PhotoPreview } from './photo.js'

/** Deleting asks first: it takes the screenplays, the videos and their files with it. */
export const DELETE_BRIEF_CONFIRMATION: Confirmation = {
  question: 'account.confirm.deleteBrief.question',
  consequence: 'account.confirm.deleteBrief.consequence',
  goLabel: 'account.confirm.deleteBrief.go',
  keepLabel: 'account.confirm.deleteBrief.keep',
  destructive: true,
}

// The choices' labels in the page's language; the values sent stay the same in every language.
const toneLabels: Record<(typeof toneOptions)[number]['value'], MessageKey> = {
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
const aspectRatioLabels: Record<(typeof aspectRatioOptions)[number]['value'], MessageKey> = {
  '9:16': 'briefs.aspect.vertical',
  '16:9': 'briefs.aspect.wide',
  '1:1': 'briefs.aspect.square',
}
const resolutionLabels: Record<Resolution, MessageKey> = {
  '720p': 'briefs.resolution.720p',
  '1080p': 'briefs.resolution.1080p',
}
const languageLabels: Record<(typeof languageOptions)[number]['value'], MessageKey> = {
  en: 'briefs.language.en',
  'zh-CN': 'briefs.language.zhCN',
  'zh-HK': 'briefs.language.zhHK',
}

// A new brief's captions start in the page's language when it is Chinese: a zh-HK visitor
// selling in Hong Kong most likely wants Traditional captions. English pages keep the default.
function captionLanguageFor(locale: Locale): Language {
  return locale === 'zh-CN' || locale === 'zh-HK' ? locale : briefDefaults.language
}

const musicLabels: Record<(typeof musicChoices)[number], MessageKey> = {
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
const musicVolumeLabels: Record<(typeof musicVolumes)[number], MessageKey> = {
  normal: 'briefs.musicVolume.normal',
  quiet: 'briefs.musicVolume.quiet',
}

export type BriefFormValues = Record<string, string | string[] | undefined>

type BriefFormProps = {
  viewer: Viewer
  /** Where the form posts: /briefs for a new brief, /briefs/:id/edit for an existing one. */
  action: string
  values?: BriefFormValues
  errors?: Record<string, string>
  image?: { id: string; width: number; height: number } | null
  isNew: boolean
  /** For an existing brief: where its delete form posts. */
  deleteAction?: string
}

const str = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''))

function Select({
  name,
  label,
  options,
  value,
  error,
  hint,
}: {
  name: string
  label: string
  options: ReadonlyArray<{ value: string | number; label: string }>
  value: string
  error?: string | undefined
  hint?: Child
}) {
  return (
    <div class={`field ${error ? 'field-invalid' : ''}`}>
      <label for={name}>{label}</label>
      <select id={name} name={name} aria-invalid={error ? 'true' : undefined}>
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

function TextArea({
  name,
  label,
  value,
  error,
  max,
  hint,
}: {
  name: string
  label: string
  value: string
  error?: string | undefined
  max: number
  hint?: string
}) {
  return (
    <div class={`field ${error ? 'field-invalid' : ''}`}>
      <label for={name}>{label}</label>
      <textarea id={name} name={name} rows={4} maxlength={max} aria-invalid={error ? 'true' : undefined}>
        {value}
      </textarea>
      {hint && <p class="hint">{hint}</p>}
      {error && <p class="error">{error}</p>}
    </div>
  )
}

export function BriefFormPage({
  viewer,
  action,
  values = {},
  errors = {},
  image,
  isNew,
  deleteAction,
}: BriefFormProps) {
  const points = Array.isArray(values.sellingPoints)
    ? values.sellingPoints
    : values.sellingPoints
      ? [values.sellingPoints]
      : []
  const pointErrors = Object.entries(errors).filter(([k]) => k.startsWith('sellingPoints'))
  const { lang } = viewer
  const { t, href } = lang
  return (
    <Layout
      title={isNew ? t('briefs.form.titleNew') : t('briefs.form.titleEdit')}
      viewer={viewer}
      width="wide"
      translated
    >
      <p class="breadcrumbs">
        <a href={href('/briefs')}>{t('briefs.list.title')}</a> ›
      </p>
      <h1>{isNew ? t('briefs.form.headingNew') : t('briefs.form.headingEdit')}</h1>
      <FormError message={errors.form ?? (Object.keys(errors).length ? t('briefs.form.fixFields') : undefined)} />
      <form method="post" action={href(action)} enctype="multipart/form-data" class="brief-form" novalidate>
        <div class="grid-2">
          <section class="card">
            <h2>{t('briefs.form.productHeading')}</h2>
            <Field
              name="productName"
              label={t('briefs.form.productName')}
              value={str(values.productName)}
              error={errors.productName}
              maxlength={briefLimits.productName}
              required
            />
            <TextArea
              name="description"
              label={t('briefs.form.description')}
              value={str(values.description)}
              error={errors.description}
              max={briefLimits.description}
              hint={t('briefs.form.descriptionHint')}
            />
            <fieldset class={`field ${pointErrors.length ? 'field-invalid' : ''}`}>
              <legend>{t('briefs.form.sellingPoints', { max: briefLimits.sellingPoints })}</legend>
              {Array.from({ length: briefLimits.sellingPoints }, (_, i) => (
                <input
                  type="text"
                  name="sellingPoints"
                  value={points[i] ?? ''}
                  maxlength={briefLimits.sellingPoint}
                  aria-label={t('briefs.form.sellingPoint', { n: i + 1 })}
                  placeholder={i === 0 ? t('briefs.form.sellingPointExample') : ''}
                />
              ))}
              {pointErrors.map(([, message]) => (
                <p class="error">{message}</p>
              ))}
            </fieldset>
            <Field
              name="audience"
              label={t('briefs.form.audience')}
              value={str(values.audience)}
              error={errors.audience}
              maxlength={briefLimits.audience}
              hint={t('briefs.form.audienceHint')}
            />
          </section>

          <section class="card">
            <h2>{t('briefs.form.photoHeading')}</h2>
            <div class="field">
              <label for="photo">{t('briefs.form.photoLabel')}</label>
              <input
                id="photo"
                type="file"
                name="photo"
                accept="image/jpeg,image/png,image/webp"
                hx-post={href('/images')}
                hx-encoding="multipart/form-data"
                hx-params="photo"
                hx-trigger="change"
                hx-target="#photo-preview"
                hx-swap="outerHTML"
                hx-indicator="#photo-busy"
              />
              <p class="hint">
                {t('briefs.form.photoHint')}{' '}
                <span id="photo-busy" class="htmx-indicator">
                  {t('briefs.form.photoChecking')}
                </span>
              </p>
            </div>
            <PhotoPreview lang={lang} image={image} error={errors.photo} />

            <h2 class="spaced">{t('briefs.form.videoHeading')}</h2>
            <Select
              name="template"
              label={t('briefs.form.template')}
              options={templateOptions.map((o) => ({ value: o.value, label: t(templateLabels[o.value]) }))}
              value={str(values.template) || briefDefaults.template}
              error={errors.template}
            />
            <Select
              name="tone"
              label={t('briefs.form.tone')}
              options={toneOptions.map((o) => ({ value: o.value, label: t(toneLabels[o.value]) }))}
              value={str(values.tone) || briefDefaults.tone}
              error={errors.tone}
            />
            <Select
              name="aspectRatio"
              label={t('briefs.form.aspectRatio')}
              options={aspectRatioOptions.map((o) => ({ value: o.value, label: t(aspectRatioLabels[o.value]) }))}
              value={str(values.aspectRatio) || briefDefaults.aspectRatio}
              error={errors.aspectRatio}
            />
            <Select
              name="resolution"
              label={t('briefs.form.resolution')}
              options={resolutions.map((value) => ({ value, label: t(resolutionLabels[value]) }))}
              value={str(values.resolution) || briefDefaults.resolution}
              error={errors.resolution}
              hint={t('briefs.form.resolutionHint')}
            />
            <Select
              name="lengthSeconds"
              label={t('briefs.form.length')}
              options={lengthOptions.map((o) => ({
                value: o.value,
                label: t('briefs.length.seconds', { seconds: o.value }),
              }))}
              value={str(values.lengthSeconds) || String(briefDefaults.lengthSeconds)}
              error={errors.lengthSeconds}
            />
            <Select
              name="language"
              label={t('briefs.form.language')}
              options={languageOptions.map((o) => ({ value: o.value, label: t(languageLabels[o.value]) }))}
              value={str(values.language) || captionLanguageFor(lang.locale)}
              error={errors.language}
            />
            <Field
              name="callToAction"
              label={t('briefs.form.callToAction')}
              value={str(values.callToAction)}
              error={errors.callToAction}
              maxlength={briefLimits.callToAction}
              hint={t('briefs.form.callToActionHint')}
            />
            <Field
              name="brandColor"
              label={t('briefs.form.brandColor')}
              value={str(values.brandColor)}
              error={errors.brandColor}
              maxlength={7}
              hint={t('briefs.form.brandColorHint')}
            />
            <Select
              name="music"
              label={t('briefs.form.music')}
              options={musicChoices.map((value) => ({ value, label: t(musicLabels[value]) }))}
              value={str(values.music) || briefDefaults.music}
              error={errors.music}
              hint={t('briefs.form.musicHint')}
            />
            <Select
              name="musicVolume"
              label={t('briefs.form.musicVolume')}
              options={musicVolumes.map((value) => ({ value, label: t(musicVolumeLabels[value]) }))}
              value={str(values.musicVolume) || briefDefaults.musicVolume}
              error={errors.musicVolume}
            />
          </section>
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
    </Layout>
  )
}
