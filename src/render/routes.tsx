import { zValidator } from '@hono/zod-validator'
import { Hono } from 'hono'
import { z } from 'zod'
import { longDate as day } from '../../views/components/dates.js'
import { ErrorPage } from '../../views/pages/error.js'
import { LibraryPage } from '../../views/videos/library.js'
import { VideoStatus } from '../../views/videos/status.js'
import { VideoPage } from '../../views/videos/video.js'
import { requireUser } from '../accounts/middleware.js'
import type { AppEnv } from '../http/env.js'
import { sendFile } from '../http/send-file.js'
import { viewerOf } from '../http/viewer.js'
import { videoPaths } from './files.js'
import { findOwnedVideo, isFinished, listVideos } from './library.js'
import { cancelVideo } from './queue.js'
import { QuotaExceeded, ScreenplayNotFound, submitRender } from './submit.js'

export const renderRoutes = new Hono<AppEnv>()
renderRoutes.use('/screenplays/*', requireUser)
renderRoutes.use('/videos', requireUser)
renderRoutes.use('/videos/*', requireUser)

const notFound = {
  hook: (result: { success: boolean }, c: { notFound: () => Response | Promise<Response> }) =>
    result.success ? undefined : c.notFound(),
}
const idParam = zValidator('param', z.object({ id: z.uuid() }), notFound.hook)

renderRoutes.post('/screenplays/:id/render', idParam, (c) => {
  try {
    const video = submitRender(c.var.db, c.var.user!.id, c.req.valid('param').id, c.var.config.libtv.model)
    c.var.deps.runtime.nudgeRenderer()
    return c.redirect(`/videos/${video.id}`, 303)
  } catch (err) {
    if (err instanceof ScreenplayNotFound) return c.notFound()
    if (err instanceof QuotaExceeded) {
      const message = `You have used ${err.used} of your ${err.quota} videos this month. Your quota resets on ${day.format(err.resetsAt)} (UTC). Nothing was started.`
      return c.html(
        <ErrorPage status={403} title="Monthly video limit reached" message={message} viewer={viewerOf(c)} />,
        403,
      )
    }
    throw err
  }
})

renderRoutes.get(
  '/videos',
  zValidator('query', z.object({ page: z.coerce.number().int().min(1).max(10_000).default(1) }), notFound.hook),
  (c) => {
    const { page } = c.req.valid('query')
    const library = listVideos(c.var.db, c.var.user!.id, page)
    return c.html(
      <LibraryPage
        viewer={viewerOf(c)}
        videos={library.videos}
        page={page}
        pages={library.pages}
        total={library.total}
      />,
    )
  },
)

renderRoutes.get('/videos/:id', idParam, (c) => {
  const found = findOwnedVideo(c.var.db, c.var.user!.id, c.req.valid('param').id)
  if (!found) return c.notFound()
  return c.html(<VideoPage viewer={viewerOf(c)} video={found.video} shots={found.shots} />)
})

// Polled by htmx while the video renders; when it finishes, the page reloads to show the player.
renderRoutes.get('/videos/:id/status', idParam, (c) => {
  const found = findOwnedVideo(c.var.db, c.var.user!.id, c.req.valid('param').id)
  if (!found) return c.notFound()
  if (isFinished(found.video.status)) c.header('HX-Refresh', 'true')
  c.header('Cache-Control', 'no-store')
  return c.html(<VideoStatus video={found.video} shots={found.shots} />)
})

renderRoutes.post('/videos/:id/cancel', idParam, (c) => {
  const { id } = c.req.valid('param')
  const found = findOwnedVideo(c.var.db, c.var.user!.id, id)
  if (!found) return c.notFound()
  cancelVideo(c.var.db, c.var.user!.id, id)
  c.var.deps.runtime.nudgeRenderer()
  return c.redirect(`/videos/${id}`, 303)
})

const fileParam = zValidator(
  'param',
  z.object({ id: z.uuid(), file: z.enum(['video.mp4', 'poster.jpg']) }),
  notFound.hook,
)

// Files go only to their owner, streamed with Range support so the player can seek.
renderRoutes.get('/videos/:id/:file', fileParam, async (c) => {
  const { id, file } = c.req.valid('param')
  const found = findOwnedVideo(c.var.db, c.var.user!.id, id)
  if (found?.video.status !== 'done') return c.notFound()
  const paths = videoPaths(c.var.config.dataDir, found.video.userId, id)
  const isVideo = file === 'video.mp4'
  const download = c.req.query('download') !== undefined
  const res = await sendFile(c, isVideo ? paths.video : paths.poster, {
    contentType: isVideo ? 'video/mp4' : 'image/jpeg',
    etag: `${id}-${file}-${found.video.finishedAt}`,
    disposition: download ? attachment(found.video.title, '.mp4') : 'inline',
  })
  return res ?? c.notFound()
})

renderRoutes.get('/videos/:id/clips/:position{[0-9]+\\.mp4}', async (c) => {
  const parsed = z
    .object({ id: z.uuid(), position: z.coerce.number().int().min(1).max(8) })
    .safeParse({ id: c.req.param('id'), position: c.req.param('position').replace('.mp4', '') })
  if (!parsed.success) return c.notFound()
  const { id, position } = parsed.data
  const found = findOwnedVideo(c.var.db, c.var.user!.id, id)
  if (!found?.shots.some((s) => s.position === position && s.status === 'done')) return c.notFound()
  const res = await sendFile(c, videoPaths(c.var.config.dataDir, found.video.userId, id).clip(position), {
    contentType: 'video/mp4',
    disposition:
      c.req.query('download') !== undefined ? attachment(found.video.title, `-shot-${position}.mp4`) : 'inline',
  })
  return res ?? c.notFound()
})

/** An ASCII file name for every browser, plus the real (e.g. Chinese) name as RFC 6266 filename*. */
function attachment(title: string, suffix: string): string {
  // RFC 5987 attr-chars only: encodeURIComponent leaves ' ( ) * ! which the syntax reserves.
  const name = `${
    title
      .replace(/[\u0000-\u001f\u007f/\\]/g, ' ')
      .trim()
      .slice(0, 80) || 'lumina-video'
  }${suffix}`
  const utf8 = encodeURIComponent(name).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${downloadName(title)}${suffix}"; filename*=UTF-8''${utf8}`
}

/** A file name from the product name: ASCII letters, digits and dashes only, so no header injection. */
export function downloadName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // "Crème" → "Creme", not "Cre-me"
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase()
  return slug || 'lumina-video'
}
