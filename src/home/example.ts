import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { and, desc, eq, inArray } from 'drizzle-orm'
import sharp from 'sharp'
import { users, videos } from '../../db/schema.js'
import { hashPassword } from '../accounts/passwords.js'
import { saveProductImage } from '../briefs/images.js'
import { saveScreenplayVersion } from '../briefs/screenplays.js'
import { createBrief } from '../briefs/service.js'
import type { Db } from '../db.js'
import { submitRender } from '../render/submit.js'
import { type Brief, briefSchema } from '../screenplay/brief.js'
import { writeScreenplay } from '../screenplay/engine.js'
import { exampleFiles, videoPaths } from '../storage.js'

// The landing page's example video (issue 23): rendered by the app itself, through its normal
// pipeline (a brief, a screenplay, a render job the worker takes, LibTV or its simulator, the
// stitch), from a sample product bundled here, so it is always what the product really makes.
// The sample is ours: a photo drawn below from shapes (no one else's picture, no licence to keep)
// and a brief. Its renders belong to an account of the app's own that nobody can sign in to
// (an address under .invalid, which never receives mail, and a random password nobody keeps).

export const EXAMPLE_EMAIL = 'example@lumina.invalid'

export const SAMPLE_BRIEF: Brief = briefSchema.parse({
  productName: 'Dawn Ceramic Mug',
  description: 'A hand-glazed stoneware mug that keeps coffee warm and sits just right in both hands.',
  sellingPoints: ['Hand-glazed stoneware', 'Keeps coffee warm longer', 'Dishwasher safe'],
  audience: 'Slow-morning coffee lovers',
  tone: 'warm',
  template: 'hero-reveal',
  aspectRatio: '9:16',
  lengthSeconds: 15,
  language: 'en',
  callToAction: 'Find yours at dawnmugs.example',
  brandColor: '#C8643B',
})

