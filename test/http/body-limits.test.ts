import { randomUUID } from 'node:crypto'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../../src/http/env.js'
import { signUpUser } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import type { BrowserClient } from '../support/browser-client.js'
import { requestOnFreshConnection } from '../support/fresh-request.js'

// Every route that takes a body carries its own limit. This walks the app's real route table, so a
// new form route without one fails here instead of accepting whatever a client sends.

// Routes that take a file on a page: the photos, and the brand kit's logo.
const UPLOAD_ROUTES = new Set(['/briefs', '/briefs/:id/edit', '/images', '/brand/logo'])

let app: TestApp
let client: BrowserClient
let apiKey: string
let routes: { method: string; path: string }[] = []

beforeAll(async () => {
  app = await startTestApp({}, (hono: Hono<AppEnv>) => {
    // Read after start-up, when every sub-app is mounted.
    queueMicrotask(() => {
      routes = hono.routes.map(({ method, path }) => ({ method, path }))
    })
  })
  ;({ client, apiKey } = await signUpUser(app))
})
afterAll(async () => {
  await app.close()
})

function postOnFreshConnection(path: string, body: string): Promise<number> {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
  return requestOnFreshConnection(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: client.origin, cookie },
    body,
  }).then((res) => res.status)
}

const concrete = (path: string) => path.replace(/:id\b/g, randomUUID()).replace(/\/$/, '') || '/'
const postPaths = () =>
  [...new Set(routes.filter((r) => r.method === 'POST' && !r.path.includes('*')).map((r) => r.path))].sort()

describe('body limits on every route that takes a body', () => {
  it('finds the POST routes of the app (the walk itself works)', () => {
    expect(postPaths()).toEqual(expect.arrayContaining(['/signin', '/briefs', '/briefs/:id/screenplay', '/videos']))
  })

  it('answers 413 to a 300 kB body on every page form route, and not on the photo upload routes', async () => {
    const body = new URLSearchParams({ filler: 'x'.repeat(300 * 1024) }).toString()
    const answers: Record<string, number> = {}
    for (const path of postPaths().filter((p) => !p.startsWith('/api/'))) {
      answers[path] = await postOnFreshConnection(concrete(path), body)
    }
    // Upload routes read the form and answer it (a page with messages), never a 413 at 300 kB.
    const refused = Object.entries(answers)
      .filter(([, status]) => status === 413)
      .map(([path]) => path)
    const formRoutes = Object.keys(answers).filter((path) => !UPLOAD_ROUTES.has(path))
    expect(refused.sort()).toEqual(formRoutes.sort())
    expect(formRoutes.length).toBeGreaterThan(8)
  })

  it('answers 413 problem+json to a 1.5 MB JSON body on every API route that takes a body, uploads included', async () => {
    const body = JSON.stringify({ filler: 'x'.repeat(1536 * 1024) })
    const answers: Record<string, number> = {}
    const apiRoutes = [
      ...new Map(
        routes
          .filter((r) => ['POST', 'PATCH', 'PUT'].includes(r.method) && r.path.startsWith('/api/v1/'))
          .map((r) => [`${r.method} ${r.path}`, r]),
      ).values(),
    ]
    for (const { method, path } of apiRoutes) {
      const res = await requestOnFreshConnection(`${app.url}${concrete(path.replace(/\{id\}/g, ':id'))}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body,
      })
      answers[`${method} ${path}`] = res.status
      if (res.status === 413) expect(res.contentType).toBe('application/problem+json')
    }
    const refused = Object.keys(answers).filter((route) => answers[route] === 413)
    // The upload routes take a photo as multipart (20 MB); any other body there is held to 1 MB too.
    expect(refused.sort()).toEqual(Object.keys(answers).sort())
    expect(refused).toEqual(expect.arrayContaining(['POST /api/v1/images', 'POST /api/v1/videos']))
    expect(refused.length).toBeGreaterThanOrEqual(6)
  })
})
