import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { createLibtvClient, type LibtvClientOptions } from '../../src/libtv/client.js'
import { signImageUrl, verifyImageSignature } from '../../src/libtv/signed-url.js'
import type { LibtvSimulator } from '../../src/libtv/simulator/index.js'

/** A diagonal gradient PNG, so zoom and pan produce visibly different frames. */
export async function gradientPng(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      raw[i] = Math.round((x * 255) / width)
      raw[i + 1] = Math.round((y * 255) / height)
      raw[i + 2] = 128
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer()
}

export async function tempDir(prefix = 'lumina-libtv-test-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

export const IMAGE_URL_SECRET = 'test-image-url-secret-0123456789'

/**
 * A stand-in for the app's signed-image route: serves a registered image only on a valid,
 * unexpired signature for exactly that path, so LibTV (the simulator) fetches it for real.
 */
export async function startImageServer() {
  const images = new Map<string, Buffer>()
  const hits: Array<{ path: string; status: number }> = []
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://images')
    const check = verifyImageSignature({
      path: url.pathname,
      expires: url.searchParams.get('expires'),
      sig: url.searchParams.get('sig'),
      secret: IMAGE_URL_SECRET,
    })
    const image = images.get(url.pathname)
    const status = !check.ok ? (check.reason === 'expired' ? 410 : 403) : image ? 200 : 404
    hits.push({ path: url.pathname, status })
    if (status !== 200) return void res.writeHead(status).end()
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': image!.length }).end(image)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    baseUrl,
    hits,
    /** Registers an image under a random path and returns a URL signed until `expiresAt`. */
    add(bytes: Buffer, expiresAt = Date.now() + 3600_000): { path: string; url: string } {
      const p = `/libtv/images/${crypto.randomUUID()}.png`
      images.set(p, bytes)
      return { path: p, url: signImageUrl({ baseUrl, path: p, secret: IMAGE_URL_SECRET, expiresAt }) }
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections()
        server.close(() => r())
      }),
  }
}

export type Probe = { duration: number; width: number; height: number; codec: string; pixFmt: string; frames: number }

export async function ffprobe(file: string): Promise<Probe> {
  const { stdout } = await promisify(execFile)('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=codec_name,width,height,pix_fmt,nb_frames:format=duration,format_name',
    '-of',
    'json',
    file,
  ])
  const j = JSON.parse(stdout) as { streams: Array<Record<string, string | number>>; format: Record<string, string> }
  const s = j.streams[0]!
  return {
    duration: Number(j.format.duration),
    width: Number(s.width),
    height: Number(s.height),
    codec: String(s.codec_name),
    pixFmt: String(s.pix_fmt),
    frames: Number(s.nb_frames),
  }
}

/** A client for the simulator with fast retries, so fault tests take milliseconds, not seconds. */
export function simClient(sim: LibtvSimulator, options: LibtvClientOptions = {}) {
  return createLibtvClient(
    { accessKey: sim.accessKey, secretKey: sim.secretKey, baseUrl: sim.baseUrl, model: 'kling-v2-1', mode: 'std' },
    { submitIntervalMs: 0, requestTimeoutMs: 5000, retry: { retries: 4, baseDelayMs: 5, maxDelayMs: 50 }, ...options },
  )
}

/** Records unhandled rejections between start() and stop(); the client must never cause one. */
export function watchUnhandledRejections() {
  const seen: unknown[] = []
  const listener = (reason: unknown) => seen.push(reason)
  return {
    seen,
    start: () => process.on('unhandledRejection', listener),
    stop: () => process.off('unhandledRejection', listener),
  }
}
