import type { Child } from 'hono/jsx'
import {
  aspectRatioOptions,
  briefDefaults,
  briefLimits,
  languageOptions,
  lengthOptions,
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
  return (
    <Layout title={isNew ? 'New brief' : 'Edit brief'} viewer={viewer} width="wide">
      <p class="breadcrumbs">
        <a href="/briefs">My briefs</a> ›
      </p>
      <h1>{isNew ? 'Describe your product' : 'Edit the brief'}</h1>
      <FormError
        message={errors.form ?? (Object.keys(errors).length ? 'Please fix the highlighted fields below.' : undefined)}
      />
      <form method="post" action={action} enctype="multipart/form-data" class="brief-form" novalidate>
        <div class="grid-2">
          <section class="card">
            <h2>The product</h2>
            <Field
              name="productName"
              label="Product name"
              value={str(values.productName)}
              error={errors.productName}
              maxlength={briefLimits.productName}
              required
            />
            <TextArea
              name="description"
              label="Description"
              value={str(values.description)}
              error={errors.description}
              max={briefLimits.description}
              hint="One paragraph: what it is and why people love it."
            />
            <fieldset class={`field ${pointErrors.length ? 'field-invalid' : ''}`}>
              <legend>Key selling points (1 to 6)</legend>
              {Array.from({ length: briefLimits.sellingPoints }, (_, i) => (
                <input
                  type="text"
                  name="sellingPoints"
                  value={points[i] ?? ''}
                  maxlength={briefLimits.sellingPoint}
                  aria-label={`Selling point ${i + 1}`}
                  placeholder={i === 0 ? 'e.g. 30-hour battery life' : ''}
                />
              ))}
              {pointErrors.map(([, message]) => (
                <p class="error">{message}</p>
              ))}
            </fieldset>
            <Field
              name="audience"
              label="Target audience"
              value={str(values.audience)}
              error={errors.audience}
              maxlength={briefLimits.audience}
              hint="Who is it for? e.g. busy parents, trail runners"
            />
          </section>

          <section class="card">
            <h2>The photo</h2>
            <div class="field">
              <label for="photo">Product photo</label>
              <input
                id="photo"
                type="file"
                name="photo"
                accept="image/jpeg,image/png,image/webp"
                hx-post="/images"
                hx-encoding="multipart/form-data"
                hx-params="photo"
                hx-trigger="change"
                hx-target="#photo-preview"
                hx-swap="outerHTML"
                hx-indicator="#photo-busy"
              />
              <p class="hint">
                We re-encode it and strip its metadata (including GPS).{' '}
                <span id="photo-busy" class="htmx-indicator">
                  Checking the photo…
                </span>
              </p>
            </div>
            <PhotoPreview image={image} error={errors.photo} />

            <h2 class="spaced">The video</h2>
            <Select
              name="template"
              label="Style"
              options={templateOptions}
              value={str(values.template) || briefDefaults.template}
              error={errors.template}
            />
            <Select
              name="tone"
              label="Tone"
              options={toneOptions}
              value={str(values.tone) || briefDefaults.tone}
              error={errors.tone}
            />
            <Select
              name="aspectRatio"
              label="Format"
              options={aspectRatioOptions}
              value={str(values.aspectRatio) || briefDefaults.aspectRatio}
              error={errors.aspectRatio}
            />
            <Select
              name="lengthSeconds"
              label="Length"
              options={lengthOptions}
              value={str(values.lengthSeconds) || String(briefDefaults.lengthSeconds)}
              error={errors.lengthSeconds}
            />
            <Select
              name="language"
              label="On-screen text"
              options={languageOptions}
              value={str(values.language) || briefDefaults.language}
              error={errors.language}
            />
            <Field
              name="callToAction"
              label="Call to action"
              value={str(values.callToAction)}
              error={errors.callToAction}
              maxlength={briefLimits.callToAction}
              hint="The last words on screen, e.g. Shop now at example.com"
            />
            <Field
              name="brandColor"
              label="Brand colour (optional)"
              value={str(values.brandColor)}
              error={errors.brandColor}
              maxlength={7}
              hint="Hex, like #6A4CFF"
            />
          </section>
        </div>
        <div class="form-actions">
          <button type="submit" class="button">
            {isNew ? 'Write my screenplay' : 'Save brief'}
          </button>
          <a class="button button-secondary" href="/briefs">
            Cancel
          </a>
        </div>
      </form>
      {deleteAction && (
        <section class="card">
          <details class="danger-zone">
            <summary>Delete this brief</summary>
            <p>{viewer.lang.t(DELETE_BRIEF_CONFIRMATION.consequence)}</p>
            <form
              method="post"
              action={deleteAction}
              hx-post={deleteAction}
              hx-confirm={dialogText(viewer.lang, DELETE_BRIEF_CONFIRMATION)}
              hx-vals={CONFIRMED_VALS}
            >
              <button type="submit" class="button button-danger">
                Delete brief
              </button>
            </form>
          </details>
        </section>
      )}
    </Layout>
  )
}
