import { afterEach, describe, expect, it } from 'vitest'
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
    app = await startTestApp({ TRUST_PROXY: '1' })
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
