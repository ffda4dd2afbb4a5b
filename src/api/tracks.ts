import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { MusicChoice } from '../../db/states.js'
import { uploadBody } from '../http/body-limits.js'
import type { ApiEnv } from '../http/env.js'
import { detail } from '../http/problem.js'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { TrackRejected } from '../tracks/audio.js'
import { deleteTrack, libraryTracks, listTracks, musicChoiceAllowed, TITLE_MAX } from '../tracks/service.js'
import { saveOwnTrack, trackForm, UploadRefused } from '../tracks/upload.js'
import { idempotent } from './idempotency.js'
import { invalid, json, notFound, problems, uploadRefusedProblem } from './openapi.js'
import { IdParam } from './schemas.js'

const iso = z.iso.datetime().openapi({ example: '2026-12-05T18:00:00.000Z' })

const TrackSchema = z
  .object({
    id: z.uuid(),
    music: z.string().openapi({
      description: "What a brief's `music` names it by.",
      example: 'track:7d1f0c2e-4b7a-4a57-9c59-2f3f1a0f6b11',
    }),
    title: z.string(),
    durationSeconds: z.number(),
    bytes: z.number().int(),
    createdAt: iso,
  })
  .openapi('Track')

const LibraryTrackSchema = z
  .object({
    music: z.string().openapi({ example: 'library:morning-coffee' }),
    title: z.string(),
    mood: z.string().nullable(),
    tempo: z.number().int().nullable(),
    licence: z.string(),
    attribution: z
      .string()
      .nullable()
      .openapi({ description: 'Shown on the video page and written into the MP4 when the licence asks for credit.' }),
  })
  .openapi('LibraryTrack')

const TrackUpload = z.object({
  track: z.instanceof(File, { error: 'music.upload.choose' satisfies MessageKey }).openapi({
    type: 'string',
    format: 'binary',
    description: 'MP3, M4A/AAC, WAV or OGG; at most 20 MB, 5 s to 5 minutes.',
  }),
  title: z.string().trim().min(1).max(TITLE_MAX).optional().openapi({ description: "Default: the file's name." }),
})

type TrackRow = ReturnType<typeof listTracks>[number]
const trackJson = (t: TrackRow) => ({
  id: t.id,
  music: `track:${t.id}`,
  title: t.title,
  durationSeconds: Math.round(t.durationMs / 100) / 10,
  bytes: t.bytes,
  createdAt: new Date(t.createdAt).toISOString(),
})

/** A person's own music through the API: upload, list (with the operator's library), delete. */
export function trackRoutes(hook: ConstructorParameters<typeof OpenAPIHono<ApiEnv>>[0]) {
  const routes = new OpenAPIHono<ApiEnv>(hook)

  routes.openapi(
    createRoute({
      method: 'post',
      path: '/tracks',
      tags: ['Music'],
      summary: 'Upload a track of your own',
      description:
        'The file is probed (ffprobe): anything that is not MP3, M4A/AAC, WAV or OGG audio, longer than 5 minutes or shorter than 5 s is refused; what passes is re-encoded to AAC without its tags. Choose it on a brief as `"music": "track:<id>"`.',
      middleware: [uploadBody, trackForm, idempotent],
      request: { body: { required: true, content: { 'multipart/form-data': { schema: TrackUpload } } } },
      responses: { 201: json(TrackSchema, 'The stored track.'), ...problems(403, 413, 415, 422, 503, 507) },
    }),
    async (c) => {
      const { track, title } = c.req.valid('form')
      try {
        return c.json(trackJson(await saveOwnTrack(c, track, title)), 201)
      } catch (err) {
        if (err instanceof TrackRejected) return invalid(c, [{ field: 'track', message: err.said }], err.said)
        if (err instanceof UploadRefused) return uploadRefusedProblem(c, err.refusal)
        throw err
      }
    },
  )

  routes.openapi(
    createRoute({
      method: 'get',
      path: '/tracks',
      tags: ['Music'],
      summary: "Your tracks and the operator's library",
      responses: {
        200: json(
          z.object({ data: z.array(TrackSchema), library: z.array(LibraryTrackSchema) }).openapi('TrackList'),
          "Your tracks, newest first, and the library's.",
        ),
        ...problems(),
      },
    }),
    (c) => {
      const library = libraryTracks(c.var.config.music.libraryDir, (message, fields) =>
        c.var.deps.logger.warn(fields, message),
      ).map((t) => ({
        music: `library:${t.slug}`,
        title: t.title,
        mood: t.mood,
        tempo: t.tempo,
        licence: t.licence,
        attribution: t.attribution,
      }))
      return c.json({ data: listTracks(c.var.db, c.var.user.id).map(trackJson), library }, 200)
    },
  )

  routes.openapi(
    createRoute({
      method: 'delete',
      path: '/tracks/{id}',
      tags: ['Music'],
      summary: 'Delete one of your tracks',
      description: 'Briefs that chose it keep the choice and render with a silent track until changed.',
      request: { params: IdParam },
      responses: { 204: { description: 'Deleted.' }, ...problems(404) },
    }),
    async (c) => {
      const gone = await deleteTrack(c.var.db, c.var.config.dataDir, c.var.user.id, c.req.valid('param').id)
      if (!gone) return notFound(c)
      return c.body(null, 204)
    },
  )
  return routes
}

/** A brief's `music` naming another person's track, or none that exists, is refused like a foreign image id. */
export const noSuchTrack = [{ field: 'music', message: detail('music.invalid.notYours') }]

export function musicAllowed(c: Context<ApiEnv>, music: MusicChoice): boolean {
  return musicChoiceAllowed(c.var.db, c.var.config.music.libraryDir, c.var.user.id, music, (message, fields) =>
    c.var.deps.logger.warn(fields, message),
  )
}
