import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webhookDeliveries } from '../../db/schema.js'
import { videoJson } from '../../src/api/serialize.js'
import { findOwnedVideo } from '../../src/render/library.js'
import { WebhookRefused } from '../../src/webhooks/address-guard.js'
import { attemptDelivery, startWebhookDelivery } from '../../src/webhooks/delivery.js'
import { postWebhook } from '../../src/webhooks/send.js'
import { PRODUCTION_SCRYPT, startTestApp, type TestApp } from '../support/app.js'
import { makeBrief, newRenderUser, type RenderUser } from '../support/render.js'
import { servedVerifySample, type Verify } from '../support/webhook-sample.js'

// The receiver's check, exactly as /docs/api serves it to developers.
let verify: Verify

type Received = { headers: http.IncomingHttpHeaders; body: string }
let receiver: http.Server
let receiverUrl: string
const received: Received[] = []
let answers: number[] = []

let app: TestApp
let alice: RenderUser

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      received.push({ headers: req.headers, body })
      res.writeHead(answers.shift() ?? 200).end('ok')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/lumina`
  app = await startTestApp()
  alice = await newRenderUser(app, 'creator')
  verify = await servedVerifySample(app.url)
})
afterAll(async () => {
  await app.close()
  await new Promise((resolve) => receiver.close(resolve))
})

const api = (method: string, path: string, body?: unknown) =>
  fetch(`${app.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${alice.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })

const loopbackPolicy = { requireHttps: false, allowLoopback: true, timeoutMs: 2000 }
const deliveryOptions = (retryDelayMs = () => 0) => ({
  db: app.db,
  policy: loopbackPolicy,
  secretsKey: app.deps.runtime.webhookSecretsKey,
  videoJson: (userId: string, videoId: string) => {
    const found = findOwnedVideo(app.db, userId, videoId)
    return found && videoJson(found.video, found.shots, 'http://lumina.test')
  },
  log: () => {},
  retryDelayMs,
})

describe('webhooks', () => {
  it('signs each event; the documented check accepts it, and a tampered body fails it', async () => {
    const set = await api('PUT', '/webhook', { url: receiverUrl })
    expect(set.status).toBe(200)
    const { secret, url } = await set.json()
    expect(url).toBe(receiverUrl)
    expect(secret).toMatch(/^whsec_/)

    const project = await makeBrief(app, alice.id)
    const video = await (await api('POST', '/videos', { screenplayId: project.screenplayId })).json()
    expect((await api('POST', `/videos/${video.id}/cancel`)).status).toBe(200)
    // Written with the cancel, in the same transaction.
    expect(app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.videoId, video.id)).all()).toHaveLength(1)

    const loop = startWebhookDelivery({ ...deliveryOptions(), intervalMs: 60_000 })
    await loop.tick()
    loop.stop()
    const event = received.at(-1)!
    expect(verify(secret, String(event.headers['lumina-signature']), event.body)).toBe(true)
    expect(verify(secret, String(event.headers['lumina-signature']), event.body.replace('canceled', 'succeeded'))).toBe(
      false,
    )
    const body = JSON.parse(event.body)
    expect(body).toMatchObject({ type: 'video.canceled', data: { video: { id: video.id, status: 'canceled' } } })
    expect(Date.parse(body.createdAt)).toBeGreaterThan(0)
    const listed = await (await api('GET', '/webhook')).json()
    expect(listed.deliveries[0]).toMatchObject({ id: body.id, status: 'delivered', attempts: 1, lastStatusCode: 200 })
  })

  it('retries an endpoint that answers 500 until it answers 200', async () => {
    const project = await makeBrief(app, alice.id)
    const video = await (await api('POST', '/videos', { screenplayId: project.screenplayId })).json()
    await api('POST', `/videos/${video.id}/cancel`)
    answers = [500, 503]
    const before = received.length
    const options = deliveryOptions()
    for (let i = 0; i < 3; i++) {
      const due = app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.videoId, video.id)).get()!
      await attemptDelivery(options, due)
    }
    expect(received.length - before).toBe(3)
    const row = app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.videoId, video.id)).get()!
    expect(row).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200 })
    // Every try carried the same event.
    const ids = received.slice(before).map((r) => JSON.parse(r.body).id)
    expect(new Set(ids).size).toBe(1)
  })

  it('stops retrying after 24 hours and marks the delivery failed', async () => {
    const project = await makeBrief(app, alice.id)
    const video = await (await api('POST', '/videos', { screenplayId: project.screenplayId })).json()
    await api('POST', `/videos/${video.id}/cancel`)
    answers = [500]
    const due = app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.videoId, video.id)).get()!
    await attemptDelivery(
      deliveryOptions(() => 25 * 60 * 60 * 1000),
      due,
    )
    const row = app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.videoId, video.id)).get()!
    expect(row).toMatchObject({ status: 'failed', attempts: 1, lastStatusCode: 500 })
  })

  it('in production refuses http URLs, and hosts that resolve to private, loopback or metadata addresses', async () => {
    const production = { requireHttps: true, allowLoopback: false, timeoutMs: 2000 }
    await expect(postWebhook(receiverUrl, '{}', {}, production)).rejects.toThrow(WebhookRefused)
    const resolveTo = (address: string) => async () => [{ address, family: 4 }]
    for (const address of ['10.1.2.3', '192.168.0.9', '172.20.0.1', '169.254.169.254', '127.0.0.1', '100.64.0.1']) {
      await expect(
        postWebhook('https://hooks.customer.example/x', '{}', {}, { ...production, resolve: resolveTo(address) }),
      ).rejects.toThrow(/resolves to an address we do not call/)
    }
    await expect(postWebhook('https://[::1]/x', '{}', {}, production)).rejects.toThrow(WebhookRefused)
    await expect(postWebhook('https://169.254.169.254/latest', '{}', {}, production)).rejects.toThrow(WebhookRefused)
    // The system resolver too: localhost is loopback.
    await expect(postWebhook('https://localhost:9/x', '{}', {}, production)).rejects.toThrow(/resolves to an address/)

    // A second app in production mode, beside the first (a restart on the same port would leave
    // the client a stale keep-alive connection).
    const prod = await startTestApp({
      ...PRODUCTION_SCRYPT,
      NODE_ENV: 'production',
      LIBTV_SIMULATE: '1',
      SMTP_URL: 'smtp://127.0.0.1:9', // production needs one; this test sends no mail
      BASE_URL: 'https://lumina.example',
    })
    try {
      const owner = await newRenderUser(prod)
      const refused = await fetch(`${prod.url}/api/v1/webhook`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${owner.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'http://hooks.customer.example/x' }),
      })
      expect(refused.status).toBe(422)
      expect((await refused.json()).errors[0]).toMatchObject({ field: 'url', message: 'Webhook URLs must use https.' })
    } finally {
      await prod.close()
    }
  })

  it('removes the endpoint with DELETE', async () => {
    expect((await api('PUT', '/webhook', { url: 'https://hooks.customer.example/x' })).status).toBe(200)
    expect((await api('DELETE', '/webhook')).status).toBe(204)
    expect((await api('GET', '/webhook')).status).toBe(404)
  })
})
