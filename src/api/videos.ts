import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { isVideoFinished, type VideoStatus } from '../../db/states.js'
import { findScreenplayById } from '../briefs/screenplays.js'
import type { ApiEnv } from '../http/env.js'
import { detail } from '../http/problem.js'
import { sendFile } from '../http/send-file.js'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { deleteVideo } from '../render/delete.js'
import { findOwnedVideo } from '../render/library.js'
import { cancelVideo } from '../render/outcomes.js'
import { listVideosAfter } from '../render/pages.js'
import { EmailNotConfirmed, QuotaExceeded, ScreenplayNotFound, submitRender } from '../render/submit.js'
import { videoPaths } from '../storage.js'
import { BriefNotFound, makeVariants, QuotaShortForVariants } from '../variants/service.js'
import { jsonPost, photoPost } from './idempotency.js'
import { renderFromPhoto } from './one-call.js'
import { cursors, fail, invalid, iso, json, notFound, problems } from './openapi.js'
import {
  apiVideoStatuses,
  IdParam,
  ListQuery,
  listOf,
  VideoCreateSchema,
  VideoSchema,
  VideoVariantsSchema,
} from './schemas.js'
import { videoJson } from './serialize.js'

const OneCallSchema = z
  .object({
    image: z
      .union([z.instanceof(File), z.array(z.instanceof(File))], {
        error: 'api.field.imageMissing' satisfies MessageKey,
      })
      .openapi({
        type: 'array',
        items: { type: 'string', format: 'binary' },
        description:
          'The product photos (JPEG, PNG or WebP, ≤ 15 MB each, 20 MB in all): 1 to 5 parts named `image`, in order. Their roles follow the order: main, detail, in-use, then other.',
      }),
    brief: z.string({ error: 'api.field.briefMissing' satisfies MessageKey }).openapi({
      description: 'The brief as JSON text: the fields of POST /briefs without imageId.',
      example: JSON.stringify({
        productName: 'Aura X2 Headphones',
        description: 'Wireless over-ear headphones with adaptive noise cancelling.',
        sellingPoints: ['40-hour battery', 'Adaptive noise cancelling'],
        audience: 'Commuters and remote workers',
        callToAction: 'Order yours today',
      }),
    }),
  })
  .openapi('VideoFromPhoto')

/** The answer to a render the monthly quota does not allow: when it resets, and nothing created. */
export function quotaProblem(c: Context, err: QuotaExceeded): never {
  return fail(
    c,
    403,
    'Monthly video quota used up',
    detail('api.problem.quotaUsed', { used: String(err.used), quota: String(err.quota), resetsAt: iso(err.resetsAt) }),
    [],
    {},
    { slug: 'quota-exceeded', used: err.used, quota: err.quota, resetsAt: iso(err.resetsAt) },
  )
}

/** Variants asked for with fewer videos left this month: how many were needed and are left, nothing created. */
function variantsQuotaProblem(c: Context, err: QuotaShortForVariants): never {
  const values = { needed: err.needed, left: err.left, used: err.used, quota: err.quota, resetsAt: iso(err.resetsAt) }
  return fail(
    c,
    403,
    'Monthly video quota used up',
    detail('variants.api.quotaShort', values),
    [],
    {},
    { slug: 'quota-exceeded', ...values },
  )
}

function renderOne(c: Context<ApiEnv>, screenplayId: string) {
  const video = submitRender(c.var.db, c.var.user.id, screenplayId, c.var.config.libtv.model)
  return { videoIds: [video.id], variants: false }
}

/** Variants of the brief the screenplay belongs to (only the person's own: otherwise a 404). */
function renderVariants(c: Context<ApiEnv>, screenplayId: string, count: number) {
  const screenplay = findScreenplayById(c.var.db, c.var.user.id, screenplayId)
  if (!screenplay) throw new ScreenplayNotFound()
  try {
    const made = makeVariants(c.var.db, c.var.user.id, screenplay.briefId, count, c.var.config.libtv.model)
    return { videoIds: made.videos.map((v) => v.id), variants: true }
  } catch (err) {
    if (err instanceof BriefNotFound) throw new ScreenplayNotFound()
    throw err
  }
}

