import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GOOD_PASSWORD, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'

// The local mailbox (/dev/mail) shows a mail's HTML part as the recipient would see it, in a frame
// that can run nothing, while its own page keeps the app's policy (no inline styles or scripts).

let app: TestApp
beforeAll(async () => {
  app = await startTestApp({}, undefined, {}, { deliverMail: true })
})
afterAll(async () => {
  await app?.close()
})

describe('/dev/mail shows the HTML part', () => {
  it('frames it sandboxed, under a policy of its own that lets in inline styles and nothing else', async () => {
    const client = new BrowserClient(app.url)
    const email = uniqueEmail('devhtml')
    expect((await client.postForm('/signup', { email, password: GOOD_PASSWORD, ageConfirmed: 'yes' })).status).toBe(200)
    let id: string | undefined
    await expect
      .poll(async () => {
        id = /href="\/dev\/mail\/([0-9a-z-]+)"/.exec(await (await client.get('/dev/mail')).text())?.[1]
        return id
      })
      .toBeDefined()

    const page = await client.get(`/dev/mail/${id}`)
    const pageHtml = await page.text()
    expect(pageHtml).toMatch(new RegExp(`<iframe[^>]*sandbox=""[^>]*src="/dev/mail/${id}/html"`))
    expect(pageHtml).toContain('Plain-text part')
    const pagePolicy = page.headers.get('content-security-policy') ?? ''
    expect(pagePolicy).toContain("frame-ancestors 'none'")
    expect(pagePolicy).not.toContain('unsafe-inline')

    const frame = await client.get(`/dev/mail/${id}/html`)
    expect(frame.status).toBe(200)
    const policy = frame.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain("style-src 'unsafe-inline'")
    expect(policy).toContain("frame-ancestors 'self'")
    expect(policy).toMatch(/(^|; )sandbox($|;)/)
    expect(policy).not.toContain('script-src')
    expect(frame.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    const html = await frame.text()
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('Confirm my email')

    expect((await client.get('/dev/mail/000000000000000-nothere/html')).status).toBe(404)
  })
})
