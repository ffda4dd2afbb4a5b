import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { expect } from 'vitest'

type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }

/**
 * Checks real responses against the published OpenAPI document: the status must be one the
 * operation documents, and a JSON or problem+json body must match that response's schema.
 */
export class ContractChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true })
  /** "METHOD /path/template status" of every response checked, to report coverage. */
  readonly seen = new Set<string>()

  constructor(readonly doc: Doc) {
    addFormats.default(this.ajv)
    this.ajv.addSchema({ ...doc, $id: 'openapi.json' } as object)
  }

  /** The documented path template a concrete path matches, e.g. /briefs/{id} for /briefs/0b6e…. */
  templateOf(method: string, path: string): string {
    const found = Object.keys(this.doc.paths).find((template) => {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`)
      return pattern.test(path) && this.doc.paths[template]?.[method.toLowerCase()]
    })
    if (!found) throw new Error(`${method} ${path} is not in the OpenAPI document`)
    return found
  }

  async check(method: string, url: string, res: Response): Promise<unknown> {
    const path = new URL(url).pathname.replace(/^\/api\/v1/, '')
    const template = this.templateOf(method, path)
    const operation = this.doc.paths[template]![method.toLowerCase()]!
    const status = String(res.status)
    this.seen.add(`${method.toUpperCase()} ${template} ${status}`)
    expect(Object.keys(operation.responses), `${method} ${template} documents ${status}`).toContain(status)
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim()
    if (type !== 'application/json' && type !== 'application/problem+json') return undefined
    const body = await res.clone().json()
    const pointer = ['paths', template, method.toLowerCase(), 'responses', status, 'content', type, 'schema']
      .map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1'))
      .join('/')
    const validate = this.ajv.getSchema(`openapi.json#/${pointer}`)
    expect(validate, `${method} ${template} ${status} documents a ${type} schema`).toBeDefined()
    const ok = validate!(body)
    expect(ok ? [] : validate!.errors, `${method} ${template} ${status} body matches the document`).toEqual([])
    return body
  }
}
