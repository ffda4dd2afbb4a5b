import { afterEach, describe, expect, it } from 'vitest'
import { addedByProxies } from '../../src/http/client-address.js'
import { SlidingWindowLimiter } from '../../src/http/rate-limit.js'
import { GOOD_PASSWORD, signUpUser } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'

describe('SlidingWindowLimiter', () => {
  it('allows `limit` tries per window, then reports when the oldest try leaves the window', () => {
    let now = 1_000_000
    const limiter = new SlidingWindowLimiter(3, 60_000, () => now)
    expect(limiter.hit('a').ok).toBe(true)
    now += 10_000
    expect(limiter.hit('a').ok).toBe(true)
    expect(limiter.hit('a').ok).toBe(true)
    const refused = limiter.hit('a')
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 50 })
    expect(limiter.hit('b').ok).toBe(true) // other keys are independent
    now += 50_000 // the first try slides out of the window
    expect(limiter.hit('a').ok).toBe(true)
    expect(limiter.hit('a').ok).toBe(false)
  })

  it('refuses when any of several keys is over, and then records nothing', () => {
    let now = 0
    const limiter = new SlidingWindowLimiter(2, 1000, () => now)
    limiter.hit('addr:1', 'email:x')
    limiter.hit('addr:2', 'email:x')
    expect(limiter.hit('addr:3', 'email:x').ok).toBe(false)
    expect(limiter.hit('addr:3').ok).toBe(true)
    expect(limiter.hit('addr:3').ok).toBe(true) // the refused try above was not counted
    now = 2000
    limiter.sweep()
    expect(limiter.size).toBe(0)
  })

  it('stays bounded under a flood of distinct keys', () => {
    const limiter = new SlidingWindowLimiter(5, 60_000, () => 0, 100)
    for (let i = 0; i < 10_000; i++) limiter.hit(`addr:${i}`)
    expect(limiter.size).toBeLessThanOrEqual(100)
  })
})

describe('addedByProxies', () => {
  it('takes the entry that many from the right, the left-most when there are fewer, nothing from nothing', () => {
    expect(addedByProxies('1.1.1.1, 2.2.2.2, 3.3.3.3', 1)).toBe('3.3.3.3')
    expect(addedByProxies('1.1.1.1, 2.2.2.2, 3.3.3.3', 2)).toBe('2.2.2.2')
    expect(addedByProxies('2.2.2.2,3.3.3.3', 3)).toBe('2.2.2.2')
    expect(addedByProxies(' , 3.3.3.3 , ', 1)).toBe('3.3.3.3')
    expect(addedByProxies('', 1)).toBeUndefined()
    expect(addedByProxies(undefined, 1)).toBeUndefined()
  })
})