// A mug on a warm backdrop, drawn as SVG and rasterised by sharp: 900×1200, a product photo's shape.
const SAMPLE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="1200" viewBox="0 0 900 1200">
<defs>
<linearGradient id="bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f6e3cf"/><stop offset="1" stop-color="#e0b894"/></linearGradient>
<linearGradient id="mug" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#b4532c"/><stop offset="0.45" stop-color="#d9784a"/><stop offset="1" stop-color="#9c4423"/></linearGradient>
<radialGradient id="shadow" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="#7a4a2a" stop-opacity="0.45"/><stop offset="1" stop-color="#7a4a2a" stop-opacity="0"/></radialGradient>
</defs>
<rect width="900" height="1200" fill="url(#bg)"/>
<rect y="820" width="900" height="380" fill="#d3a57f"/>
<ellipse cx="450" cy="860" rx="270" ry="46" fill="url(#shadow)"/>
<path d="M610 520 q150 0 150 130 q0 130 -150 130" fill="none" stroke="#a84b26" stroke-width="44" stroke-linecap="round"/>
<path d="M250 430 h360 v370 q0 60 -60 60 h-240 q-60 0 -60 -60 z" fill="url(#mug)"/>
<ellipse cx="430" cy="430" rx="180" ry="34" fill="#f3d9bf"/>
<ellipse cx="430" cy="436" rx="160" ry="24" fill="#5a3420"/>
<path d="M250 560 h360 v34 h-360 z" fill="#f3d9bf" opacity="0.9"/>
<path d="M380 330 q-30 -50 0 -100 M450 320 q-30 -60 0 -120 M520 330 q-30 -50 0 -100" fill="none" stroke="#fff8f0" stroke-width="10" stroke-linecap="round" opacity="0.7"/>
</svg>`

/** The sample product's photo as a JPEG, the same bytes every time. */
export function samplePhoto(): Promise<Buffer> {
  return sharp(Buffer.from(SAMPLE_SVG)).jpeg({ quality: 88 }).toBuffer()
}

/** The app's own account for the example, made once. */
async function exampleUser(db: Db): Promise<string> {
  const found = db.select({ id: users.id }).from(users).where(eq(users.email, EXAMPLE_EMAIL)).get()
  if (found) return found.id
  const id = randomUUID()
  const now = Date.now()
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'))
  db.insert(users).values({ id, email: EXAMPLE_EMAIL, passwordHash, createdAt: now, emailConfirmedAt: now }).run()
  return id
}

/** The example render queued or under way, if any. */
function pendingExample(db: Db, userId: string): string | undefined {
  return db
    .select({ id: videos.id })
    .from(videos)
    .where(and(eq(videos.userId, userId), inArray(videos.status, ['queued', 'rendering', 'stitching'])))
    .get()?.id
}

/**
 * Queues the example's render like any other: the sample photo, the brief, its screenplay, a
 * render job. The running app's worker makes it (with the LibTV it is configured with). Returns
 * the video's id, or the one already queued.
 */
export async function queueExampleVideo(db: Db, dataDir: string, model: string): Promise<string> {
  const userId = await exampleUser(db)
  const pending = pendingExample(db, userId)
  if (pending) return pending
  const image = await saveProductImage(db, dataDir, userId, await samplePhoto())
  const brief = createBrief(db, userId, SAMPLE_BRIEF, image.id)
  const saved = saveScreenplayVersion(db, userId, brief.id, writeScreenplay(SAMPLE_BRIEF, 0))
  return submitRender(db, userId, saved.id, model).id
}

/** Whether the example has to be made: none published, and none on its way. */
export function exampleMissing(db: Db, dataDir: string): boolean {
  if (fs.existsSync(exampleFiles(dataDir).video)) return false
  const user = db.select({ id: users.id }).from(users).where(eq(users.email, EXAMPLE_EMAIL)).get()
  return !user || (pendingExample(db, user.id) === undefined && newestFinished(db, user.id) === undefined)
}

function newestFinished(db: Db, userId: string): string | undefined {
  return db
    .select({ id: videos.id })
    .from(videos)
    .where(and(eq(videos.userId, userId), eq(videos.status, 'done')))
    .orderBy(desc(videos.createdAt))
    .get()?.id
}

/**
 * Copies the newest finished example render to where the landing serves it (written under a
 * temporary name, then renamed, so a visitor never gets half a file). True when one is there.
 */
export async function publishExample(db: Db, dataDir: string): Promise<boolean> {
  const user = db.select({ id: users.id }).from(users).where(eq(users.email, EXAMPLE_EMAIL)).get()
  const videoId = user && newestFinished(db, user.id)
  const files = exampleFiles(dataDir)
  if (!user || !videoId) return fs.existsSync(files.video)
  const from = videoPaths(dataDir, user.id, videoId)
  const marker = path.join(files.dir, 'source')
  const current = await fs.promises.readFile(marker, 'utf8').catch(() => '')
  if (current === videoId && fs.existsSync(files.video)) return true
  await fs.promises.mkdir(files.dir, { recursive: true })
  for (const [src, dest] of [
    [from.poster, files.poster],
    [from.video, files.video],
  ] as const) {
    await fs.promises.copyFile(src, `${dest}.tmp`)
    await fs.promises.rename(`${dest}.tmp`, dest)
  }
  await fs.promises.writeFile(marker, videoId)
  return true
}

const vttTime = (seconds: number) =>
  `00:${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}.000`

/** The example's on-screen words as a captions track (they are drawn into the picture too). */
export function exampleCaptions(): string {
  let at = 0
  const cues: string[] = []
  for (const shot of writeScreenplay(SAMPLE_BRIEF, 0).shots) {
    if (shot.caption.trim()) cues.push(`${vttTime(at)} --> ${vttTime(at + shot.durationSeconds)}\n${shot.caption}`)
    at += shot.durationSeconds
  }
  return `WEBVTT\n\n${cues.join('\n\n')}\n`
}

/**
 * At start-up: with the simulator (a local run), queues the example when it is missing, in the
 * background, so a fresh `make run` shows it a minute later without waiting for it. With real
 * LibTV keys it is the operator's word only (`npm run example-video`): it spends their credits.
 * Then, until one is published, looks every few seconds for a finished render to publish.
 */
export function startExamplePublishing(options: {
  db: Db
  dataDir: string
  model: string
  simulated: boolean
  /** The render worker's nudge: a queued job is taken at once. */
  nudge: () => void
  /** The kept landing page is rendered again with the video. */
  published: () => void
  log: (message: string, fields?: Record<string, unknown>) => void
  intervalMs?: number
}): { stop: () => void } {
  const { db, dataDir } = options
  let timer: NodeJS.Timeout | undefined
  const check = async () => {
    if (await publishExample(db, dataDir)) {
      if (timer) clearInterval(timer)
      timer = undefined
      options.published()
      options.log('example video published')
    }
  }
  const start = async () => {
    if (options.simulated && exampleMissing(db, dataDir)) {
      await queueExampleVideo(db, dataDir, options.model)
      options.nudge()
      options.log('example video queued (simulated renders)')
    }
    await check()
  }
  start().catch((err: Error) => options.log('example video not queued', { error: err.message }))
  if (!fs.existsSync(exampleFiles(dataDir).video)) {
    timer = setInterval(() => void check().catch(() => {}), options.intervalMs ?? 5000)
    timer.unref()
  }
  return { stop: () => timer && clearInterval(timer) }
}
