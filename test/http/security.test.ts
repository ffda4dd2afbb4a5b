import { randomUUID } from 'node:crypto'
import http from 'node:http'
import net from 'node:net'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { users } from '../../db/schema.js'
import { GOOD_PASSWORD, signUpUser } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { requestOnFreshConnection } from '../support/fresh-request.js'

let app: TestApp
beforeEach(async () => {
  app = await startTestApp()
})
afterEach(async () => {
  await app.close()
})

function cspDirectives(res: Response): Map<string, string> {
  const csp = res.headers.get('content-security-policy') ?? ''
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0]!, d.slice(d.indexOf(' ') + 1)]),
  )
}

describe('security headers', () => {
  it.each([
    '/',
    '/signin',
    '/signup',
    '/privacy',
    '/terms',
    '/does-not-exist',
    '/healthz',
    '/static/app.css',
    '/api/v1/me',
  ])('sends a strict CSP and the hardening headers on %s', async (path) => {
    const res = await fetch(app.url + path)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    const d = cspDirectives(res)
    expect(d.get('default-src')).toBe("'self'")
    expect(d.get('script-src')).toBe("'self'")
    expect(d.get('style-src')).toBe("'self'")
    expect(d.get('object-src')).toBe("'none'")
    expect(d.get('base-uri')).toBe("'none'")
    expect(d.get('frame-ancestors')).toBe("'none'")
    expect(d.get('form-action')).toBe("'self'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('permissions-policy')).toContain('camera=()')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    // http in tests: no HSTS (browsers ignore it over http and it would pin localhost).
    expect(res.headers.get('strict-transport-security')).toBeNull()
  })

  it('sends HSTS for at least a year with subdomains when BASE_URL is https', async () => {
    await app.close()
    app = await startTestApp({ BASE_URL: 'https://lumina.example' })
    const res = await fetch(`${app.url}/`)
    const hsts = res.headers.get('strict-transport-security') ?? ''
    const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1])
    expect(maxAge).toBeGreaterThanOrEqual(365 * 24 * 60 * 60)
    expect(hsts).toContain('includeSubDomains')
    expect(cspDirectives(res).has('upgrade-insecure-requests')).toBe(true)
  })

  it('has no inline script or style on any page, so the CSP never blocks our own code', async () => {
    const { client } = await signUpUser(app)
    for (const path of ['/', '/account', '/privacy', '/terms', '/nope']) {
      const html = await (await client.get(path)).text()
      expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
      expect(html).not.toMatch(/\sstyle="/)
      expect(html).not.toMatch(/<style/)
      expect(html).not.toMatch(/\son[a-z]+="/)
      expect(html).not.toMatch(/hx-on/)
    }
  })

  it('serves htmx from our own origin, configured to inject no styles and evaluate nothing', async () => {
    const html = await (await fetch(`${app.url}/`)).text()
    expect(html).toContain('<script src="/static/htmx.min.js"')
    const config = JSON.parse(/name="htmx-config" content="([^"]+)"/.exec(html)![1]!.replace(/&quot;/g, '"')) as Record<
      string,
      unknown
    >
    expect(config.includeIndicatorStyles).toBe(false)
    expect(config.allowEval).toBe(false)
    const js = await fetch(`${app.url}/static/htmx.min.js`)
    expect(js.status).toBe(200)
    expect(js.headers.get('content-type')).toContain('javascript')
    expect(await js.text()).toContain('htmx')
  })
})

