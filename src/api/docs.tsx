import type { OpenAPIHono } from '@hono/zod-openapi'
import { Hono } from 'hono'
import { ApiDocsPage, type FieldView, type OperationView, type ProblemTypeView } from '../../views/docs/api.js'
import type { ApiEnv, AppEnv } from '../http/env.js'
import { viewerOf } from '../http/viewer.js'
import { API_INFO } from './routes.js'

type Schema = {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  format?: string
  items?: Schema
  anyOf?: Schema[]
  properties?: Record<string, Schema>
  required?: string[]
  description?: string
}
type Doc = ReturnType<OpenAPIHono['getOpenAPI31Document']>

export const PROBLEM_TYPES: ProblemTypeView[] = [
  { slug: 'malformed', status: 400, title: 'Malformed request', description: 'api.docs.problem.malformed' },
  {
    slug: 'unauthorized',
    status: 401,
    title: 'No valid key',
    description: 'api.docs.problem.unauthorized',
  },
  {
    slug: 'quota-exceeded',
    status: 403,
    title: 'Monthly video quota used up',
    description: 'api.docs.problem.quotaExceeded',
  },
  {
    slug: 'storage-full',
    status: 403,
    title: 'Storage cap reached',
    description: 'api.docs.problem.storageFull',
  },
  { slug: 'forbidden', status: 403, title: 'Not allowed', description: 'api.docs.problem.forbidden' },
  { slug: 'not-found', status: 404, title: 'Not found', description: 'api.docs.problem.notFound' },
  { slug: 'conflict', status: 409, title: 'Conflict', description: 'api.docs.problem.conflict' },
  { slug: 'too-large', status: 413, title: 'Too large', description: 'api.docs.problem.tooLarge' },
  {
    slug: 'unsupported-media-type',
    status: 415,
    title: 'Unsupported media type',
    description: 'api.docs.problem.unsupportedMediaType',
  },
  {
    slug: 'validation',
    status: 422,
    title: 'Invalid input',
    description: 'api.docs.problem.validation',
  },
  {
    slug: 'idempotency-mismatch',
    status: 422,
    title: 'Idempotency-Key reused',
    description: 'api.docs.problem.idempotencyMismatch',
  },
  { slug: 'rate-limited', status: 429, title: 'Too many requests', description: 'api.docs.problem.rateLimited' },
  { slug: 'server-error', status: 500, title: 'Server error', description: 'api.docs.problem.serverError' },
  {
    slug: 'insufficient-storage',
    status: 507,
    title: 'Server short of disk space',
    description: 'api.docs.problem.insufficientStorage',
  },
  { slug: 'unavailable', status: 503, title: 'Busy', description: 'api.docs.problem.unavailable' },
]

function resolve(doc: Doc, schema: Schema | undefined): Schema {
  if (!schema?.$ref) return schema ?? {}
  const name = schema.$ref.split('/').at(-1)!
  return resolve(doc, (doc.components?.schemas as Record<string, Schema> | undefined)?.[name])
}

function typeName(doc: Doc, raw: Schema | undefined): string {
  const schema = resolve(doc, raw)
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ')
  if (schema.anyOf) return schema.anyOf.map((s) => typeName(doc, s)).join(' | ')
  if (schema.type === 'array') return `${typeName(doc, schema.items)}[]`
  if (raw?.$ref) return raw.$ref.split('/').at(-1)!
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any')
  return schema.format ? `${type} (${schema.format})` : type
}

function fieldsOf(doc: Doc, raw: Schema | undefined): FieldView[] {
  const schema = resolve(doc, raw)
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    type: typeName(doc, property),
    required: schema.required?.includes(name) ?? false,
    description: resolve(doc, property).description,
  }))
}

/** The OpenAPI document as a page's plain view model: operations in document order. */
export function operationsOf(doc: Doc): OperationView[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) => {
      const op = (item as Record<string, Record<string, unknown>>)[method]
      if (!op) return []
      const params = (
        (op.parameters as { name: string; in: string; required?: boolean; schema?: Schema; description?: string }[]) ??
        []
      ).map((p) => ({
        name: `${p.name} (${p.in})`,
        type: typeName(doc, p.schema),
        required: p.required ?? false,
        description: p.description,
      }))
      const content = ((op.requestBody as { content?: Record<string, { schema?: Schema }> })?.content ?? {}) as Record<
        string,
        { schema?: Schema }
      >
      return [
        {
          id: `${method}-${path.replace(/[^a-z0-9]+/gi, '-')}`,
          method: method.toUpperCase(),
          path,
          tag: ((op.tags as string[]) ?? ['Other'])[0]!,
          summary: String(op.summary ?? ''),
          description: op.description as string | undefined,
          params,
          body: Object.entries(content).map(([mediaType, media]) => ({
            mediaType,
            fields: fieldsOf(doc, media.schema),
          })),
          responses: Object.entries((op.responses as Record<string, { description: string }>) ?? {}).map(
            ([status, r]) => ({ status, description: r.description }),
          ),
        },
      ]
    }),
  )
}

/** /docs/api: readable reference docs, rendered here from the same document (no CDN, no script). */
export function apiDocsRoutes(api: OpenAPIHono<ApiEnv>) {
  let operations: OperationView[] | undefined
  const routes = new Hono<AppEnv>()
  routes.get('/api', (c) => {
    operations ??= operationsOf(api.getOpenAPI31Document({ openapi: '3.1.0', info: API_INFO }))
    return c.html(
      <ApiDocsPage
        viewer={viewerOf(c)}
        baseUrl={c.var.config.baseUrl.origin}
        operations={operations}
        problemTypes={PROBLEM_TYPES}
      />,
    )
  })
  return routes
}
