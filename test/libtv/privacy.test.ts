import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { type LibtvSimulator, startLibtvSimulator } from '../../src/libtv/simulator/index.js'
import { gradientPng, simClient, startImageServer, tempDir } from './helpers.js'

// Privacy policy §4 (views/legal/privacy.tsx): "We send your product image and the per-shot
// prompt … We do not pass your email or account identifiers to LibTV." The simulator records
// every request it receives; a
// render done on behalf of a (fake) user must carry none of that user's details.
let sim: LibtvSimulator
let images: Awaited<ReturnType<typeof startImageServer>>
let tmp: Awaited<ReturnType<typeof tempDir>>

const user = {
  id: randomUUID(),
  email: 'alice.privacy-check@example.com',
  name: 'Alice Privacycheck',
  apiKeyPrefix: 'lum_9f3k',
  briefTitle: 'Confidential spring launch of the Aurora mug',
  uploadFileName: 'alice-aurora-mug-photo.png',
}

beforeAll(async () => {
  tmp = await tempDir()
  images = await startImageServer()
  sim = await startLibtvSimulator({
    submitIntervalMs: 0,
    faults: { latency: { queued: 20, running: 20, generated: 20, moderating: 20 } },
    render: { cacheDir: path.join(tmp.dir, 'renders') },
  })
})

afterAll(async () => {
  await sim?.close()
  await images?.close()
  await tmp?.remove()
})

it('sends LibTV only the image, the prompt and the model settings', async () => {
  const client = simClient(sim)
  const prompt = 'Slow push in on the ceramic mug, morning light'
  const png = await gradientPng(600, 400)
  // Both ways an image reaches LibTV: a signed URL on the app, and LibTV's upload route.
  const signed = images.add(png)
  const uploaded = await client.uploadImage(png, 'png')
  for (const imageUrl of [signed.url, uploaded]) {
    const id = await client.submit({ imageUrl, prompt, durationSeconds: 5 })
    const result = await client.waitForResult(id, { pollIntervalMs: 20 })
    if (result.state !== 'succeeded') throw new Error(`expected success, got ${result.state}`)
    await client.downloadVideo(result.videoUrl, path.join(tmp.dir, `${id}.mp4`))
  }

  const everything = JSON.stringify(sim.requests).toLowerCase()
  expect(sim.requests.length).toBeGreaterThan(8)
  for (const secret of [
    user.id,
    user.email,
    user.email.split('@')[0]!,
    user.name,
    user.apiKeyPrefix,
    user.briefTitle,
    user.uploadFileName,
    sim.secretKey,
  ]) {
    expect(everything).not.toContain(secret.toLowerCase())
  }

  for (const r of sim.requests) {
    expect(r.headers.cookie).toBeUndefined()
    expect(r.headers.authorization).toBeUndefined()
    if (r.path.startsWith('/api/')) {
      // The only query parameters are the four signing ones.
      expect(Object.keys(r.query).sort()).toEqual(['AccessKey', 'Signature', 'SignatureNonce', 'Timestamp'])
    } else {
      expect(Object.keys(r.query).filter((k) => k !== 'Expires')).toEqual([])
    }
  }
  const bodies = (p: string) => sim.requests.filter((r) => r.path === p).map((r) => r.body as Record<string, unknown>)
  const submits = bodies('/api/generate/video/kling/img2video')
  expect(submits).toHaveLength(2)
  for (const b of submits) {
    expect(Object.keys(b).sort()).toEqual(['generateParams', 'templateUuid'])
    expect(b.generateParams).toEqual({
      model: 'kling-v2-1',
      prompt,
      duration: '5',
      mode: 'std',
      startFrame: expect.any(String),
    })
  }
  expect(submits.map((b) => (b.generateParams as { startFrame: string }).startFrame)).toEqual([signed.url, uploaded])
  for (const b of bodies('/api/generate/status')) expect(Object.keys(b)).toEqual(['generateUuid'])
  const [sigBody] = bodies('/api/generate/upload/signature')
  expect(sigBody).toEqual({ name: expect.stringMatching(/^[0-9a-f]{32}$/), extension: 'png' })
  // The uploaded file's multipart name is generic too, not the user's file name.
  expect(JSON.stringify(bodies('/sim/oss'))).not.toContain('alice')
})