describe('cross-site requests', () => {
  it('refuses a form posted from another origin and changes nothing', async () => {
    const { client, email } = await signUpUser(app)
    const attacker = new BrowserClient(app.url, 'https://evil.example')
    for (const [k, v] of client.cookies) attacker.cookies.set(k, v)
    const res = await attacker.postForm('/account/sessions/revoke')
    expect(res.status).toBe(403)
    expect(await res.text()).toContain('sent from another site')
    expect((await client.get('/account')).status).toBe(200)
    const signup = await new BrowserClient(app.url, 'https://evil.example').postForm('/signup', {
      email: `x${email}`,
      password: GOOD_PASSWORD,
      ageConfirmed: 'yes',
    })
    expect(signup.status).toBe(403)
    expect(app.db.select().from(users).all()).toHaveLength(1)
  })

  it('refuses a cookie-authenticated form post that has neither Origin nor Sec-Fetch-Site', async () => {
    const { client } = await signUpUser(app)
    const res = await client.send('/account/sessions/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    })
    expect(res.status).toBe(403)
  })
})

describe('bad input', () => {
  it('answers 415 for a body that is not a web form, and stores nothing', async () => {
    const client = new BrowserClient(app.url)
    const res = await client.send('/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.url },
      body: JSON.stringify({ email: 'json@example.com', password: GOOD_PASSWORD, ageConfirmed: 'yes' }),
    })
    expect(res.status).toBe(415)
    expect(await res.text()).toContain('Unsupported form')
    expect(app.db.select().from(users).all()).toHaveLength(0)
  })

  it.each([
    [
      'raw bytes',
      Buffer.concat([
        Buffer.from('email=a%40example.com&password='),
        Buffer.from([0xff, 0xfe, 0x41]),
        Buffer.from('&ageConfirmed=yes'),
      ]),
    ],
    ['percent-encoded bytes', Buffer.from('email=a%40example.com&password=%FF%FEcorrecthorse&ageConfirmed=yes')],
  ])('answers 400 for non-UTF-8 %s', async (_label, body) => {
    const res = await fetch(`${app.url}/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
      body,
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('not valid UTF-8')
    expect(app.db.select().from(users).all()).toHaveLength(0)
  })

  it('answers 413 for a huge page form and for a huge API body', async () => {
    const { apiKey } = await signUpUser(app)
    const big = 'x'.repeat(300 * 1024) // over the 256 kB page-form limit
    const page = await new BrowserClient(app.url).postForm('/signin', { email: 'a@example.com', password: big })
    expect(page.status).toBe(413)
    expect(await page.text()).toContain('Too large')
    const api = await requestOnFreshConnection(`${app.url}/api/v1/briefs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: 'x'.repeat(2 * 1024 * 1024),
    })
    expect(api.status).toBe(413)
    expect(api.contentType).toBe('application/problem+json')
  })

  it('answers repeated fields with a form error, not a crash', async () => {
    const res = await fetch(`${app.url}/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
      body: 'email=a%40example.com&email=b%40example.com&password=x',
    })
    expect(res.status).toBe(422)
  })

  it('refuses a page form of thousands of fields before parsing it', async () => {
    const fields = Array.from({ length: 20_000 }, (_, i) => `f${i}=`).join('&')
    const res = await fetch(`${app.url}/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.url },
      body: `email=a%40example.com&password=x&${fields}`,
    })
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('The form has too many fields.')
  })

  it('renders a styled 404 page for unknown pages', async () => {
    const res = await fetch(`${app.url}/no/such/page`)
    expect(res.status).toBe(404)
    const html = await res.text()
    expect(html).toContain('Page not found')
    expect(html).toContain('/static/app.css')
  })
})

describe('logs', () => {
  it('write one line per request with method, path, status, duration and id, and no personal data', async () => {
    const { client, email, apiKey, password } = await signUpUser(app)
    await client.postForm('/signin', { email, password })
    await fetch(`${app.url}/api/v1/me?token=secret-in-query`, { headers: { authorization: `Bearer ${apiKey}` } })
    const requests = app.logs.filter((l) => l.msg === 'request')
    expect(requests.length).toBeGreaterThanOrEqual(4)
    for (const line of requests) {
      expect(Object.keys(line).sort()).toEqual(['level', 'method', 'ms', 'msg', 'path', 'reqId', 'status', 'time'])
      expect(typeof line.reqId).toBe('string')
    }
    expect(requests.some((l) => l.path === '/api/v1/me' && l.status === 200)).toBe(true)
    const text = app.logText()
    const token = client.cookies.get('lum_api_key')!
    for (const secret of [email, password, apiKey, token, 'secret-in-query', '127.0.0.1'])
      expect(text).not.toContain(secret)
  })

  it('write a line for a request the client gave up on, marked as such', async () => {
    // Headers and the start of a form, then the connection goes away before the answer.
    const req = http.request(`${app.url}/signin`, {
      method: 'POST',
      headers: {
        origin: app.url,
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': '1000',
      },
    })
    req.on('error', () => {})
    req.write('email=someone%40example.com&password=')
    await new Promise((r) => setTimeout(r, 100))
    req.destroy()
    await vi.waitFor(() => expect(app.logs.some((l) => l.msg === 'request aborted')).toBe(true))
    const line = app.logs.find((l) => l.msg === 'request aborted')!
    expect(line).toMatchObject({ method: 'POST', path: '/signin', status: null })
    expect(app.logText()).not.toContain('someone@example.com')
  })
})

