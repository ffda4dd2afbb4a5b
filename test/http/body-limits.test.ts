import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../../src/http/env.js'
import { signUpUser } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import type { BrowserClient } from '../support/browser-client.js'

// Every route that takes a body carries its own limit. This walks the app's real route table, so a
// new form route without one fails here instead of accepting whatever a client sends.

const UPLOAD_ROUTES = new Set(['/briefs', '/briefs/:id/edit', '/images'])

let app: TestApp
let client: BrowserClient
let routes: { method: string; path: string }[] = []

beforeAll(async () => {
  app = await startTestApp({}, (hono: Hono<AppEnv>) => {
    // Read after start-up, when every sub-app is mounted.
    queueMicrotask(() => {
      routes = hono.routes.map(({ method, path }) => ({ method, path }))
    })
  })
  ;({ client } = await signUpUser(app))
})
afterAll(async () => {
  await app.close()
})

/**
 * A POST on a connection of its own: the server answers a too-large body without reading it and
 * then closes the connection, which would break the next request on a shared keep-alive one.
 */
function postOnFreshConnection(path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    const req = http.request(`${app.url}${path}`, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
        origin: client.origin,
        cookie,
      },
    })
    req.on('response', (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    // The server may stop reading once it has answered; the answer is what counts.
    req.on('error', (err) => (req.writableEnded ? undefined : reject(err)))
    req.end(body)
  })
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

  it('answers 413 problem+json to a 1.5 MB body anywhere under /api/v1', async () => {
    const res = await fetch(`${app.url}/api/v1/me`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ filler: 'x'.repeat(1536 * 1024) }),
    })
    expect(res.status).toBe(413)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
  })
})
