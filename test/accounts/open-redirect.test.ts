// Hole 6 of issue 9: the `next` of the sign-in form must never send a person to another site.
// Each case goes through the real sign-in POST (form-encoded, as a browser sends it) and reads the
// Location header; a browser resolves it against our address, so that is what is checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { safeNextPath } from '../../src/accounts/forms.js'
import { SlidingWindowLimiter } from '../../src/http/rate-limit.js'
import { GOOD_PASSWORD, signUpUser } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'

const BASE = 'https://lumina.example'
let app: TestApp
let email: string

beforeAll(async () => {
  app = await startTestApp({ BASE_URL: BASE })
  // Dozens of sign-ins from one address: the sign-in limit (tested in test/http) would stop them.
  app.deps.limits.signIn = new SlidingWindowLimiter(1000, 60_000)
  ;({ email } = await signUpUser(app))
})
afterAll(async () => {
  await app?.close()
})

async function locationAfterSignIn(next: string): Promise<string> {
  // The Origin is our public address, as a browser on BASE_URL sends it (the CSRF check accepts it).
  const res = await new BrowserClient(app.url, BASE).postForm('/signin', { email, password: GOOD_PASSWORD, next })
  expect(res.status, JSON.stringify(next)).toBe(303)
  return res.headers.get('location')!
}

/**
 * What a browser would do with the Location: the WHATWG URL parser drops tabs and newlines and
 * reads '\' as '/'. Both the literal header and what it resolves to must stay on our origin.
 */
function resolved(location: string): URL {
  return new URL(location, BASE)
}

const offSite = [
  '/\t/evil.example', // the reported one: a tab after the slash, '//evil.example' once the browser drops it
  '/%09/evil.example',
  '/\n/evil.example',
  '/\r\n/evil.example',
  '\t//evil.example',
  '/\\evil.example',
  '/\\/evil.example',
  '\\\\evil.example',
  '/%5Cevil.example',
  '/%5c/evil.example',
  '/%2F/evil.example',
  '/%2f%2fevil.example',
  '/%252F/evil.example',
  '//evil.example',
  '///evil.example',
  '//evil.example/account',
  '/..//evil.example',
  '/.//evil.example',
  '/%2E%2E//evil.example',
  'https://evil.example/',
  'https:evil.example',
  'http://lumina.example.evil.example/',
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  ' /account',
  'account',
  '',
]

describe('sign-in next= (open redirect)', () => {
  it.each(offSite)('%j is refused: the person lands on the home page', async (next) => {
    const location = await locationAfterSignIn(next)
    expect(location).toBe('/')
    expect(resolved(location).origin).toBe(BASE)
  })

  it('keeps same-site paths with their query and fragment', async () => {
    for (const next of ['/account#api-key', '/briefs/new', '/videos?page=2', '/briefs?deleted=1']) {
      const location = await locationAfterSignIn(next)
      expect(location).toBe(next)
      expect(resolved(location).origin).toBe(BASE)
    }
  })

  it('the path a signed-out visitor was sent away from comes back through the real flow', async () => {
    const visitor = new BrowserClient(app.url, BASE)
    const away = await visitor.get('/briefs/new')
    expect(away.headers.get('location')).toBe('/signin?next=%2Fbriefs%2Fnew')
    const page = await (await visitor.get(away.headers.get('location')!)).text()
    const next = /name="next" value="([^"]*)"/.exec(page)?.[1]
    expect(next).toBe('/briefs/new')
    expect(await locationAfterSignIn(next!)).toBe('/briefs/new')
  })

  it('safeNextPath never returns a value that leaves the origin, whatever the input', () => {
    const base = new URL(BASE)
    const pieces = ['/', '\\', '\t', '\n', '%2F', '%5C', '%09', 'evil.example', ':', '..', '@', '%', '?', '#', ' ']
    // Every 1- to 4-piece combination: 50 000+ inputs. What comes back is checked as a path too.
    let checked = 0
    const walk = (prefix: string, depth: number) => {
      if (depth === 0) return
      for (const piece of pieces) {
        const next = prefix + piece
        const out = safeNextPath(next, base)
        expect(new URL(out, base).origin, JSON.stringify(next)).toBe(base.origin)
        expect(out.startsWith('/') && !out.startsWith('//') && !/[\\\s]/.test(out), JSON.stringify(next)).toBe(true)
        expect(new URL(out, base).pathname.startsWith('//'), JSON.stringify(next)).toBe(false)
        checked++
        walk(next, depth - 1)
      }
    }
    walk('', 4)
    expect(checked).toBeGreaterThan(50_000)
  })
})
