import type { Context } from 'hono'
import { z } from 'zod'
import { MyMusicPage } from '../../views/music/my-music.js'
import { signedInRoutes } from '../accounts/middleware.js'
import { storageCaps, storageUsage } from '../accounts/storage-caps.js'
import { bodyLimit, bodyLimits, formBody } from '../http/body-limits.js'
import { ensureDiskRoom } from '../http/disk.js'
import type { SignedInEnv } from '../http/env.js'
import { notFoundUnless, uuidParam } from '../http/params.js'
import { Refusal } from '../http/refusal.js'
import { sendFile } from '../http/send-file.js'
import { viewerOf } from '../http/viewer.js'
import { sayIn } from '../i18n/said.js'
import { trackPath } from '../storage.js'
import { clock, TrackRejected } from './audio.js'
import { deleteTrack, findOwnedTrack, listTracks, renameTrack, TITLE_MAX } from './service.js'
import { saveOwnTrack, trackForm, UploadRefused } from './upload.js'

/** "My music" at /music: the person's own tracks (docs/music.md#your-own-tracks). */
export const musicRoutes = signedInRoutes()

const MB = 1024 * 1024

type Page = { notice?: { kind: 'success' | 'error'; text: string }; uploadError?: string; title?: string }

function page(c: Context<SignedInEnv>, extra: Page = {}, status: 200 | 403 | 413 | 422 | 429 | 503 | 507 = 200) {
  const { db, user } = c.var
  const usage = storageUsage(db, user.id)
  const caps = storageCaps(user.plan)
  const tracks = listTracks(db, user.id).map((t) => ({ id: t.id, title: t.title, length: clock(t.durationMs / 1000) }))
  const props = {
    viewer: viewerOf(c),
    tracks,
    usage: {
      used: usage.tracks,
      cap: caps.tracks,
      usedMegabytes: Math.round((usage.trackBytes / MB) * 10) / 10,
      capMegabytes: caps.trackMegabytes,
    },
    ...extra,
  }
  return c.html(<MyMusicPage {...props} />, status)
}

// A ?notice names what happened by id (the person's own track) or by a fixed word: never echoed input.
const noticeQuery = z.object({
  uploaded: z.uuid().optional(),
  renamed: z.uuid().optional(),
  done: z.enum(['deleted']).optional(),
})

musicRoutes.get('/', notFoundUnless('query', noticeQuery), (c) => {
  const { uploaded, renamed, done } = c.req.valid('query')
  const { t } = viewerOf(c).lang
  const named = uploaded ?? renamed
  const track = named ? findOwnedTrack(c.var.db, c.var.user.id, named) : undefined
  if (track)
    return page(c, {
      notice: { kind: 'success', text: t(uploaded ? 'music.upload.done' : 'music.renamed', { title: track.title }) },
    })
  if (done === 'deleted') return page(c, { notice: { kind: 'success', text: t('music.deleted') } })
  return page(c)
})

const tooLarge = bodyLimit(bodyLimits.upload.maxSize, (c) =>
  page(
    c as unknown as Context<SignedInEnv>,
    { uploadError: viewerOf(c as never).lang.t('music.upload.tooLarge') },
    413,
  ),
)

musicRoutes.post('/', tooLarge, trackForm, async (c) => {
  const form = await c.req.parseBody()
  const { t } = viewerOf(c).lang
  const title = typeof form.title === 'string' ? form.title.slice(0, 200) : undefined
  if (!(form.track instanceof File) || form.track.size === 0)
    return page(c, { uploadError: t('music.upload.choose'), ...(title ? { title } : {}) }, 422)
  if (title && [...title.trim()].length > TITLE_MAX)
    return page(c, { uploadError: t('music.title.invalid'), title }, 422)
  try {
    await ensureDiskRoom(c.var.deps)
    const track = await saveOwnTrack(c, form.track, title)
    return c.redirect(`/music?uploaded=${track.id}`, 303)
  } catch (err) {
    const lang = viewerOf(c).lang
    if (err instanceof TrackRejected)
      return page(c, { uploadError: sayIn(lang, err), ...(title ? { title } : {}) }, 422)
    if (err instanceof Refusal) return page(c, { uploadError: sayIn(lang, err) }, err.status)
    if (err instanceof UploadRefused) {
      c.header('Retry-After', String(err.refusal.retryAfterSeconds))
      return page(c, { uploadError: sayIn(lang, err) }, err.refusal.status)
    }
    throw err
  }
})

const renameForm = z.object({ title: z.string().trim().min(1).max(TITLE_MAX) })

musicRoutes.post('/:id/rename', formBody, uuidParam, async (c) => {
  const { id } = c.req.valid('param')
  const parsed = renameForm.safeParse(await c.req.parseBody())
  if (!findOwnedTrack(c.var.db, c.var.user.id, id)) return c.notFound()
  if (!parsed.success)
    return page(c, { notice: { kind: 'error', text: viewerOf(c).lang.t('music.title.invalid') } }, 422)
  renameTrack(c.var.db, c.var.user.id, id, parsed.data.title)
  return c.redirect(`/music?renamed=${id}`, 303)
})

musicRoutes.post('/:id/delete', formBody, uuidParam, async (c) => {
  const gone = await deleteTrack(c.var.db, c.var.config.dataDir, c.var.user.id, c.req.valid('param').id)
  return gone ? c.redirect('/music?done=deleted', 303) : c.notFound()
})

// Played only to its owner: anyone else gets the 404 of an id that never was.
musicRoutes.get('/:id/file', uuidParam, async (c) => {
  const track = findOwnedTrack(c.var.db, c.var.user.id, c.req.valid('param').id)
  if (!track) return c.notFound()
  const res = await sendFile(c, trackPath(c.var.config.dataDir, track.userId, track.id), {
    contentType: 'audio/mp4',
    etag: `${track.id}-${track.bytes}`,
    cacheControl: 'private, max-age=86400',
  })
  return res ?? c.notFound()
})
