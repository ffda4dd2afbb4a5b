import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PROBLEM_TYPES } from '../../src/api/docs.js'
import { problemSlugs } from '../../src/http/problem.js'
import { signatureHeader } from '../../src/webhooks/signature.js'
import { QUICK_START_COMMANDS } from '../../views/docs/api.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { makeBrief, newRenderUser } from '../support/render.js'
import { servedVerifySample } from '../support/webhook-sample.js'

let app: TestApp
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app.close()
})

const unescapeHtml = (html: string) =>
  html
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

describe('/docs/api', () => {
  it('documents every operation of the OpenAPI document, and every problem type an answer can carry', async () => {
    const res = await fetch(`${app.url}/docs/api`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).not.toMatch(/<script(?![^>]*src=)/) // no inline script: the CSP would refuse it
    const doc = await (await fetch(`${app.url}/api/v1/openapi.json`)).json()
    for (const [path, ops] of Object.entries(doc.paths as Record<string, object>)) {
      for (const method of Object.keys(ops)) {
        expect(html, `${method} ${path}`).toContain(`id="${method}-${path.replace(/[^a-z0-9]+/gi, '-')}"`)
      }
    }
    const documented = PROBLEM_TYPES.map((p) => p.slug)
    for (const slug of [
      ...Object.values(problemSlugs),
      'quota-exceeded',
      'idempotency-mismatch',
      'storage-full',
      'insufficient-storage',
    ]) {
      expect(documented).toContain(slug)
      expect(html).toContain(`id="problem-${slug}"`)
    }
  })

  it('shows the README’s quick start commands word for word', async () => {
    const readme = fs.readFileSync('README.md', 'utf8')
    const block = /<!-- quickstart:commands -->\n```sh\n([\s\S]*?)\n```/.exec(readme)?.[1]
    expect(block).toBe(QUICK_START_COMMANDS)
    expect(unescapeHtml(await (await fetch(`${app.url}/docs/api`)).text())).toContain(QUICK_START_COMMANDS)
  })
})

describe('the webhook check sample on /docs/api, run as served', () => {
  const secret = 'whsec_sample-secret-for-the-docs-test'
  const body = '{"id":"evt_1","type":"video.succeeded"}'
  const at = (offsetS: number) => signatureHeader(secret, body, (Math.floor(Date.now() / 1000) + offsetS) * 1000)

  it('accepts our signature and refuses a changed body or another secret', async () => {
    const verify = await servedVerifySample(app.url)
    expect(verify(secret, at(0), body)).toBe(true)
    expect(verify(secret, at(0), body.replace('succeeded', 'failed'))).toBe(false)
    expect(verify('whsec_another', at(0), body)).toBe(false)
  })

  it('answers false, never throws, for a signature of another length or form', async () => {
    const verify = await servedVerifySample(app.url)
    const t = Math.floor(Date.now() / 1000)
    // 64 characters but 128 bytes: a length check on the string let timingSafeEqual throw.
    for (const v1 of ['é'.repeat(64), 'ab', 'f'.repeat(65), 'F'.repeat(64), 'z'.repeat(64), '']) {
      expect(() => verify(secret, `t=${t},v1=${v1}`, body), v1).not.toThrow()
      expect(verify(secret, `t=${t},v1=${v1}`, body), v1).toBe(false)
    }
    for (const header of [undefined, '', 'garbage', `v1=${'0'.repeat(64)}`, `t=0x10,v1=${'0'.repeat(64)}`]) {
      expect(verify(secret, header, body), String(header)).toBe(false)
    }
  })

  it('accepts a signature made up to 300 s ago or 60 s ahead, and refuses an older or a later one', async () => {
    const verify = await servedVerifySample(app.url)
    expect(verify(secret, at(-299), body)).toBe(true)
    expect(verify(secret, at(50), body)).toBe(true) // a receiver's clock a little behind ours
    expect(verify(secret, at(-310), body)).toBe(false)
    expect(verify(secret, at(70), body)).toBe(false)
    expect(verify(secret, at(299), body)).toBe(false) // the review's finding: 299 s ahead was accepted
    expect(verify(secret, at(-86_400), body)).toBe(false)
    expect(verify(secret, at(86_400), body)).toBe(false)
  })

  it('tells developers how to refuse a replayed event', async () => {
    const html = unescapeHtml(await (await fetch(`${app.url}/docs/api`)).text())
    expect(html).toContain('Keep the <code>id</code> of every event you have handled')
  })
})

describe('the account page’s Developers section', () => {
  it('links the docs and shows the webhook and its deliveries', async () => {
    const user = await newRenderUser(app)
    const before = await (await user.client.get('/account')).text()
    expect(before).toMatch(/<h2[^>]*>Developers<\/h2>/)
    expect(before).toContain('href="/docs/api"')
    expect(before).toContain('No webhook is set.')
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${app.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${user.apiKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    expect((await api('PUT', '/webhook', { url: 'http://127.0.0.1:9/hooks' })).status).toBe(200)
    const project = await makeBrief(app, user.id)
    const video = await (await api('POST', '/videos', { screenplayId: project.screenplayId })).json()
    await api('POST', `/videos/${video.id}/cancel`)
    const after = await (await user.client.get('/account')).text()
    expect(after).toContain('data-testid="webhook-url">http://127.0.0.1:9/hooks</code>')
    expect(after).toContain('<code>video.canceled</code>')
    expect(after).toContain('<td>pending</td>')
  })
})
