import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { shotPhotos } from '../briefs/photos.js'
import { findScreenplayById, listScreenplays, saveScreenplayVersion } from '../briefs/screenplays.js'
import { findBrief } from '../briefs/service.js'
import type { ApiEnv } from '../http/env.js'
import { detail } from '../http/problem.js'
import { cleanEditedShots } from '../screenplay/edited.js'
import { writeScreenplay } from '../screenplay/engine.js'
import { type SavedScreenplay, savedScreenplaySchema } from '../screenplay/saved.js'
import { beatKinds, cameraMoves, transitions } from '../screenplay/schema.js'
import { templateById } from '../screenplay/templates/index.js'
import { fieldErrors } from './field-errors.js'
import { jsonPost } from './idempotency.js'
import { invalid, json, notFound, problems } from './openapi.js'
import { IdParam, ScreenplaySchema } from './schemas.js'
import { screenplayJson } from './serialize.js'

const EditedShotSchema = z
  .object({
    prompt: z.string().max(20_000),
    caption: z.string().max(2_000).default(''),
    durationSeconds: z.union([z.literal(5), z.literal(10)]),
    camera: z.enum(cameraMoves).default('static'),
    beat: z.enum(beatKinds).default('feature'),
    transition: z.enum(transitions).default('cut'),
    imageId: z.uuid().optional().openapi({
      description: "One of the brief's photos for LibTV to animate in this shot; the main photo when left out.",
    }),
  })
  .openapi('EditedShot')

const ScreenplayCreate = z
  .object({
    shots: z.array(EditedShotSchema).max(20).optional().openapi({
      description:
        'Your edited shots, in order, checked as the editor checks them. Leave out to let the engine write them.',
    }),
    template: z
      .string()
      .max(40)
      .optional()
      .openapi({ description: "A template id; the brief's template when left out." }),
    take: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .default(0)
      .openapi({ description: 'Which of the engine’s variations.' }),
  })
  .openapi('ScreenplayCreate')

export function screenplayRoutes(hook: ConstructorParameters<typeof OpenAPIHono<ApiEnv>>[0]) {
  const routes = new OpenAPIHono<ApiEnv>(hook)

  routes.openapi(
    createRoute({
      method: 'post',
      path: '/briefs/{id}/screenplays',
      tags: ['Screenplays'],
      summary: 'Save a new screenplay version of a brief',
      middleware: jsonPost,
      request: {
        params: IdParam,
        body: { required: false, content: { 'application/json': { schema: ScreenplayCreate } } },
      },
      responses: { 201: json(ScreenplaySchema, 'The saved version.'), ...problems(400, 403, 404, 415, 422) },
    }),
    (c) => {
      const saved = findBrief(c.var.db, c.var.user.id, c.req.valid('param').id)
      if (!saved) return notFound(c, 'brief')
      // The body may be left out entirely: then the engine writes the brief's own template, take 0.
      const body = c.req.valid('json') ?? { take: 0 }
      const template = body.template === undefined ? saved.brief.template : templateById(body.template)?.id
      if (!template) return invalid(c, [{ field: 'template', message: detail('api.problem.noTemplate') }])
      let screenplay: SavedScreenplay = writeScreenplay(saved.brief, body.take ?? 0, template, shotPhotos(saved.photos))
      if (body.shots) {
        // A shot names one of this brief's photos, never any other image (another person's included).
        const held = new Set(saved.photos.map((photo) => photo.image.id))
        const foreign = body.shots.flatMap((shot, i) =>
          shot.imageId && !held.has(shot.imageId)
            ? [{ field: `shots.${i}.imageId`, message: detail('photos.problem.notBriefPhoto') }]
            : [],
        )
        if (foreign.length > 0) return invalid(c, foreign)
        const { shots, problems: shotProblems } = cleanEditedShots(body.shots)
        if (shotProblems.length > 0) {
          return invalid(
            c,
            shotProblems.map((p) => ({ field: `shots.${p.position - 1}.${p.field}`, message: p.said })),
          )
        }
        const lengthSeconds = shots.reduce((sum, shot) => sum + shot.durationSeconds, 0)
        const checked = savedScreenplaySchema.safeParse({ ...screenplay, lengthSeconds, shots })
        if (!checked.success) return invalid(c, fieldErrors(checked.error))
        screenplay = checked.data
      }
      const version = saveScreenplayVersion(c.var.db, c.var.user.id, saved.id, screenplay)
      return c.json(screenplayJson(version), 201)
    },
  )

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/briefs/{id}/screenplays',
      tags: ['Screenplays'],
      summary: 'Every saved version of a brief’s screenplay, newest first',
      request: { params: IdParam },
      responses: {
        200: json(z.object({ data: z.array(ScreenplaySchema) }).openapi('ScreenplayList'), 'The versions.'),
        ...problems(404),
      },
    }),
    (c) => {
      const saved = findBrief(c.var.db, c.var.user.id, c.req.valid('param').id)
      if (!saved) return notFound(c, 'brief')
      return c.json({ data: listScreenplays(c.var.db, c.var.user.id, saved.id).map(screenplayJson) }, 200)
    },
  )

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/screenplays/{id}',
      tags: ['Screenplays'],
      summary: 'One saved screenplay version',
      request: { params: IdParam },
      responses: { 200: json(ScreenplaySchema, 'The version.'), ...problems(404) },
    }),
    (c) => {
      const version = findScreenplayById(c.var.db, c.var.user.id, c.req.valid('param').id)
      return version ? c.json(screenplayJson(version), 200) : notFound(c, 'screenplay')
    },
  )
  return routes
}
