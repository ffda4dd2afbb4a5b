import type { CaptionFace } from '../../src/formats/fonts.js'
import { captionFaceInfo, captionFaces, FACE_PREVIEW_HEIGHT } from '../../src/formats/fonts.js'
import type { PageLanguage } from '../../src/i18n/page.js'
import { ColourField } from '../components/colour-field.js'
import { Layout, type Viewer } from '../layout.js'

/** The brand kit as the page shows it (src/brand/kit.ts gives it). */
export type BrandPageKit = {
  primaryColor: string | null
  accentColor: string | null
  font: CaptionFace
  handle: string | null
  cornerLogo: boolean
  logo: { width: number; height: number; version: string } | null
}

export type BrandPageProps = {
  viewer: Viewer
  kit: BrandPageKit
  notice?: { kind: 'success' | 'error'; text: string } | undefined
  /** What was typed, when the form is shown again with its errors. */
  values?: Partial<
    Record<'primaryColor' | 'accentColor' | 'noPrimary' | 'noAccent' | 'font' | 'handle' | 'cornerLogo', string>
  >
  errors?: Partial<Record<'primaryColor' | 'accentColor' | 'font' | 'handle' | 'logo', string>>
}

const HANDLE_MAX = 60

/** /brand: the logo (its own form, multipart) and the settings (colours, font, handle, corner logo). */
export function BrandPage({ viewer, kit, notice, values, errors = {} }: BrandPageProps) {
  const lang = viewer.lang
  const { t } = lang
  const v = values ?? {
    primaryColor: kit.primaryColor ?? '',
    accentColor: kit.accentColor ?? '',
    noPrimary: kit.primaryColor ? '' : 'yes',
    noAccent: kit.accentColor ? '' : 'yes',
    font: kit.font,
    handle: kit.handle ?? '',
    cornerLogo: kit.cornerLogo ? 'yes' : '',
  }
  return (
    <Layout title={t('brand.title')} viewer={viewer} notice={notice} width="wide" translated>
      <h1>{t('brand.title')}</h1>
      <p class="lead">{t('brand.lead')}</p>
      <div class="grid-2">
        <LogoCard kit={kit} error={errors.logo} lang={lang} />
        <section class="card" aria-labelledby="brand-settings">
          <h2 id="brand-settings">{t('brand.colours.heading')}</h2>
          <form method="post" action={lang.href('/brand')} class="stack">
            <ColourField
              name="primaryColor"
              noName="noPrimary"
              label={t('brand.primary')}
              hint={t('brand.primaryHelp')}
              noneLabel={t('brand.noPrimary')}
              own={v.noPrimary === 'yes' ? undefined : v.primaryColor || undefined}
              fallback="#1f6feb"
              error={errors.primaryColor}
            />
            <ColourField
              name="accentColor"
              noName="noAccent"
              label={t('brand.accent')}
              hint={t('brand.accentHelp')}
              noneLabel={t('brand.noAccent')}
              own={v.noAccent === 'yes' ? undefined : v.accentColor || undefined}
              fallback="#ffb000"
              error={errors.accentColor}
            />
            <p class="hint">{t('brand.overrideNote')}</p>
            <fieldset class={`field ${errors.font ? 'field-invalid' : ''}`}>
              <legend>{t('brand.font.heading')}</legend>
              {captionFaces.map((face) => (
                <label class="check-label font-option" for={`font-${face}`}>
                  <input
                    type="radio"
                    id={`font-${face}`}
                    name="font"
                    value={face}
                    checked={(v.font ?? 'sans') === face}
                  />
                  <span class="font-option-text">
                    {t(captionFaceInfo[face].label)}
                    {/* The face drawn by the renderer itself; the name beside it says what it shows. */}
                    <img
                      class="font-preview"
                      src={lang.href(`/brand/fonts/${lang.locale}/${face}`)}
                      alt=""
                      height={FACE_PREVIEW_HEIGHT}
                      data-testid={`font-preview-${face}`}
                    />
                  </span>
                </label>
              ))}
              {errors.font && <p class="error">{errors.font}</p>}
            </fieldset>
            <div class={`field ${errors.handle ? 'field-invalid' : ''}`}>
              <label for="handle">{t('brand.handle')}</label>
              <input
                id="handle"
                name="handle"
                type="text"
                value={v.handle ?? ''}
                maxlength={HANDLE_MAX}
                autocomplete="url"
                aria-describedby="handle-hint"
                aria-invalid={errors.handle ? 'true' : undefined}
              />
              <p class="hint" id="handle-hint">
                {t('brand.handleHelp')}
              </p>
              {errors.handle && <p class="error">{errors.handle}</p>}
            </div>
            <div class="field">
              <label class="check-label" for="cornerLogo">
                <input
                  type="checkbox"
                  id="cornerLogo"
                  name="cornerLogo"
                  value="yes"
                  checked={v.cornerLogo === 'yes'}
                  aria-describedby="cornerLogo-hint"
                />
                {t('brand.cornerLogo')}
              </label>
              <p class="hint" id="cornerLogo-hint">
                {t('brand.cornerLogoHelp')}
              </p>
            </div>
            <button type="submit" class="button" data-testid="brand-save">
              {t('brand.save')}
            </button>
          </form>
        </section>
      </div>
    </Layout>
  )
}

function LogoCard({ kit, error, lang }: { kit: BrandPageKit; error: string | undefined; lang: PageLanguage }) {
  const { t } = lang
  return (
    <section class="card" aria-labelledby="brand-logo">
      <h2 id="brand-logo">{t('brand.logo.heading')}</h2>
      {kit.logo ? (
        <figure class="brand-logo">
          <img
            src={lang.href(`/brand/logo.png?v=${kit.logo.version}`)}
            alt={t('brand.logo.alt')}
            width={kit.logo.width}
            height={kit.logo.height}
            data-testid="brand-logo"
          />
          <figcaption class="muted">
            {t('brand.logo.size', { width: kit.logo.width, height: kit.logo.height })}
          </figcaption>
        </figure>
      ) : (
        <p class="muted">{t('brand.logo.none')}</p>
      )}
      <form method="post" action={lang.href('/brand/logo')} enctype="multipart/form-data" class="stack">
        <div class={`field ${error ? 'field-invalid' : ''}`}>
          <label for="logo">{t('brand.logo.file')}</label>
          <input
            id="logo"
            name="logo"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            aria-describedby="logo-hint"
            aria-invalid={error ? 'true' : undefined}
          />
          <p class="hint" id="logo-hint">
            {t('brand.logo.help')}
          </p>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </div>
        <button type="submit" class="button">
          {t('brand.logo.upload')}
        </button>
      </form>
      {kit.logo && (
        <form method="post" action={lang.href('/brand/logo/delete')} class="brand-logo-remove">
          <button type="submit" class="button button-secondary">
            {t('brand.logo.remove')}
          </button>
        </form>
      )}
    </section>
  )
}
