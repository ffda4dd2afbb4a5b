import http from 'node:http'
import net from 'node:net'
import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webhookDeliveries } from '../../db/schema.js'
import { attemptDelivery, type DeliveryOptions, startWebhookDelivery } from '../../src/webhooks/delivery.js'
import { queueVideoEvent, setWebhookEndpoint } from '../../src/webhooks/service.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { newRenderUser } from '../support/render.js'

/**
 * A receiver that reads the request, then answers one byte every `gapMs` (each byte keeps an
 * idle timeout from firing), or at once when `prompt` is set. With `bodyOnly`, the headers come
 * at once and only the body trickles.
 */
function trickler(gapMs: number) {
  const state = { connections: 0, durations: [] as number[], prompt: false, bodyOnly: false }
  const server = net.createServer((socket) => {
    const started = Date.now()
    state.connections++
    let request = ''
    let timer: NodeJS.Timeout | undefined
    socket.on('data', (chunk) => {
      request += chunk.toString('latin1')
      const end = request.indexOf('\r\n\r\n')
      const length = Number(/content-length: (\d+)/i.exec(request)?.[1] ?? 0)
      if (end < 0 || request.length < end + 4 + length || timer) return
      const body = 'ok'.padEnd(40, '.')
      const head = `HTTP/1.1 200 OK\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n`
      if (state.prompt) return void socket.end(head + body)
      let answer = head + body
      if (state.bodyOnly) {
        socket.write(head)
        answer = body
      }
      let i = 0
      timer = setInterval(() => {
        if (i < answer.length) socket.write(answer[i++]!)
        else socket.end()
      }, gapMs)
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      clearInterval(timer)
      state.durations.push(Date.now() - started)
    })
  })
  return { server, state }
}

let app: TestApp
let slow: ReturnType<typeof trickler>
let healthy: http.Server
const healthyArrivals: { at: number; body: string }[] = []

const urlOf = (server: net.Server | http.Server) =>
  `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/hooks`

beforeAll(async () => {
  app = await startTestApp()
  slow = trickler(250)
  healthy = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      healthyArrivals.push({ at: Date.now(), body })
      res.end('ok')
    })
  })
  await new Promise<void>((resolve) => slow.server.listen(0, '127.0.0.1', resolve))
  await new Promise<void>((resolve) => healthy.listen(0, '127.0.0.1', resolve))
})
afterAll(async () => {
  await app.close()
  await new Promise((resolve) => healthy.close(resolve))
  await new Promise((resolve) => slow.server.close(resolve))
})

async function until(what: string, check: () => boolean, withinMs = 15_000) {
  const deadline = Date.now() + withinMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const DEADLINE_MS = 2000

function options(overrides: Partial<DeliveryOptions> = {}): DeliveryOptions {
  return {
    db: app.db,
    policy: { requireHttps: false, allowLoopback: true, timeoutMs: DEADLINE_MS },
    secretsKey: app.deps.runtime.webhookSecretsKey,
    videoJson: () => undefined,
    log: () => {},
    intervalMs: 50,
    retryDelayMs: () => 60_000,
    ...overrides,
  }
}

const deliveriesOf = (userId: string) =>
  app.db
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.userId, userId))
    .orderBy(asc(webhookDeliveries.createdAt))
    .all()

describe('a slow webhook endpoint', () => {
  it('never holds up another endpoint: a trickling answer is cut at the deadline and retried later', async () => {
    const key = app.deps.runtime.webhookSecretsKey
    const slowOwner = await newRenderUser(app)
    const otherOwner = await newRenderUser(app)
    setWebhookEndpoint(app.db, key, slowOwner.id, urlOf(slow.server))
    setWebhookEndpoint(app.db, key, otherOwner.id, urlOf(healthy))
    // The slow endpoint has a backlog: three events due, more than one slot's worth.
    for (let i = 0; i < 3; i++)
      queueVideoEvent(app.db, slowOwner.id, `vid_slow_${i}`, 'video.succeeded', Date.now() + i)

    const loop = startWebhookDelivery(options())
    try {
      await until('the slow endpoint to be called', () => slow.state.connections > 0)
      // Another customer's event, while the slow endpoint is trickling its answer.
      const queuedAt = Date.now()
      queueVideoEvent(app.db, otherOwner.id, 'vid_other', 'video.succeeded')
      await until('the other endpoint to be called', () => healthyArrivals.length > 0, 5000)
      expect(healthyArrivals[0]!.at - queuedAt).toBeLessThan(DEADLINE_MS / 2)
      expect(JSON.parse(healthyArrivals[0]!.body).data.video.id).toBe('vid_other')
      await until('the other delivery to be recorded', () => deliveriesOf(otherOwner.id)[0]!.status === 'delivered')
      expect(deliveriesOf(otherOwner.id)[0]).toMatchObject({ status: 'delivered', attempts: 1 })
      // Never two attempts at once to the one endpoint, however many of its events are due.
      await new Promise((resolve) => setTimeout(resolve, DEADLINE_MS / 4))
      expect(slow.state.connections).toBe(1)

      // The slow attempt ends at its deadline, as a failure to retry later.
      await until('the first slow attempt to end', () => deliveriesOf(slowOwner.id)[0]!.attempts === 1)
      await until('the receiver to see its connection closed', () => slow.state.durations.length > 0)
      expect(slow.state.durations[0]).toBeGreaterThanOrEqual(DEADLINE_MS - 100)
      expect(slow.state.durations[0]).toBeLessThan(DEADLINE_MS + 1000)
      const first = deliveriesOf(slowOwner.id)[0]!
      expect(first).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null })
      expect(first.lastError).toBe('No complete answer within the 2-second deadline.')
      expect(first.nextAttemptAt).toBeGreaterThan(Date.now() + 50_000)
    } finally {
      await loop.stop()
    }
    // Later the endpoint answers properly: the retry delivers the same event.
    slow.state.prompt = true
    const first = deliveriesOf(slowOwner.id)[0]!
    app.db.update(webhookDeliveries).set({ nextAttemptAt: Date.now() }).where(eq(webhookDeliveries.id, first.id)).run()
    await attemptDelivery(
      options(),
      app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, first.id)).get()!,
    )
    expect(app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, first.id)).get()).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
    })
  }, 30_000)

  it('a body that trickles after a 200 is cut at the deadline too', async () => {
    slow.state.prompt = false
    slow.state.bodyOnly = true
    const owner = await newRenderUser(app)
    setWebhookEndpoint(app.db, app.deps.runtime.webhookSecretsKey, owner.id, urlOf(slow.server))
    queueVideoEvent(app.db, owner.id, 'vid_body', 'video.succeeded')
    const due = app.db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.userId, owner.id), eq(webhookDeliveries.status, 'pending')))
      .get()!
    const started = Date.now()
    await attemptDelivery(options({ policy: { requireHttps: false, allowLoopback: true, timeoutMs: 1000 } }), due)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(app.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, due.id)).get()).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'No complete answer within the 1-second deadline.',
    })
  })
})
