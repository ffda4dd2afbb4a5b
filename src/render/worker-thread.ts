// The render worker: runs in a worker_threads Worker with its own SQLite connection, so the
// web server's event loop never waits on rendering. It knows nothing of HTTP or pages.

import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import type { Image } from '../../db/schema.js'
import type { AspectRatio, Resolution } from '../../db/states.js'
import { signedImageUrl } from '../briefs/signed-image.js'
import { connectionSettings, openDatabase } from '../db.js'
import type { LibtvMode, LibtvModel } from '../libtv/config.js'
import { createLibtvClient, type LibtvClientOptions } from '../libtv/index.js'
import { musicCacheDir } from '../music/index.js'
import { framePhoto } from './framing.js'
import { sweepFinishedVideoFolders } from './leftovers.js'
import { startRenderLoop } from './loop.js'
import { LEASE_MS } from './queue.js'
import { sweepStitchLeftovers } from './sweep.js'

export type RenderWorkerData = {
  databasePath: string
  dataDir: string
  libtv: {
    accessKey: string
    secretKey: string
    baseUrl: string
    model: LibtvModel
    mode: LibtvMode
    submitIntervalMs?: number
    /** Test knobs: shorter timeouts and retry waits, so a test with hung calls takes seconds. */
    client?: Pick<LibtvClientOptions, 'requestTimeoutMs' | 'uploadTimeoutMs' | 'downloadTimeoutMs' | 'retry'>
  }
  /** 'signed': LibTV fetches the photo from `origin` on a signed URL; 'upload': LibTV's upload route. */
  imageDelivery: { kind: 'signed'; origin: string; secret: string } | { kind: 'upload' }
  ffmpegPath: string
  ffprobePath: string
  /** Music under the videos; without it every video keeps the silent track. */
  music?: { fluidsynthPath: string; soundfont: string; libraryDir?: string }
  concurrency: number
  pollIntervalMs: number
  idlePollMs: number
  /** Lease length: a job is claimable again this long after its last renewal (start-up reclaims them at once). */
  leaseMs?: number
  /** The wait after a job's first failed attempt (doubling after each); default RETRY_BACKOFF_MS. */
  retryBackoffMs?: number
  stitchSize?: Record<string, { width: number; height: number }>
  /** For "Email me when it's ready" (src/render/ready-mail.ts); the address as text (a URL is not cloneable). */
  mail?: { productName: string; contactEmail: string; baseUrl: string }
}

const data = workerData as RenderWorkerData
const db = openDatabase(data.databasePath)
// Log lines carry ids and states only: never prompts, emails or keys.
const log = (event: string, fields: Record<string, unknown> = {}) =>
  parentPort?.postMessage({ type: 'log', event, fields })
const libtv = createLibtvClient(data.libtv, {
  ...data.libtv.client,
  ...(data.libtv.submitIntervalMs !== undefined ? { submitIntervalMs: data.libtv.submitIntervalMs } : {}),
  // Each retry of a LibTV call: the call, the attempt, the wait, the error's kind and code (no URL).
  onRetry: (retry) => log('libtv retry', retry),
})
const delivery = data.imageDelivery

async function imageUrl(image: Image, framing: { aspectRatio: AspectRatio; resolution: Resolution }): Promise<string> {
  // LibTV gets the photo framed for the video's shape, made here once and kept beside the photo.
  const framed = await framePhoto(data.dataDir, image, framing.aspectRatio, framing.resolution)
  if (delivery.kind === 'signed') return signedImageUrl(delivery.origin, delivery.secret, image, Date.now(), framing)
  return libtv.uploadImage(await fs.promises.readFile(framed), 'jpg')
}

const loop = startRenderLoop({
  db,
  owner: `worker-${randomUUID()}`,
  dataDir: data.dataDir,
  libtv,
  imageUrl,
  ffmpegPath: data.ffmpegPath,
  ffprobePath: data.ffprobePath,
  ...(data.music
    ? { music: { ...data.music, ffmpegPath: data.ffmpegPath, cacheDir: musicCacheDir(data.dataDir) } }
    : {}),
  pollIntervalMs: data.pollIntervalMs,
  concurrency: data.concurrency,
  idlePollMs: data.idlePollMs,
  leaseMs: data.leaseMs ?? LEASE_MS,
  ...(data.retryBackoffMs !== undefined ? { retryBackoffMs: data.retryBackoffMs } : {}),
  ...(data.stitchSize ? { stitchSize: (aspect) => data.stitchSize?.[aspect] } : {}),
  ...(data.mail ? { mail: { ...data.mail, baseUrl: new URL(data.mail.baseUrl) } } : {}),
  log,
})

parentPort?.on('message', (message: { type: string }) => {
  if (message.type === 'nudge') loop.nudge()
  if (message.type === 'stop') {
    void loop.stop().then(() => {
      db.$client.close()
      parentPort?.postMessage({ type: 'stopped' })
    })
  }
})
void sweepStitchLeftovers().then((n) => n > 0 && log('removed stitch leftovers', { folders: n }))
void sweepFinishedVideoFolders({ db, dataDir: data.dataDir })
  .then((n) => n > 0 && log('removed leftover video files', { videos: n }))
  .catch((err: unknown) => log('video file sweep failed', { error: err instanceof Error ? err.name : typeof err }))
// The connection's settings go with 'ready', so a test can check them (test/ops/pragmas.test.ts).
parentPort?.postMessage({ type: 'ready', database: connectionSettings(db.$client) })
