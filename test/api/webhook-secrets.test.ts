import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webhookDeliveries, webhookEndpoints } from '../../db/schema.js'
import { attemptDelivery, type DeliveryOptions, SECRET_UNREADABLE } from '../../src/webhooks/delivery.js'
import { openWebhookSecret, webhookSecretsKey } from '../../src/webhooks/secret-box.js'
import { queueVideoEvent } from '../../src/webhooks/service.js'
import { prepareWebhooks } from '../../src/webhooks/start-up.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { newRenderUser, type RenderUser } from '../support/render.js'
import { servedVerifySample, type Verify } from '../support/webhook-sample.js'

let app: TestApp
let receiver: http.Server
let receiverUrl: string
const received: { signature: string; body: string }[] = []
let verify: Verify

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      received.push({ signature: String(req.headers['lumina-signature']), body })
      res.end('ok')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`
  app = await startTestApp()
  verify = await servedVerifySample(app.url)
})
afterAll(async () => {
  await app.close()
  await new Promise((resolve) => receiver.close(resolve))
})

const setWebhook = async (user: RenderUser) => {
  const res = await fetch(`${app.url}/api/v1/webhook`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${user.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: receiverUrl }),
  })
  expect(res.status).toBe(200)
  return (await res.json()).secret as string
}

const options = (secretsKey = app.deps.runtime.webhookSecretsKey): DeliveryOptions => ({
  db: app.db,
  policy: { requireHttps: false, allowLoopback: true, timeoutMs: 2000 },
  secretsKey,
  videoJson: () => undefined,
  log: () => {},
  retryDelayMs: () => 60_000,
})

/** Queues an event for the user and attempts it once; answers what the receiver got, if anything. */
async function deliverOnce(userId: string, secretsKey = app.deps.runtime.webhookSecretsKey) {
  queueVideoEvent(app.db, userId, `vid_${randomBytes(4).toString('hex')}`, 'video.succeeded')
  const due = app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.userId, userId)).all().at(-1)!
  const before = received.length
  await attemptDelivery(options(secretsKey), due)
  return {
    event: received.length > before ? received.at(-1) : undefined,
    row: app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, due.id)).get()!,
  }
}

const storedSecret = (userId: string) =>
  app.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.userId, userId)).get()!.secret

describe('webhook signing secrets at rest', () => {
  it('are never written to the database file in clear, and deliveries are still signed with them', async () => {
    const owner = await newRenderUser(app)
    const secret = await setWebhook(owner)
    expect(secret).toMatch(/^whsec_/)
    expect(storedSecret(owner.id)).toMatch(/^v1:[\w-]+:[\w-]+:[\w-]+$/)

    const { event } = await deliverOnce(owner.id)
    expect(verify(secret, event!.signature, event!.body)).toBe(true)

    // Every byte SQLite wrote: the database, its write-ahead log, and both after a checkpoint.
    const files = [app.deps.config.databasePath, `${app.deps.config.databasePath}-wal`]
    const read = () => files.filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f))
    for (const bytes of read()) expect(bytes.includes(secret)).toBe(false)
    app.db.$client.pragma('wal_checkpoint(TRUNCATE)')
    for (const bytes of read()) expect(bytes.includes(secret)).toBe(false)
  })

  it('seal a secret still kept in clear at start-up, and on first use', async () => {
    const key = app.deps.runtime.webhookSecretsKey
    const early = await newRenderUser(app)
    const late = await newRenderUser(app)
    for (const user of [early, late]) await setWebhook(user)
    // Rows as an older version wrote them: the secret as it is.
    const plain = (user: RenderUser) => `whsec_${user.id.slice(0, 8)}${randomBytes(18).toString('base64url')}`
    const earlySecret = plain(early)
    const lateSecret = plain(late)
    for (const [user, secret] of [
      [early, earlySecret],
      [late, lateSecret],
    ] as const) {
      app.db.update(webhookEndpoints).set({ secret }).where(eq(webhookEndpoints.userId, user.id)).run()
    }

    // First use, before any start-up pass: signed with the secret, and sealed on the way.
    const first = await deliverOnce(late.id)
    expect(verify(lateSecret, first.event!.signature, first.event!.body)).toBe(true)
    expect(storedSecret(late.id)).toMatch(/^v1:/)
    expect(openWebhookSecret(key, late.id, storedSecret(late.id))).toBe(lateSecret)

    // The start-up pass seals the rest.
    expect(prepareWebhooks(app.db, key)).toMatchObject({ sealed: 1, unreadable: 0 })
    expect(storedSecret(early.id)).toMatch(/^v1:/)
    expect(openWebhookSecret(key, early.id, storedSecret(early.id))).toBe(earlySecret)
    const later = await deliverOnce(early.id)
    expect(verify(earlySecret, later.event!.signature, later.event!.body)).toBe(true)
    expect(prepareWebhooks(app.db, key).sealed).toBe(0)
  })

  it('cannot be opened with another key or moved to another account: the delivery fails and says why', async () => {
    const owner = await newRenderUser(app)
    const other = await newRenderUser(app)
    await setWebhook(owner)
    await setWebhook(other)
    const otherKey = webhookSecretsKey(randomBytes(32).toString('base64url'))
    expect(prepareWebhooks(app.db, otherKey).unreadable).toBeGreaterThanOrEqual(2)

    const lost = await deliverOnce(owner.id, otherKey)
    expect(lost.event).toBeUndefined()
    expect(lost.row).toMatchObject({ status: 'pending', attempts: 1, lastError: SECRET_UNREADABLE })

    // The owner's sealed secret copied onto another account's row does not open there.
    app.db
      .update(webhookEndpoints)
      .set({ secret: storedSecret(owner.id) })
      .where(eq(webhookEndpoints.userId, other.id))
      .run()
    const moved = await deliverOnce(other.id)
    expect(moved.event).toBeUndefined()
    expect(moved.row.lastError).toBe(SECRET_UNREADABLE)
  })
})
