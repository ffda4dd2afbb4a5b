import { z } from 'zod'
import { aspectRatios } from '../../db/states.js'
import { ErrorPage } from '../../views/pages/error.js'
import { signedInRoutes } from '../accounts/middleware.js'
import { StorageFull } from '../accounts/storage-caps.js'
import { writeInAnotherFormat } from '../briefs/another-format.js'
import { formBody } from '../http/body-limits.js'
import { validForm } from '../http/forms.js'
import { notFoundUnless } from '../http/params.js'
import { sendFile } from '../http/send-file.js'
import { translatorOf, viewerOf } from '../http/viewer.js'
import { sayIn } from '../i18n/said.js'
import { videoPaths } from '../storage.js'
import { findOwnedVideo } from './library.js'
import { shotThumbnailPath } from './shot.js'

/**
 * What a video's page offers after (and during) a render (issue 23): the same brief in another
 * format, and the frames of finished shots. Every route asks for the video as its owner's: another
 * person's id is the same 404 as one that does not exist. "Duplicate and edit" and "Change and
 * render again" are links to the brief form (src/briefs/routes.tsx).
 */
export const nextStepRoutes = signedInRoutes()

const formatForm = z.object({ aspectRatio: z.enum(aspectRatios) })

// "Make it 1:1": a new screenplay version at that format, then the editor, ready to render.
nextStepRoutes.post(
  '/:id/format',
  notFoundUnless('param', z.object({ id: z.uuid() })),
  formBody,
  validForm(formatForm, (c) => c.notFound()),
  (c) => {
    const found = findOwnedVideo(c.var.db, c.var.user.id, c.req.valid('param').id)
    if (!found) return c.notFound()
    const { aspectRatio } = c.req.valid('form')
    const { video } = found
    let made: ReturnType<typeof writeInAnotherFormat>
    try {
      made = writeInAnotherFormat(c.var.db, c.var.user.id, video, aspectRatio)
    } catch (err) {
      if (!(err instanceof StorageFull)) throw err
      const lang = translatorOf(c)
      const page = (
        <ErrorPage status={403} title={lang.t('nextsteps.full')} message={sayIn(lang, err)} viewer={viewerOf(c)} />
      )
      return c.html(page, 403)
    }
    if (!made) return c.notFound()
    const said = made.kept ? 'kept' : 'fresh'
    return c.redirect(
      `/briefs/${video.briefId}/screenplay?version=${made.version.version}&made=${said}&from=${made.from}`,
      303,
    )
  },
)

const shotParam = notFoundUnless('param', z.object({ id: z.uuid(), frame: z.string().regex(/^[1-8]\.jpg$/) }))

// A finished shot's frame, shown on the render page while the others render. It lives beside the
// clips, so it goes with them when the video is done, failed or canceled.
nextStepRoutes.get('/:id/shots/:frame', shotParam, async (c) => {
  const { id, frame } = c.req.valid('param')
  const found = findOwnedVideo(c.var.db, c.var.user.id, id)
  if (!found) return c.notFound()
  const position = Number(frame.slice(0, -4))
  const clip = videoPaths(c.var.config.dataDir, found.video.userId, id).clip(position)
  const res = await sendFile(c, shotThumbnailPath(clip), { contentType: 'image/jpeg', cacheControl: 'private' })
  return res ?? c.notFound()
})
