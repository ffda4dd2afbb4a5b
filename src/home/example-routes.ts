import { Hono } from 'hono'
import type { AppEnv } from '../http/env.js'
import { sendFile } from '../http/send-file.js'
import { exampleFiles } from '../storage.js'
import { exampleCaptions, samplePhoto } from './example.js'

// The landing's example (src/home/example.ts), for anyone: the video with ranges (players seek),
// its poster, and the sample product's photo, the still shown until the video exists.
export const exampleRoutes = new Hono<AppEnv>()

const CACHE = 'public, max-age=300'
let still: Promise<Buffer> | undefined

exampleRoutes.get('/video.mp4', async (c) => {
  const sent = await sendFile(c, exampleFiles(c.var.config.dataDir).video, {
    contentType: 'video/mp4',
    cacheControl: CACHE,
  })
  return sent ?? c.notFound()
})

exampleRoutes.get('/poster.jpg', async (c) => {
  const sent = await sendFile(c, exampleFiles(c.var.config.dataDir).poster, {
    contentType: 'image/jpeg',
    cacheControl: CACHE,
  })
  return sent ?? c.notFound()
})

exampleRoutes.get('/still.jpg', async (c) => {
  still ??= samplePhoto()
  return c.body(new Uint8Array(await still), 200, { 'Content-Type': 'image/jpeg', 'Cache-Control': CACHE })
})

exampleRoutes.get('/captions.vtt', (c) =>
  c.body(exampleCaptions(), 200, { 'Content-Type': 'text/vtt; charset=utf-8', 'Cache-Control': CACHE }),
)
