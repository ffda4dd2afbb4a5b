import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { videoJson } from '../../src/api/serialize.js'
import { findOwnedVideo } from '../../src/render/library.js'
import { startWebhookDelivery } from '../../src/webhooks/delivery.js'
import { ContractChecker } from '../support/contract.js'
import {
  newRenderUser,
  probeMedia,
  productPhoto,
  type RenderStack,
  type RenderUser,
  startRenderStack,
  usageRows,
  videoRow,
} from '../support/render.js'

// The one-call path for real: a photo and a brief in, a rendered MP4 out, through the simulator
// and the real render worker, every JSON answer checked against the published document.

let stack: RenderStack
let alice: RenderUser
let contract: ContractChecker

beforeAll(async () => {
  stack = await startRenderStack()
  alice = await newRenderUser(stack.app)
  contract = new ContractChecker(await (await fetch(`${stack.app.url}/api/v1/openapi.json`)).json())
}, 60_000)
afterAll(async () => {
  await stack?.close()
})

const auth = () => ({ authorization: `Bearer ${alice.apiKey}` })

async function checked(method: string, url: string, init: RequestInit = {}) {
  const res = await fetch(url, { method, ...init, headers: { ...auth(), ...(init.headers ?? {}) } })
  return { res, body: (await contract.check(method, url, res)) as any }
}

describe('POST /videos with a photo and a brief', () => {
  it('creates the photo, the brief, its screenplay and the render, and the video plays', async () => {
    const form = new FormData()
    form.append('image', new File([new Uint8Array(await productPhoto())], 'aura.jpg', { type: 'image/jpeg' }))
    form.append(
      'brief',
      JSON.stringify({
        productName: 'Aura X2 Headphones',
        description: 'Wireless over-ear headphones with adaptive noise cancelling.',
        sellingPoints: ['40-hour battery life'],
        audience: 'Commuters',
        callToAction: 'Shop now',
        lengthSeconds: 15,
      }),
    )
    const api = `${stack.app.url}/api/v1`
    const hooks: string[] = []
    const receiver = http.createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        hooks.push(body)
        res.end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/`
    const set = await checked('PUT', `${api}/webhook`, {
      body: JSON.stringify({ url: hookUrl }),
      headers: { 'content-type': 'application/json' },
    })
    expect(set.res.status).toBe(200)
    const created = await checked('POST', `${api}/videos`, { body: form })
    expect(created.res.status).toBe(202)
    expect(created.body).toMatchObject({ status: 'queued', aspectRatio: '9:16', lengthSeconds: 15 })

    let video = created.body
    const deadline = Date.now() + 60_000
    while (!['succeeded', 'failed', 'canceled'].includes(video.status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250))
      video = (await checked('GET', `${api}/videos/${video.id}`)).body
    }
    expect(video.status, video.failureReason ?? '').toBe('succeeded')
    expect(video.shots.every((s: any) => s.status === 'succeeded')).toBe(true)
    expect(Date.parse(video.finishedAt)).toBeGreaterThanOrEqual(Date.parse(video.createdAt))

    const file = await fetch(`${stack.app.url}${new URL(video.fileUrl).pathname}`, { headers: auth() })
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('video/mp4')
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lumina-api-')), 'video.mp4')
    fs.writeFileSync(out, Buffer.from(await file.arrayBuffer()))
    const media = await probeMedia(out)
    expect(media.codec).toBe('h264')
    expect([media.width, media.height]).toEqual([
      stack.workerData.stitchSize?.['9:16']?.width ?? 720,
      stack.workerData.stitchSize?.['9:16']?.height ?? 1280,
    ])
    expect(media.duration).toBeGreaterThan(10)

    // What the call made is there, once, and charged once.
    const brief = await checked('GET', `${api}/briefs/${video.briefId}`)
    expect(brief.body.productName).toBe('Aura X2 Headphones')
    expect((await checked('GET', `${api}/briefs/${video.briefId}/screenplays`)).body.data).toHaveLength(1)
    expect(usageRows(stack.app, alice.id, video.id).filter((u) => u.voidedAt === null)).toHaveLength(1)
    expect(videoRow(stack.app, video.id)?.status).toBe('done')

    // The video.succeeded webhook carries the video exactly as GET /videos/{id} shows it.
    const loop = startWebhookDelivery({
      db: stack.app.db,
      policy: { requireHttps: false, allowLoopback: true, timeoutMs: 2000 },
      secretsKey: stack.app.deps.runtime.webhookSecretsKey,
      videoJson: (userId, videoId) => {
        const found = findOwnedVideo(stack.app.db, userId, videoId)
        return found && videoJson(found.video, found.shots, stack.app.deps.config.baseUrl.origin)
      },
      log: () => {},
    })
    await loop.tick()
    loop.stop()
    await new Promise((resolve) => receiver.close(resolve))
    expect(hooks).toHaveLength(1)
    const event = JSON.parse(hooks[0]!)
    expect(event.type).toBe('video.succeeded')
    expect(event.data.video).toEqual((await checked('GET', `${api}/videos/${video.id}`)).body)
  }, 90_000)

  it('refuses a bad brief or a non-image with 422 and stores nothing', async () => {
    const api = `${stack.app.url}/api/v1`
    const before = (await checked('GET', `${api}/briefs`)).body.data.length
    const noJson = new FormData()
    noJson.append('image', new File([new Uint8Array(await productPhoto())], 'a.jpg', { type: 'image/jpeg' }))
    noJson.append('brief', '{ not json')
    const bad = await checked('POST', `${api}/videos`, { body: noJson })
    expect(bad.res.status).toBe(422)
    expect(bad.body.errors[0].field).toBe('brief')

    const missing = new FormData()
    missing.append('image', new File([new Uint8Array(await productPhoto())], 'a.jpg', { type: 'image/jpeg' }))
    missing.append('brief', JSON.stringify({ productName: 'X' }))
    const incomplete = await checked('POST', `${api}/videos`, { body: missing })
    expect(incomplete.res.status).toBe(422)
    expect(incomplete.body.errors.map((e: any) => e.field)).toEqual(
      expect.arrayContaining(['brief.description', 'brief.sellingPoints', 'brief.audience', 'brief.callToAction']),
    )
    expect((await checked('GET', `${api}/briefs`)).body.data.length).toBe(before)
  })
})