describe('auth rate limits over HTTP', () => {
  let app: TestApp
  afterEach(async () => {
    await app.close()
  })

  it('answers 429 with Retry-After and a friendly page after 10 sign-in tries from one address', async () => {
    app = await startTestApp()
    const client = new BrowserClient(app.url)
    for (let i = 0; i < 10; i++) {
      const res = await client.postForm('/signin', { email: `who${i}@example.com`, password: 'wrong password' })
      expect(res.status).toBe(422)
    }
    const res = await client.postForm('/signin', { email: 'another@example.com', password: 'wrong password' })
    expect(res.status).toBe(429)
    const retryAfter = Number(res.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(800)
    expect(retryAfter).toBeLessThanOrEqual(900)
    const html = await res.text()
    expect(html).toContain('Too many attempts. Please wait 15 minutes and try again.')
    expect(html).toContain('value="another@example.com"')
  })

  it('limits tries per email even when they come from many addresses', async () => {
    // On Fly (TRUST_PROXY=fly) each person's address arrives in Fly-Client-IP, set by Fly's proxy.
    app = await startTestApp({ TRUST_PROXY: 'fly' })
    const { email } = await signUpUser(app, 'target@example.com')
    for (let i = 0; i < 10; i++) {
      const res = await new BrowserClient(app.url).postForm(
        '/signin',
        { email, password: `guess${i}` },
        { 'fly-client-ip': `203.0.113.${i}` },
      )
      expect(res.status).toBe(422)
    }
    // Even the right password waits: the limit is on tries, not failures.
    const blocked = await new BrowserClient(app.url).postForm(
      '/signin',
      { email: 'TARGET@example.com', password: GOOD_PASSWORD },
      { 'fly-client-ip': '203.0.113.99' },
    )
    expect(blocked.status).toBe(429)
    expect(blocked.headers.getSetCookie()).toHaveLength(0)
    // Other people are not affected.
    const other = await new BrowserClient(app.url).postForm(
      '/signin',
      { email: 'else@example.com', password: 'x' },
      { 'fly-client-ip': '203.0.113.99' },
    )
    expect(other.status).toBe(422)
  })

  // Issue 19, item 6: TRUST_PROXY=1 once trusted a Fly-Client-IP sent by the client first, so behind
  // Caddy (which passes that header on as sent) a new one per try stepped round every per-address limit.
  it('TRUST_PROXY=1 (one proxy, such as Caddy) ignores a client-sent Fly-Client-IP: 25 sign-ins meet a 429', async () => {
    app = await startTestApp({ TRUST_PROXY: '1' })
    const statuses: number[] = []
    for (let i = 0; i < 25; i++) {
      const res = await new BrowserClient(app.url).postForm(
        '/signin',
        { email: `spoof${i}@example.com`, password: 'wrong password' },
        // What Caddy forwards: the client's own Fly-Client-IP, and the address Caddy saw.
        { 'fly-client-ip': `203.0.113.${i}`, 'x-forwarded-for': '198.51.100.7' },
      )
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(422))
    expect(statuses.slice(10)).toEqual(Array(15).fill(429))
  })

  it('TRUST_PROXY=1 takes the right-most X-Forwarded-For entry; entries a client put left of it are ignored', async () => {
    app = await startTestApp({ TRUST_PROXY: '1' })
    const signIn = (forwarded: string, i: number) =>
      new BrowserClient(app.url).postForm(
        '/signin',
        { email: `left${i}@example.com`, password: 'wrong password' },
        { 'x-forwarded-for': forwarded },
      )
    for (let i = 0; i < 10; i++) expect((await signIn(`203.0.113.${i}, 198.51.100.7`, i)).status).toBe(422)
    expect((await signIn('203.0.113.77, 198.51.100.7', 10)).status).toBe(429)
    // Someone else, at another address, is not affected.
    expect((await signIn('203.0.113.77, 198.51.100.8', 11)).status).toBe(422)
  })

  it('TRUST_PROXY=2 takes the entry the outer of two proxies added', async () => {
    app = await startTestApp({ TRUST_PROXY: '2' })
    const signIn = (forwarded: string, i: number) =>
      new BrowserClient(app.url).postForm(
        '/signin',
        { email: `two${i}@example.com`, password: 'wrong password' },
        { 'x-forwarded-for': forwarded },
      )
    // client's own entry, the client as the outer proxy saw it, the outer proxy as the inner one saw it
    for (let i = 0; i < 10; i++) expect((await signIn(`203.0.113.${i}, 198.51.100.7, 10.0.0.2`, i)).status).toBe(422)
    expect((await signIn('198.51.100.7, 10.0.0.2', 10)).status).toBe(429)
    expect((await signIn('198.51.100.8, 10.0.0.2', 11)).status).toBe(422)
  })

  it('TRUST_PROXY=fly trusts Fly-Client-IP and no X-Forwarded-For a client sends', async () => {
    app = await startTestApp({ TRUST_PROXY: 'fly' })
    for (let i = 0; i < 10; i++) {
      const res = await new BrowserClient(app.url).postForm(
        '/signin',
        { email: `fly${i}@example.com`, password: 'wrong password' },
        { 'fly-client-ip': '198.51.100.7', 'x-forwarded-for': `203.0.113.${i}` },
      )
      expect(res.status).toBe(422)
    }
    const res = await new BrowserClient(app.url).postForm(
      '/signin',
      { email: 'fly10@example.com', password: 'wrong password' },
      { 'fly-client-ip': '198.51.100.7', 'x-forwarded-for': '203.0.113.99' },
    )
    expect(res.status).toBe(429)
  })

  it('ignores forwarded addresses unless TRUST_PROXY is set', async () => {
    app = await startTestApp()
    for (let i = 0; i < 10; i++) {
      await new BrowserClient(app.url).postForm(
        '/signin',
        { email: `p${i}@example.com`, password: 'x' },
        { 'x-forwarded-for': `198.51.100.${i}` },
      )
    }
    const res = await new BrowserClient(app.url).postForm(
      '/signin',
      { email: 'q@example.com', password: 'x' },
      { 'x-forwarded-for': '198.51.100.200' },
    )
    expect(res.status).toBe(429)
  })

  it('limits sign-ups per address too, and never writes an address to the database', async () => {
    app = await startTestApp()
    for (let i = 0; i < 10; i++) {
      const res = await new BrowserClient(app.url).postForm('/signup', {
        email: `new${i}@example.com`,
        password: GOOD_PASSWORD,
        ageConfirmed: 'yes',
      })
      expect(res.status).toBe(200)
    }
    const res = await new BrowserClient(app.url).postForm('/signup', {
      email: 'eleventh@example.com',
      password: GOOD_PASSWORD,
      ageConfirmed: 'yes',
    })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
    const tables = app.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string
    }[]
    for (const { name } of tables) {
      const rows = JSON.stringify(app.db.$client.prepare(`SELECT * FROM "${name}"`).all())
      expect(rows).not.toContain('127.0.0.1')
    }
  })
})
