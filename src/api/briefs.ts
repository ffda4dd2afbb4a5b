import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { listBriefsAfter } from '../briefs/pages.js'
import { ownedPhotos, type PhotoChoice, PhotoNotOwned } from '../briefs/photos.js'
import { createBrief, deleteBrief, findBrief, updateBrief } from '../briefs/service.js'
import { apiBody } from '../http/body-limits.js'
import type { ApiEnv } from '../http/env.js'
import { detail } from '../http/problem.js'
import { briefDefaults, briefWithPreset, presetBriefSchema } from '../screenplay/brief.js'
import { fieldErrors } from './field-errors.js'
import { jsonPost } from './idempotency.js'
import { cursors, invalid, json, notFound, problems } from './openapi.js'
import { BriefCreateSchema, BriefPatchSchema, BriefSchema, IdParam, ListQuery, listOf } from './schemas.js'
import { briefJson } from './serialize.js'
import { musicAllowed, noSuchTrack } from './tracks.js'

// `photos` wins; an older client's `imageId` alone means that photo as the main one.
function photoChoices(body: { photos?: PhotoChoice[] | undefined; imageId?: string | undefined }) {
  return body.photos ?? (body.imageId ? [{ imageId: body.imageId, role: 'main' as const }] : undefined)
}

/** The field errors for photos that are not the caller's (another person's look the same as none). */
function photoProblems(
  c: Parameters<typeof invalid>[0],
  userId: string,
  choices: PhotoChoice[],
  named: 'photos' | 'imageId',
) {
  try {
    ownedPhotos(c.var.db, userId, choices)
    return []
  } catch (err) {
    if (!(err instanceof PhotoNotOwned)) throw err
    const field = named === 'photos' ? `photos.${err.position}.imageId` : 'imageId'
    return [{ field, message: detail('api.problem.noSuchImageUpload') }]
  }
}

export function briefRoutes(hook: ConstructorParameters<typeof OpenAPIHono<ApiEnv>>[0]) {
  const routes = new OpenAPIHono<ApiEnv>(hook)

  routes.openapi(
    createRoute({
      method: 'post',
      path: '/briefs',
      tags: ['Briefs'],
      summary: 'Create a brief',
      middleware: jsonPost,
      description: `Tone, template, aspect ratio, length, language, music and its volume default to ${JSON.stringify(briefDefaults)} when left out; a \`preset\` sets the aspect ratio and resolution left out to the platform's (see docs/formats.md), and refuses a ratio or length the platform does not take.`,
      request: { body: { required: true, content: { 'application/json': { schema: BriefCreateSchema } } } },
      responses: { 201: json(BriefSchema, 'The new brief.'), ...problems(400, 403, 415, 422) },
    }),
    (c) => {
      const { imageId, photos, ...fields } = c.req.valid('json')
      // A preset fills in the shape and resolution left out; a value it forbids is a 422 on that field.
      const brief = presetBriefSchema.safeParse(briefWithPreset(briefDefaults, fields))
      if (!brief.success) return invalid(c, fieldErrors(brief.error))
      const choices = photoChoices({ photos, imageId })
      if (!choices) return invalid(c, [{ field: 'photos', message: detail('photos.problem.missing') }])
      const refused = photoProblems(c, c.var.user.id, choices, photos ? 'photos' : 'imageId')
      if (refused.length > 0) return invalid(c, refused)
      if (!musicAllowed(c, brief.data.music)) return invalid(c, noSuchTrack)
      return c.json(briefJson(createBrief(c.var.db, c.var.user.id, brief.data, choices)), 201)
    },
  )

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/briefs',
      tags: ['Briefs'],
      summary: 'Your briefs, most recently changed first',
      request: { query: ListQuery },
      responses: { 200: json(listOf(BriefSchema, 'BriefList'), 'One page of briefs.'), ...problems(422) },
    }),
    (c) => {
      const { limit, cursor } = c.req.valid('query')
      const after = cursors.decode(cursor)
      if (after === null) return invalid(c, [{ field: 'cursor', message: detail('api.problem.unknownCursor') }])
      const page = listBriefsAfter(c.var.db, c.var.user.id, limit + 1, after)
      const data = page.slice(0, limit)
      const last = data.at(-1)
      const nextCursor = page.length > limit && last ? cursors.encode(last.updatedAt, last.id) : null
      return c.json({ data: data.map(briefJson), nextCursor }, 200)
    },
  )

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/briefs/{id}',
      tags: ['Briefs'],
      summary: 'One brief',
      request: { params: IdParam },
      responses: { 200: json(BriefSchema, 'The brief.'), ...problems(404) },
    }),
    (c) => {
      const saved = findBrief(c.var.db, c.var.user.id, c.req.valid('param').id)
      return saved ? c.json(briefJson(saved), 200) : notFound(c, 'brief')
    },
  )

  routes.openapi(
    createRoute({
      method: 'patch',
      path: '/briefs/{id}',
      tags: ['Briefs'],
      summary: 'Change some fields of a brief',
      middleware: [apiBody] as const,
      request: {
        params: IdParam,
        body: { required: true, content: { 'application/json': { schema: BriefPatchSchema } } },
      },
      responses: { 200: json(BriefSchema, 'The brief as it now is.'), ...problems(400, 404, 415, 422) },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const saved = findBrief(c.var.db, c.var.user.id, id)
      if (!saved) return notFound(c, 'brief')
      const { imageId, photos, ...sent } = c.req.valid('json')
      // null clears a colour: the brief schema reads '' as none.
      const cleared = (colour: string | null | undefined) => (colour === null ? '' : colour)
      const fields = { ...sent, brandColor: cleared(sent.brandColor), accentColor: cleared(sent.accentColor) }
      const brief = presetBriefSchema.safeParse(briefWithPreset(saved.brief, fields))
      if (!brief.success) return invalid(c, fieldErrors(brief.error))
      // Left out, the photos stay as they are.
      const choices = photoChoices({ photos, imageId })
      const refused = choices ? photoProblems(c, c.var.user.id, choices, photos ? 'photos' : 'imageId') : []
      if (refused.length > 0) return invalid(c, refused)
      // Asked only of a choice sent now: a PATCH of other fields keeps a saved one as it is.
      if (fields.music !== undefined && !musicAllowed(c, brief.data.music)) return invalid(c, noSuchTrack)
      const updated = await updateBrief(c.var.db, c.var.config.dataDir, c.var.user.id, id, brief.data, choices)
      return updated ? c.json(briefJson(updated), 200) : notFound(c, 'brief')
    },
  )

  routes.openapi(
    createRoute({
      method: 'delete',
      path: '/briefs/{id}',
      tags: ['Briefs'],
      summary: 'Delete a brief with its screenplays and videos',
      description: 'Its photos go too, each unless another brief uses it. Usage already counted stays counted.',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted.' }, ...problems(404) },
    }),
    async (c) => {
      const deleted = await deleteBrief(c.var.db, c.var.config.dataDir, c.var.user.id, c.req.valid('param').id)
      return deleted ? c.body(null, 204) : notFound(c, 'brief')
    },
  )
  return routes
}
