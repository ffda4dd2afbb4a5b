import type { Context } from 'hono'
import { z } from 'zod'
import { ErrorPage } from '../../views/pages/error.js'
import { ComparePage, KEEP_VARIANT_CONFIRMATION, VariantCard, type VariantView } from '../../views/variants/compare.js'
import { QuotaPage } from '../../views/videos/quota.js'
import { signedInRoutes } from '../accounts/middleware.js'
import { StorageFull } from '../accounts/storage-caps.js'
import { formBody } from '../http/body-limits.js'
import { askFirst, isConfirmed, seeOther } from '../http/confirm.js'
import type { SignedInEnv } from '../http/env.js'
import { validForm } from '../http/forms.js'
import { notFoundUnless, uuidParam } from '../http/params.js'
import { translatorOf, viewerOf } from '../http/viewer.js'
import { formatDate } from '../i18n/format.js'
import { sayIn } from '../i18n/said.js'
import { withTranslatedReasons } from '../render/reasons.js'
import { EmailNotConfirmed } from '../render/submit.js'
import { VARIANTS_ON_PAGE } from './plan.js'
import {
  BriefNotFound,
  findVariantGroup,
  keepVariant,
  makeVariants,
  QuotaShortForVariants,
  type Variant,
} from './service.js'

/** A second "Make 3 variants" of the same brief this soon is the same click again (a double click). */
const SAME_CLICK_MS = 10_000

/** "Make 3 variants" (posted from the screenplay page), the compare page and "Keep this one", under /variants. */
export const variantRoutes = signedInRoutes()

variantRoutes.post(
  '/',
  formBody,
  validForm(z.object({ briefId: z.uuid() }), (c) => c.notFound()),
  (c) => {
    const { db, user, config } = c.var
    try {
      const briefId = c.req.valid('form').briefId
      const made = makeVariants(db, user.id, briefId, VARIANTS_ON_PAGE, config.libtv.model, {
        reuseWithinMs: SAME_CLICK_MS,
      })
      if (!made.reused) c.var.deps.runtime.nudgeRenderer()
      return c.redirect(`/variants/${made.groupId}`, 303)
    } catch (err) {
      return refused(c, err)
    }
  },
)

/** Why no variant started, said as a single render's refusals are (src/render/routes.tsx). */
function refused(c: Context<SignedInEnv>, err: unknown) {
  if (err instanceof BriefNotFound) return c.notFound()
  const { t, locale } = translatorOf(c)
  const viewer = viewerOf(c)
  if (err instanceof EmailNotConfirmed) {
    const page = (
      <ErrorPage
        status={403}
        title={t('videos.confirmFirst.title')}
        message={t('videos.confirmFirst.message')}
        viewer={viewer}
      />
    )
    return c.html(page, 403)
  }
  if (err instanceof QuotaShortForVariants) {
    const message = t('variants.quota.short', {
      needed: err.needed,
      left: err.left,
      used: err.used,
      quota: err.quota,
      date: formatDate(locale, err.resetsAt, 'long'),
    })
    return c.html(<QuotaPage viewer={viewer} message={message} moreVideos={c.var.config.moreVideos} />, 403)
  }
  if (err instanceof StorageFull) {
    const page = (
      <ErrorPage status={403} title={t('videos.quota.title')} message={sayIn(translatorOf(c), err)} viewer={viewer} />
    )
    return c.html(page, 403)
  }
  throw err
}

function viewOf(c: Context<SignedInEnv>, variant: Variant): VariantView {
  const { video, shots } = withTranslatedReasons(translatorOf(c), variant)
  return {
    video,
    shots,
    position: variant.video.variantPosition ?? 1,
    template: variant.template,
    tone: variant.tone,
    music: variant.music,
    musicStartMs: variant.musicStartMs,
  }
}

variantRoutes.get('/:id', uuidParam, (c) => {
  const groupId = c.req.valid('param').id
  const variants = findVariantGroup(c.var.db, c.var.user.id, groupId)
  const first = variants[0]
  if (!first) return c.notFound()
  c.header('Cache-Control', 'no-store') // coming back shows where the renders are now
  return c.html(
    <ComparePage
      viewer={viewerOf(c)}
      groupId={groupId}
      briefId={first.video.briefId}
      product={first.video.title}
      variants={variants.map((v) => viewOf(c, v))}
      kept={c.req.query('kept') === '1'}
    />,
  )
})

const cardParam = notFoundUnless('param', z.object({ id: z.uuid(), videoId: z.uuid() }))

// A card still rendering asks for itself (htmx); the finished card carries no trigger, so polling stops.
variantRoutes.get('/:id/cards/:videoId', cardParam, (c) => {
  const { id, videoId } = c.req.valid('param')
  const variants = findVariantGroup(c.var.db, c.var.user.id, id)
  const variant = variants.find((v) => v.video.id === videoId)
  if (!variant) return c.notFound()
  c.header('Cache-Control', 'no-store')
  return c.html(
    <VariantCard lang={viewerOf(c).lang} groupId={id} variant={viewOf(c, variant)} canKeep={variants.length > 1} />,
  )
})

// "Keep this one": asks first (the dialog with JavaScript, a page without); only the owner's set.
variantRoutes.post('/:id/keep/:videoId', formBody, cardParam, async (c) => {
  const { id, videoId } = c.req.valid('param')
  const { db, user, config } = c.var
  if (!findVariantGroup(db, user.id, id).some((v) => v.video.id === videoId)) return c.notFound()
  if (!(await isConfirmed(c))) return askFirst(c, KEEP_VARIANT_CONFIRMATION, `/variants/${id}`)
  const deleted = await keepVariant(db, config.dataDir, user.id, id, videoId)
  if (deleted === null) return c.notFound()
  if (deleted > 0) c.var.deps.runtime.nudgeRenderer()
  return seeOther(c, `/variants/${id}?kept=1`)
})