describe('health', () => {
  it('answers 200 after a database round trip and 503 when the database is unusable', async () => {
    const ok = await fetch(`${app.url}/healthz`)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toEqual({ status: 'ok' })
    app.db.$client.close()
    const down = await fetch(`${app.url}/healthz`)
    expect(down.status).toBe(503)
    expect(await down.json()).toEqual({ status: 'unavailable', reason: 'database' })
  })
})

describe('unexpected errors', () => {
  it('render the styled error page or problem+json with a reference, and log no personal data', async () => {
    await app.close()
    app = await startTestApp({}, (hono) => {
      hono.get('/boom', () => {
        throw new Error('kaboom')
      })
      hono.get('/api/boom', () => {
        throw new Error('kaboom')
      })
    })
    const page = await fetch(`${app.url}/boom`)
    expect(page.status).toBe(500)
    const html = await page.text()
    expect(html).toContain('Something went wrong')
    expect(html).toContain('/static/app.css')
    expect(html).not.toContain('kaboom')
    const requestId = page.headers.get('x-request-id')!
    expect(html).toContain(`Reference: ${requestId}`)

    const api = await fetch(`${app.url}/api/boom`)
    expect(api.status).toBe(500)
    expect(api.headers.get('content-type')).toBe('application/problem+json')
    expect(JSON.stringify(await api.json())).not.toContain('kaboom')
    const errorLine = app.logs.find((l) => l.msg === 'unhandled error')!
    expect(errorLine.reqId).toBe(requestId)
  })
})

/** A GET written byte for byte on its own socket (fetch refuses such header values before sending). */
function rawGet(path: string, requestIdBytes: Buffer[]): Promise<{ status: number; requestId: string | undefined }> {
  const { hostname, port } = new URL(app.url)
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname)
    const received: Buffer[] = []
    socket.on('data', (d: Buffer) => received.push(d))
    socket.on('error', () => {})
    socket.on('close', () => {
      const head = Buffer.concat(received).toString('latin1').split('\r\n\r\n')[0] ?? ''
      resolve({
        status: Number(head.split(' ')[1] ?? 0),
        requestId: /\r\nx-request-id: ([^\r]*)/i.exec(head)?.[1],
      })
    })
    const idLines = requestIdBytes.map((id) => Buffer.concat([Buffer.from('X-Request-Id: '), id, Buffer.from('\r\n')]))
    socket.write(
      Buffer.concat([
        Buffer.from(`GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n`),
        ...idLines,
        Buffer.from('\r\n'),
      ]),
    )
  })
}

// Issue 19 (low): a client chose the request id written to the logs and echoed in X-Request-Id.
// Only 1 to 64 characters of [A-Za-z0-9._-] are taken as given; anything else gets an id of ours.
describe('request ids', () => {
  const OURS = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
  const loggedId = async (path: string) => {
    for (let i = 0; i < 100 && !app.logs.some((l) => l.path === path); i++) await new Promise((r) => setTimeout(r, 10))
    return app.logs.find((l) => l.path === path)?.reqId
  }

  it('keeps a short safe id a proxy passes on, in the log line and the answer', async () => {
    const answer = await rawGet('/request-id-ok', [Buffer.from('edge-7f3a.19_b')])
    expect(answer.requestId).toBe('edge-7f3a.19_b')
    expect(await loggedId('/request-id-ok')).toBe('edge-7f3a.19_b')
  })

  it.each([
    ['a tab and spaces', [Buffer.from('abc\tdef ghi')]],
    ['unicode', [Buffer.from('запрос-1', 'utf8')]],
    ['65 characters', [Buffer.from('a'.repeat(65))]],
    ['4000 characters', [Buffer.from('b'.repeat(4000))]],
    ['quotes and braces', [Buffer.from('x","level":60,"msg":"forged')]],
    ['an equals sign', [Buffer.from('abc==')]],
    ['two of them', [Buffer.from('one'), Buffer.from('two')]],
  ])('replaces an id with %s by one of ours, in the log line and the answer', async (_what, ids) => {
    const path = `/request-id-${randomUUID()}`
    const answer = await rawGet(path, ids)
    expect(answer.status).toBe(404)
    expect(answer.requestId).toMatch(OURS)
    expect(await loggedId(path)).toBe(answer.requestId)
  })

  it('never writes an id with CR or LF: Node refuses such a request before the app, and nothing is logged', async () => {
    for (const id of ['abc\rdef', 'abc\ndef', 'abc\r\n def']) {
      const path = `/request-id-${randomUUID()}`
      const answer = await rawGet(path, [Buffer.from(id)])
      expect(answer.status).toBe(400)
      expect(answer.requestId).toBeUndefined()
      expect(app.logText()).not.toContain('abc')
    }
  })
})
