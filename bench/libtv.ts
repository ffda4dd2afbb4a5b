// The LibTV simulator's render cost and the client's round trip, over loopback HTTP.
// Run: npx tsx bench/libtv.ts   (also part of `npm run bench`)
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import sharp from 'sharp'
import { createLibtvClient } from '../src/libtv/client.js'
import { ClipRenderer } from '../src/libtv/simulator/render.js'
import { startLibtvSimulator } from '../src/libtv/simulator/server.js'

const dir = await mkdtemp(path.join(os.tmpdir(), 'lumina-libtv-bench-'))
const image = await sharp({ create: { width: 1280, height: 720, channels: 3, background: { r: 200, g: 120, b: 40 } } })
  .composite([
    { input: Buffer.from('<svg width="1280" height="720"><circle cx="640" cy="360" r="200" fill="#234"/></svg>') },
  ])
  .png()
  .toBuffer()

const ms = (t0: number) => `${(performance.now() - t0).toFixed(0)} ms`
try {
  console.log('render (ffmpeg, -preset ultrafast, 24 fps), cold cache then cached:')
  for (const shortSide of [480, 720]) {
    for (const seconds of [5, 10]) {
      const renderer = new ClipRenderer({ cacheDir: path.join(dir, `r${shortSide}`), shortSide })
      let t0 = performance.now()
      await renderer.render(image, 'slow push in', seconds)
      const cold = ms(t0)
      t0 = performance.now()
      await renderer.render(image, 'slow push in', seconds)
      console.log(`  ${shortSide}p ${seconds} s: ${cold} cold, ${ms(t0)} cached`)
    }
  }

  const sim = await startLibtvSimulator({
    submitIntervalMs: 0,
    maxConcurrentTasks: 1000,
    faults: { latency: { queued: 0, running: 0, generated: 0, moderating: 0 } },
    render: { cacheDir: path.join(dir, 'sim') },
  })
  const client = createLibtvClient(
    { accessKey: sim.accessKey, secretKey: sim.secretKey, baseUrl: sim.baseUrl, model: 'kling-v2-1', mode: 'std' },
    { submitIntervalMs: 0, maxInFlight: 1000 },
  )
  const imageUrl = await client.uploadImage(image, 'png')
  let t0 = performance.now()
  const id = await client.submit({ imageUrl, prompt: 'orbit around the product', durationSeconds: 5 })
  const result = await client.waitForResult(id, { pollIntervalMs: 10 })
  if (result.state !== 'succeeded') throw new Error(result.state)
  await client.downloadVideo(result.videoUrl, path.join(dir, 'clip.mp4'))
  console.log(`one shot, upload excluded (submit → render → poll → download): ${ms(t0)}`)

  const n = 500
  t0 = performance.now()
  for (let i = 0; i < n; i++) await client.status(id)
  console.log(`status polls, sequential: ${((n * 1000) / (performance.now() - t0)).toFixed(0)}/s`)
  await sim.close()
} finally {
  await rm(dir, { recursive: true, force: true })
}
