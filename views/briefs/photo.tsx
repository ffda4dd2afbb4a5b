import { maxBriefPhotos, type PhotoRole, photoRoles } from '../../db/states.js'
import type { MessageKey } from '../../src/i18n/catalogs/index.js'
import type { Translator } from '../../src/i18n/translate.js'
import { Required } from './brief-fields.js'

/** A photo as the form shows it: the stored image and what it shows. */
export type FormPhoto = { id: string; width: number; height: number; role: PhotoRole }

export const photoRoleLabels: Record<PhotoRole, MessageKey> = {
  main: 'photos.role.main',
  detail: 'photos.role.detail',
  'in-use': 'photos.role.in-use',
  packaging: 'photos.role.packaging',
  scale: 'photos.role.scale',
  other: 'photos.role.other',
}

export type PhotoPreviewProps = {
  /** The page's words (viewer.lang, or translatorOf(c) for the fragment alone). */
  lang: Pick<Translator, 't'>
  photos?: readonly FormPhoto[] | undefined
  /** Already in the page's language. */
  error?: string | undefined
}

/**
 * The brief's photos in order, each with its role, and buttons to move or remove it; also the
 * fragment htmx swaps in after an upload. The buttons submit the brief form itself (nothing is
 * saved: the form comes back rearranged), so they work without JavaScript.
 */
export function PhotoPreview({ lang: { t }, photos = [], error }: PhotoPreviewProps) {
  return (
    <div id="photo-preview" class="photo-preview photo-list" aria-live="polite">
      {photos.length > 0 ? (
        <ol class="photo-strip">
          {photos.map((photo, i) => {
            const n = i + 1
            return (
              <li class="photo-item">
                <img
                  src={`/images/${photo.id}/thumb`}
                  alt={t('photos.photo.alt', { n })}
                  title={t('briefs.photo.ready', { width: photo.width, height: photo.height })}
                  width={photo.width}
                  height={photo.height}
                />
                <input type="hidden" name="imageId" value={photo.id} />
                <select name="photoRole" aria-label={t('photos.photo.role', { n })} class="photo-role">
                  {photoRoles.map((role) => (
                    <option value={role} selected={role === photo.role}>
                      {t(photoRoleLabels[role])}
                    </option>
                  ))}
                </select>
                <span class="photo-actions">
                  <button
                    type="submit"
                    name="photoMove"
                    value={`up:${n}`}
                    formnovalidate
                    class="icon-button"
                    aria-label={t('photos.photo.earlier', { n })}
                    title={t('photos.photo.earlier', { n })}
                    disabled={i === 0}
                  >
                    ←
                  </button>
                  <button
                    type="submit"
                    name="photoMove"
                    value={`down:${n}`}
                    formnovalidate
                    class="icon-button"
                    aria-label={t('photos.photo.later', { n })}
                    title={t('photos.photo.later', { n })}
                    disabled={i === photos.length - 1}
                  >
                    →
                  </button>
                  <button
                    type="submit"
                    name="photoMove"
                    value={`remove:${n}`}
                    formnovalidate
                    class="icon-button"
                    aria-label={t('photos.photo.remove', { n })}
                    title={t('photos.photo.remove', { n })}
                  >
                    ×
                  </button>
                </span>
              </li>
            )
          })}
        </ol>
      ) : (
        <div class="photo-empty muted small">{t('briefs.photo.none')}</div>
      )}
      {photos.length > 0 && (
        <p class="muted small photo-count">{t('photos.field.count', { count: photos.length, max: maxBriefPhotos })}</p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

type PhotoFieldProps = PhotoPreviewProps & {
  /** A new brief needs a photo; an existing one keeps its photos. */
  isNew: boolean
  autofocus?: boolean | undefined
  href: (path: string) => string
}

/**
 * The brief form's photo field: one file input taking several photos at once (with the phone's
 * camera among its choices), drop-anywhere-on-it with JavaScript (static/brief-form.js), and the
 * photos chosen so far. With JavaScript the chosen files upload one request each (five phone
 * photos together pass the upload body limit), along with the photos already listed, and the list
 * comes back; without it they go with the form.
 */
export function PhotoField({ lang, photos = [], error, isNew, autofocus, href }: PhotoFieldProps) {
  const { t } = lang
  const full = photos.length >= maxBriefPhotos
  return (
    <div class={`field photo-field photos-field ${error ? 'photo-invalid' : ''}`}>
      <label for="photo" class="drop-zone" data-drop-zone hidden={full}>
        <span class="drop-title">
          {t('briefs.form.photoLabel')}
          {isNew && <Required />}
        </span>
        <span class="drop-text">{t('photos.field.drop')}</span>
        <input
          id="photo"
          type="file"
          name="photo"
          multiple
          accept="image/jpeg,image/png,image/webp,image/*"
          required={isNew && photos.length === 0}
          disabled={full}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby="photo-hint"
          autofocus={autofocus}
          hx-post={href('/images')}
          hx-encoding="multipart/form-data"
          hx-params="photo,imageId,photoRole"
          hx-include="#photo-preview"
          hx-trigger="photo-upload"
          hx-target="#photo-preview"
          hx-swap="outerHTML"
          hx-indicator="#photo-busy"
        />
      </label>
      <p class="hint" id="photo-hint">
        <span>
          {full ? t('photos.field.full', { max: maxBriefPhotos }) : t('photos.field.hint', { max: maxBriefPhotos })}
        </span>{' '}
        <span>{t('briefs.form.photoHint')}</span>{' '}
        <span id="photo-busy" class="htmx-indicator">
          {t('briefs.form.photoChecking')}
        </span>
      </p>
      <PhotoPreview lang={lang} photos={photos} error={error} />
    </div>
  )
}
