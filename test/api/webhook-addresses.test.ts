import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webhookDeliveries } from '../../db/schema.js'
import { addressAllowed, REFUSALS, WebhookRefused } from '../../src/webhooks/address-guard.js'
import { attemptDelivery } from '../../src/webhooks/delivery.js'
import { postWebhook } from '../../src/webhooks/send.js'
import { prepareWebhooks } from '../../src/webhooks/start-up.js'
import { PRODUCTION_SCRYPT, startTestApp, type TestApp } from '../support/app.js'
import { makeBrief, newRenderUser, type RenderUser } from '../support/render.js'

// IPv6 forms that reach loopback, private or unrouted addresses, as the review found them and beyond.
const NOT_GLOBAL_V6 = [
  '::7f00:1', // IPv4-compatible 127.0.0.1
  '::127.0.0.1',
  '64:ff9b::7f00:1', // NAT64 of 127.0.0.1
  '64:ff9b:1::a00:1', // local-use NAT64
  '2002:7f00:1::', // 6to4 of 127.0.0.1
  '2002:a9fe:a9fe::1', // 6to4 of the metadata service
  '::ffff:0:7f00:1', // IPv4-translated 127.0.0.1
  '::ffff:7f00:1', // IPv4-mapped 127.0.0.1
  '::ffff:169.254.169.254',
  '::ffff:10.0.0.1',
  'fec0::1', // site-local
  'fe80::1',
  'fe80::1%eth0',
  'fc00::1',
  'fd12:3456::1',
  'ff02::1',
  '::',
  '::1',
  '100::1', // discard-only
  '2001::1', // Teredo
  '2001:0:4136:e378:8000:63bf:3fff:fdd2',
  '2001:db8::1', // documentation
  '2001:10::1', // ORCHID
  '3fff::1', // documentation (RFC 9637)
  '5f00::1', // SRv6
  '4000::1', // outside global unicast
  'not an address',
]
const NOT_GLOBAL_V4 = ['0.0.0.0', '10.1.2.3', '100.64.0.1', '127.0.0.1', '169.254.169.254', '172.20.0.1', '192.0.0.8']
const NOT_GLOBAL_V4_MORE = ['192.0.2.1', '192.168.0.9', '198.18.0.1', '198.51.100.7', '203.0.113.9', '224.0.0.1']
const GLOBAL = [
  '8.8.8.8',
  '1.1.1.1',
  '::ffff:8.8.8.8',
  '2606:4700:4700::1111',
  '2a00:1450:4001:80b::200e',
  '2001:4860::1',
]

let app: TestApp
let prod: TestApp
let owner: RenderUser

beforeAll(async () => {
  app = await startTestApp()
  owner = await newRenderUser(app)
  prod = await startTestApp({
    ...PRODUCTION_SCRYPT,
    NODE_ENV: 'production',
    LIBTV_SIMULATE: '1',
    SMTP_URL: 'smtp://127.0.0.1:9', // production needs one; this test sends no mail
    BASE_URL: 'https://lumina.example',
  })
})
afterAll(async () => {
  await app.close()
  await prod.close()
})

const production = { requireHttps: true, allowLoopback: false, timeoutMs: 2000 }
const development = { requireHttps: false, allowLoopback: true, timeoutMs: 2000 }

const putWebhook = (on: TestApp, apiKey: string, url: string) =>
  fetch(`${on.url}/api/v1/webhook`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url }),
  })

