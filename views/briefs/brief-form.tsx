import { aspectRatioOptions, briefLimits, templateOptions, toneOptions } from '../../src/screenplay/brief.js'
import { Field, FormError } from '../components/form.js'
import { Layout, type Viewer } from '../layout.js'
import { CONFIRMED_VALS, type Confirmation, dialogText } from '../pages/confirm.js'
import { Required, str, TextArea } from './brief-fields.js'
import type { KitColours } from './colour-fields.js'
import { MoreOptions } from './more-options.js'
import { type FormPhoto, PhotoField } from './photo.js'

/** Deleting asks first: it takes the screenplays, the videos and their files with it. */
export const DELETE_BRIEF_CONFIRMATION: Confirmation = {
  question: 'account.confirm.deleteBrief.question',
  consequence: 'account.confirm.deleteBrief.consequence',
  goLabel: 'account.confirm.deleteBrief.go',
  keepLabel: 'account.confirm.deleteBrief.keep',
  destructive: true,
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

          <MoreOptions
            lang={lang}
            values={values}
            errors={errors}
            first={first}
            hasError={invalid.some((f) => !firstScreen.has(f))}
            music={music}
            kit={kit}
          />
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