export function videoRoutes(hook: ConstructorParameters<typeof OpenAPIHono<ApiEnv>>[0]) {
  const routes = new OpenAPIHono<ApiEnv>(hook)
  const origin = (c: Context<ApiEnv>) => c.var.config.baseUrl.origin
  const show = (c: Context<ApiEnv>, id: string) => {
    const found = findOwnedVideo(c.var.db, c.var.user.id, id)
    return found && videoJson(found.video, found.shots, origin(c))
  }

  routes.openapi(
    createRoute({
      method: 'post',
      path: '/videos',
      tags: ['Videos'],
      summary: 'Render a video',
      description:
        'With JSON `{ "screenplayId" }`, renders a saved screenplay. With multipart/form-data (1 to 5 files `image` and a field `brief` holding the brief as JSON), creates the photos, the brief, its default screenplay and the render in one call. Either way the answer is 202 with the queued video; poll GET /videos/{id} or receive a webhook.\n\nWith `"variants": 2–4` (beside `screenplayId`, or inside the `brief` JSON of the one call), makes that many variants of the brief instead: each its own template, tone, music and take, written as a new screenplay version, and each an ordinary video counted as one against the monthly quota. All start or none does: with fewer videos left than asked, the answer is 403 and nothing is created. The answer is then 202 with `{ "data": [ <video>, … ] }`.',
      // Photos stream to DATA_DIR/tmp as they arrive, never whole in memory (src/http/multipart.ts).
      middleware: photoPost,
      request: {
        // Either body; each is validated only when it is the one sent.
        body: {
          required: false,
          content: {
            'application/json': { schema: VideoCreateSchema },
            'multipart/form-data': { schema: OneCallSchema },
          },
        },
      },
      responses: {
        202: json(
          z.union([VideoSchema, VideoVariantsSchema]),
          'The queued video; with `variants`, `{ "data": [ <video>, … ] }`, the queued variants.',
        ),
        ...problems(400, 403, 404, 413, 415, 422, 503, 507),
      },
    }),
    async (c) => {
      const multipart = (c.req.header('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')
      try {
        let made: { videoIds: string[]; variants: boolean }
        if (multipart) {
          const result = await renderFromPhoto(
            c,
            c.req.valid('form') as unknown as { image: File | File[]; brief: string },
          )
          if (!result.ok) return invalid(c, result.errors)
          made = result
        } else {
          const { screenplayId, variants } = c.req.valid('json') as { screenplayId?: string; variants?: number }
          if (!screenplayId) {
            return invalid(c, [{ field: 'screenplayId', message: detail('api.problem.screenplayOrPhoto') }])
          }
          made = variants === undefined ? renderOne(c, screenplayId) : renderVariants(c, screenplayId, variants)
        }
        c.var.deps.runtime.nudgeRenderer()
        const [videoId] = made.videoIds
        if (!made.variants && videoId) {
          return c.json(show(c, videoId)!, 202, { Location: `/api/v1/videos/${videoId}` })
        }
        return c.json({ data: made.videoIds.map((id) => show(c, id)!) }, 202)
      } catch (err) {
        if (err instanceof ScreenplayNotFound) return notFound(c, 'screenplay')
        if (err instanceof QuotaShortForVariants) return variantsQuotaProblem(c, err)
        if (err instanceof QuotaExceeded) return quotaProblem(c, err)
        if (err instanceof EmailNotConfirmed) {
          return fail(c, 403, 'Email address not confirmed', detail('api.problem.emailNotConfirmed'))
        }
        throw err
      }
    },
  )

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/videos',
      tags: ['Videos'],
      summary: 'Your videos, newest first',
      request: {
        query: ListQuery.extend({
          status: z
            .enum(apiVideoStatuses)
            .optional()
            .openapi({ param: { name: 'status', in: 'query' }, description: 'Only videos in this state.' }),
        }),
      },
      responses: { 200: json(listOf(VideoSchema, 'VideoList'), 'One page of videos.'), ...problems(422) },
    }),
    (c) => {
      const { limit, cursor, status } = c.req.valid('query')
      const after = cursors.decode(cursor)
      if (after === null) return invalid(c, [{ field: 'cursor', message: detail('api.problem.unknownCursor') }])
      const stored: VideoStatus | undefined = status === 'succeeded' ? 'done' : status
      const page = listVideosAfter(c.var.db, c.var.user.id, limit + 1, { after, status: stored })
      const data = page.slice(0, limit).map((video) => show(c, video.id)!)
      const last = page[limit - 1]
      const nextCursor = page.length > limit && last ? cursors.encode(last.createdAt, last.id) : null
      return c.json({ data, nextCursor }, 200)
    },
  )

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/videos/{id}',
      tags: ['Videos'],
      summary: 'One video, with each shot’s progress',
      request: { params: IdParam },
      responses: { 200: json(VideoSchema, 'The video.'), ...problems(404) },
    }),
    (c) => {
      const video = show(c, c.req.valid('param').id)
      return video ? c.json(video, 200) : notFound(c, 'video')
    },
  )

  for (const [name, file, contentType] of [
    ['file', 'video', 'video/mp4'],
    ['poster', 'poster', 'image/jpeg'],
  ] as const) {
    routes.openapi(
      createRoute({
        method: 'get',
        path: `/videos/{id}/${name}`,
        tags: ['Videos'],
        summary: name === 'file' ? 'The MP4 (Range requests supported)' : 'The poster frame (JPEG)',
        request: { params: IdParam },
        responses: {
          200: {
            description: 'The file.',
            content: { [contentType]: { schema: z.string().openapi({ format: 'binary' }) } },
          },
          206: { description: 'The requested range of the file.' },
          ...problems(404),
        },
      }),
      async (c) => {
        const found = findOwnedVideo(c.var.db, c.var.user.id, c.req.valid('param').id)
        if (found?.video.status !== 'done') return notFound(c, 'finished video')
        const paths = videoPaths(c.var.config.dataDir, found.video.userId, found.video.id)
        const res = await sendFile(c, paths[file], {
          contentType,
          etag: `${found.video.id}-${name}-${found.video.finishedAt}`,
          disposition: 'inline',
        })
        return (res ?? notFound(c, 'finished video')) as never
      },
    )
  }

  routes.openapi(
    createRoute({
      method: 'post',
      path: '/videos/{id}/cancel',
      tags: ['Videos'],
      summary: 'Cancel a render in progress',
      description:
        'Free while LibTV has accepted none of its shots: the usage record is voided. After that, LibTV has charged for the work, so the video still counts against the monthly quota (GET /usage shows it).',
      middleware: jsonPost,
      request: { params: IdParam },
      responses: { 200: json(VideoSchema, 'The canceled video.'), ...problems(404, 409) },
    }),
    (c) => {
      const { id } = c.req.valid('param')
      const found = findOwnedVideo(c.var.db, c.var.user.id, id)
      if (!found) return notFound(c, 'video')
      if (isVideoFinished(found.video.status) || !cancelVideo(c.var.db, c.var.user.id, id, true).canceled) {
        return fail(c, 409, 'Already finished', detail('api.problem.alreadyFinished', { status: found.video.status }))
      }
      c.var.deps.runtime.nudgeRenderer()
      return c.json(show(c, id)!, 200)
    },
  )

  routes.openapi(
    createRoute({
      method: 'delete',
      path: '/videos/{id}',
      tags: ['Videos'],
      summary: 'Delete a video and its files',
      description: 'A render in progress is canceled first. Usage already counted stays counted.',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted.' }, ...problems(404) },
    }),
    async (c) => {
      const deleted = await deleteVideo(c.var.db, c.var.config.dataDir, c.var.user.id, c.req.valid('param').id)
      if (deleted) c.var.deps.runtime.nudgeRenderer()
      return deleted ? c.body(null, 204) : notFound(c, 'video')
    },
  )
  return routes
}