describe('the webhook address guard', () => {
  it('refuses every IPv6 form that embeds IPv4 or is not global unicast, and every special IPv4 range', () => {
    for (const address of [...NOT_GLOBAL_V6, ...NOT_GLOBAL_V4, ...NOT_GLOBAL_V4_MORE]) {
      expect(addressAllowed(address, production), address).toBe(false)
    }
    for (const address of GLOBAL) expect(addressAllowed(address, production), address).toBe(true)
    // Development and tests may call loopback, and nothing else that production refuses.
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect(addressAllowed(address, development), address).toBe(true)
    }
    for (const address of NOT_GLOBAL_V6.filter((a) => a !== '::1' && a !== '::ffff:7f00:1')) {
      expect(addressAllowed(address, development), address).toBe(false)
    }
  })

  it('refuses such an address when the URL is saved, in production and in development', async () => {
    const prodOwner = await newRenderUser(prod)
    for (const address of [
      '::7f00:1',
      '64:ff9b::7f00:1',
      '2002:7f00:1::',
      '::ffff:0:7f00:1',
      'fec0::1',
      '2001:db8::1',
    ]) {
      for (const [on, key, scheme] of [
        [prod, prodOwner.apiKey, 'https'],
        [app, owner.apiKey, 'http'],
      ] as const) {
        const res = await putWebhook(on, key, `${scheme}://[${address}]/hooks`)
        expect(res.status, `${on === prod ? 'production' : 'development'} ${address}`).toBe(422)
        expect((await res.json()).errors[0]).toEqual({ field: 'url', message: REFUSALS.address })
      }
    }
    for (const url of ['https://169.254.169.254/latest', 'https://0x7f.1/x', 'https://[::ffff:10.0.0.1]/x']) {
      expect((await putWebhook(prod, prodOwner.apiKey, url)).status, url).toBe(422)
    }
    expect((await putWebhook(prod, prodOwner.apiKey, 'https://[2606:4700:4700::1111]/hooks')).status).toBe(200)
    expect((await putWebhook(prod, prodOwner.apiKey, 'https://hooks.customer.example/x')).status).toBe(200)
  })

  it('refuses them again when a host name resolves to one at delivery time (DNS rebinding), without connecting', async () => {
    for (const address of [...NOT_GLOBAL_V6.filter((a) => a.includes(':')), ...NOT_GLOBAL_V4]) {
      const resolve = async () => [
        { address: '2606:4700:4700::1111', family: 6 },
        { address, family: 6 },
      ]
      const sent = postWebhook('https://hooks.customer.example/x', '{}', {}, { ...production, resolve })
      await expect(sent, address).rejects.toThrow(WebhookRefused)
      await expect(sent, address).rejects.toThrow(REFUSALS.resolves)
    }
    for (const address of ['::7f00:1', '64:ff9b::7f00:1', '2002:7f00:1::', '::ffff:0:7f00:1', 'fec0::1']) {
      await expect(postWebhook(`https://[${address}]/x`, '{}', {}, production), address).rejects.toThrow(
        REFUSALS.address,
      )
    }
  })
})

describe('a refused delivery', () => {
  it('stores and shows that the host resolves to an address we do not call, never the address', async () => {
    expect((await putWebhook(app, owner.apiKey, 'https://hooks.customer.example/x')).status).toBe(200)
    const project = await makeBrief(app, owner.id)
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${app.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${owner.apiKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    const video = await (await api('POST', '/videos', { screenplayId: project.screenplayId })).json()
    await api('POST', `/videos/${video.id}/cancel`)
    const due = app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.videoId, video.id)).get()!
    await attemptDelivery(
      {
        db: app.db,
        policy: { ...production, resolve: async () => [{ address: '10.20.30.40', family: 4 }] },
        secretsKey: app.deps.runtime.webhookSecretsKey,
        videoJson: () => undefined,
        log: () => {},
        retryDelayMs: () => 60_000,
      },
      due,
    )
    const row = app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, due.id)).get()!
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: REFUSALS.resolves })
    const shown = await (await api('GET', '/webhook')).json()
    expect(shown.deliveries.find((d: { id: string }) => d.id === due.id).lastError).toBe(REFUSALS.resolves)
    expect(JSON.stringify(shown)).not.toContain('10.20.30.40')
    expect(await (await owner.client.get('/account')).text()).not.toContain('10.20.30.40')
  })

  it('names no address when the connection fails, and failures stored by older versions are reworded at start-up', async () => {
    const other = await newRenderUser(app)
    expect((await putWebhook(app, other.apiKey, 'http://127.0.0.1:9/hooks')).status).toBe(200)
    const project = await makeBrief(app, other.id)
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${app.url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${other.apiKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    const video = await (await api('POST', '/videos', { screenplayId: project.screenplayId })).json()
    await api('POST', `/videos/${video.id}/cancel`)
    const due = app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.videoId, video.id)).get()!
    const options = {
      db: app.db,
      policy: development,
      secretsKey: app.deps.runtime.webhookSecretsKey,
      videoJson: () => undefined,
      log: () => {},
      retryDelayMs: () => 60_000,
    }
    await attemptDelivery(options, due) // port 9 on loopback: nothing listens
    const failed = app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, due.id)).get()!
    expect(failed.lastError).toBe('The connection was refused.')

    for (const old of [
      'The webhook host resolves to an address we do not call (10.20.30.40).',
      'The webhook address 10.20.30.40 is not one we call.',
      'connect ECONNREFUSED 10.20.30.40:443',
    ]) {
      app.db.update(webhookDeliveries).set({ lastError: old }).where(eq(webhookDeliveries.id, due.id)).run()
      expect(prepareWebhooks(app.db, app.deps.runtime.webhookSecretsKey).reworded).toBe(1)
      const row = app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, due.id)).get()!
      expect(row.lastError, old).not.toContain('10.20.30.40')
    }
  })
})
