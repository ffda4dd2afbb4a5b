import type { Context } from 'hono'
import { z } from 'zod'
import { BrandPage, type BrandPageProps } from '../../views/brand/brand.js'
import { signedInRoutes } from '../accounts/middleware.js'
import { captionFaces, isCaptionFace } from '../formats/fonts.js'
import { formBody } from '../http/body-limits.js'
import { ensureDiskRoom } from '../http/disk.js'
import type { SignedInEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { Refusal } from '../http/refusal.js'
import { sendFile } from '../http/send-file.js'
import { UploadRefused } from '../http/upload-gate.js'
import { translatorOf, viewerOf } from '../http/viewer.js'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { isLocale } from '../i18n/locales.js'
import { sayIn } from '../i18n/said.js'
import { translator } from '../i18n/translate.js'
import { brandLogoPath } from '../storage.js'
import { facePreview } from './font-preview.js'
import { type BrandKit, brandKitOf, removeBrandLogo, saveBrandSettings } from './kit.js'
import { LogoRejected } from './logo.js'
import { logoBody, saveLogoUpload } from './upload.js'

/** The brand kit's page, /brand, and what it posts to. */
export const brandRoutes = signedInRoutes()

const doneNotices = {
  saved: 'brand.saved',
  logo: 'brand.logoSaved',
  removed: 'brand.logoRemoved',
} as const satisfies Record<string, MessageKey>

const colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, { error: 'brand.invalid.colour' satisfies MessageKey })
// A colour input always sends a colour: "no colour" is its own box, and wins.
const settingsForm = z
  .object({
    primaryColor: colour.optional(),
    accentColor: colour.optional(),
    noPrimary: z.literal('yes').optional(),
    noAccent: z.literal('yes').optional(),
    font: z.enum(captionFaces, { error: 'brand.invalid.font' satisfies MessageKey }),
    handle: z
      .string()
      .trim()
      .max(60, { error: 'brand.invalid.handle' satisfies MessageKey })
      .regex(/^[^\u0000-\u001f\u007f]*$/, { error: 'brand.invalid.handle' satisfies MessageKey })
      .optional(),
    cornerLogo: z.literal('yes').optional(),
  })
  .transform((f) => ({
    primaryColor: f.noPrimary === 'yes' ? null : (f.primaryColor?.toUpperCase() ?? null),
    accentColor: f.noAccent === 'yes' ? null : (f.accentColor?.toUpperCase() ?? null),
    font: f.font,
    handle: f.handle || null,
    cornerLogo: f.cornerLogo === 'yes',
  }))

function pageKit(kit: BrandKit): BrandPageProps['kit'] {
  return { ...kit, logo: kit.logo && { ...kit.logo, version: kit.logo.sha256.slice(0, 12) } }
}

function renderPage(
  c: Context<SignedInEnv>,
  props: Partial<BrandPageProps> = {},
  status: 200 | 413 | 422 | 403 | 429 | 503 | 507 = 200,
) {
  return c.html(
    <BrandPage viewer={viewerOf(c)} kit={pageKit(brandKitOf(c.var.db, c.var.user.id))} {...props} />,
    status,
  )
}

brandRoutes.get('/', (c) => {
  const asked = c.req.query('done') ?? ''
  const done = Object.hasOwn(doneNotices, asked) ? doneNotices[asked as keyof typeof doneNotices] : undefined
  return renderPage(c, done ? { notice: { kind: 'success', text: translatorOf(c).t(done) } } : {})
})

brandRoutes.post(
  '/',
  formBody,
  validForm(settingsForm, async (c: Context<SignedInEnv>, errors) => {
    const typed = Object.fromEntries(
      Object.entries(await c.req.parseBody()).filter((e): e is [string, string] => typeof e[1] === 'string'),
    )
    return renderPage(c, { values: typed, errors }, 422)
  }),
  (c) => {
    saveBrandSettings(c.var.db, c.var.user.id, c.req.valid('form'))
    return c.redirect('/brand?done=saved', 303)
  },
)

brandRoutes.post('/logo', logoBody, async (c) => {
  const { t } = translatorOf(c)
  const body = await c.req.parseBody()
  const file = body.logo
  if (!(file instanceof File) || file.size === 0)
    return renderPage(c, { errors: { logo: t('brand.logo.choose') } }, 422)
  try {
    await ensureDiskRoom(c.var.deps)
    await saveLogoUpload(c, Buffer.from(await file.arrayBuffer()))
  } catch (err) {
    if (err instanceof LogoRejected) return renderPage(c, { errors: { logo: sayIn(translatorOf(c), err) } }, 422)
    if (err instanceof UploadRefused) {
      c.header('Retry-After', String(err.refusal.retryAfterSeconds))
      return renderPage(c, { errors: { logo: sayIn(translatorOf(c), err) } }, err.refusal.status)
    }
    if (err instanceof Refusal) {
      return renderPage(c, { errors: { logo: sayIn(translatorOf(c), err) } }, err.status as 403 | 507)
    }
    throw err
  }
  return c.redirect('/brand?done=logo', 303)
})

brandRoutes.post('/logo/delete', formBody, async (c) => {
  await removeBrandLogo(c.var.db, c.var.config.dataDir, c.var.user.id)
  return c.redirect('/brand?done=removed', 303)
})

// Served only to its owner, like their photos.
brandRoutes.get('/logo.png', async (c) => {
  const logo = brandKitOf(c.var.db, c.var.user.id).logo
  if (!logo) return c.notFound()
  const res = await sendFile(c, brandLogoPath(c.var.config.dataDir, c.var.user.id, logo.sha256), {
    contentType: 'image/png',
    etag: logo.sha256.slice(0, 32),
    cacheControl: 'private, max-age=86400',
  })
  return res ?? c.notFound()
})

// A sample of each caption face for the font choice, in the page's language (in the path, so a
// cached sample never shows another language's text).
brandRoutes.get('/fonts/:locale/:face', async (c) => {
  const { locale, face } = c.req.param()
  if (!isLocale(locale) || !isCaptionFace(face)) return c.notFound()
  const preview = await facePreview(face, locale, translator(locale).t('brand.font.sample'))
  return c.body(new Uint8Array(preview.png), 200, {
    'Content-Type': 'image/png',
    'Cache-Control': 'private, max-age=86400',
  })
})
