import fs from 'node:fs'
import { PassThrough, Readable } from 'node:stream'
import { eq, getTableColumns, inArray } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import yazl from 'yazl'
import {
  apiKeys,
  brandKits,
  briefPhotos,
  briefs,
  emailTokens,
  idempotencyKeys,
  images,
  mailOutbox,
  policyNoticeRecipients,
  renderJobs,
  screenplayDrafts,
  screenplays,
  sessions,
  tracks,
  type User,
  usageRecords,
  users,
  videoShots,
  videos,
  webhookDeliveries,
  webhookEndpoints,
} from '../../db/schema.js'
import type { Db } from '../db.js'
import { brandLogoPath, imagePaths, trackPath, videoPaths } from '../storage.js'

/** Bumped when a field is renamed or removed; adding a field keeps the version. See docs/export-format.md. */
export const EXPORT_FORMAT_VERSION = 3

// A waiting mail may hold a link that opens the account (a password reset, a confirmation): an
// export made with an API key must never let its holder read it. Only the kind and time are listed.
const MAIL_WITHHELD =
  'the mail itself: it may hold a link that opens your account, so only its kind and time are listed'

/**
 * What the export leaves out, table by table, and why: secrets and what would let someone act as
 * the person (hashes of passwords, keys and tokens), and machinery that says nothing about them.
 * Every other column of every table that refers to the person is exported; a test holds us to it.
 */
export const WITHHELD = {
  users: { passwordHash: 'a one-way scrypt hash of your password' },
  sessions: {
    id: 'internal',
    tokenHash: 'the hash of the sign-in cookie',
    userId: 'you',
  },
  apiKeys: { keyHash: 'the hash of the key', userId: 'you' },
  emailTokens: {
    tokenHash: 'the hash of a mailed link',
    passwordHash: 'the scrypt hash of the password typed at sign-up',
    userId: 'you',
  },
  usageRecords: { userId: 'you' },
  images: { userId: 'you' },
  tracks: { userId: 'you' },
  briefs: { userId: 'you' },
  screenplays: { userId: 'you' },
  screenplayDrafts: { userId: 'you' },
  videos: { userId: 'you' },
  videoShots: {},
  renderJobs: { leaseOwner: 'which server thread held the job' },
  idempotencyKeys: { keyHash: 'the hash of the key you sent', requestHash: 'a hash of the request', userId: 'you' },
  webhookEndpoints: { secret: 'the signing secret, shown to you once', userId: 'you' },
  webhookDeliveries: { userId: 'you' },
  mailOutbox: {
    id: 'internal',
    userId: 'you',
    toAddress: MAIL_WITHHELD,
    subject: MAIL_WITHHELD,
    text: MAIL_WITHHELD,
    html: MAIL_WITHHELD,
    bulk: 'how fast it is sent',
    attempts: 'how often sending it was tried',
    nextAttemptAt: 'when it is tried next',
    lastError: 'what the mail server last answered',
  },
  policyNoticeRecipients: { userId: 'you' },
  brandKits: { userId: 'you' },
} as const

type Row = Record<string, unknown>

/** Every column but the withheld ones; times (…At) as ISO 8601 in UTC. */
function shown(table: SQLiteTable, withheld: Record<string, string>, row: Row): Row {
  const out: Row = {}
  for (const key of Object.keys(getTableColumns(table))) {
    if (key in withheld) continue
    const value = row[key]
    out[key] = /At$/.test(key) && typeof value === 'number' ? new Date(value).toISOString() : value
  }
  return out
}

/** Sessions are shown as their times only: when each began and when it ends. */
function sessionTimes(row: Row): Row {
  return shown(sessions, WITHHELD.sessions, row)
}

/**
 * Everything we hold about a person, as the privacy policy's "Export" right promises: every column
 * of every table that refers to them, but the withheld ones, with file names inside the ZIP.
 */
export function exportAccount(db: Db, user: User, now = Date.now()) {
  const mine = (table: SQLiteTable & { userId: SQLiteColumn }) =>
    db.select().from(table).where(eq(table.userId, user.id)).all() as Row[]
  const videoRows = mine(videos)
  const videoIds = videoRows.map((v) => v.id as string)
  const shots = videoIds.length
    ? (db.select().from(videoShots).where(inArray(videoShots.videoId, videoIds)).all() as Row[])
    : []
  const jobs = videoIds.length
    ? (db.select().from(renderJobs).where(inArray(renderJobs.videoId, videoIds)).all() as Row[])
    : []
  const webhook = mine(webhookEndpoints)[0]
  const brand = mine(brandKits)[0]
  return {
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: new Date(now).toISOString(),
    about:
      'Everything Lumina.AI holds about your account. Times are UTC. Files named here are in the ZIP download. The "withheld" section lists what is left out and why.',
    withheld: WITHHELD,
    account: shown(users, WITHHELD.users, user as unknown as Row),
    sessions: mine(sessions).map(sessionTimes),
    apiKeys: mine(apiKeys).map((r) => shown(apiKeys, WITHHELD.apiKeys, r)),
    emailLinks: mine(emailTokens).map((r) => shown(emailTokens, WITHHELD.emailTokens, r)),
    usageRecords: mine(usageRecords).map((r) => shown(usageRecords, WITHHELD.usageRecords, r)),
    images: mine(images).map((r) => ({ ...shown(images, WITHHELD.images, r), file: `images/${r.id}.jpg` })),
    tracks: mine(tracks).map((r) => ({ ...shown(tracks, WITHHELD.tracks, r), file: `music/${r.id}.m4a` })),
    // Each brief with its photos in order (ids of `images`) and what each shows.
    briefs: mine(briefs).map((r) => ({
      ...shown(briefs, WITHHELD.briefs, r),
      photos: db
        .select({ imageId: briefPhotos.imageId, position: briefPhotos.position, role: briefPhotos.role })
        .from(briefPhotos)
        .where(eq(briefPhotos.briefId, String(r.id)))
        .all(),
    })),
    screenplays: mine(screenplays).map((r) => shown(screenplays, WITHHELD.screenplays, r)),
    screenplayDrafts: mine(screenplayDrafts).map((r) => shown(screenplayDrafts, WITHHELD.screenplayDrafts, r)),
    videos: videoRows.map((v) => ({
      ...shown(videos, WITHHELD.videos, v),
      file: v.status === 'done' ? `videos/${v.id}.mp4` : null,
      poster: v.status === 'done' ? `videos/${v.id}.jpg` : null,
      shots: shots
        .filter((s) => s.videoId === v.id)
        .sort((a, b) => (a.position as number) - (b.position as number))
        .map((s) => shown(videoShots, WITHHELD.videoShots, s)),
      renderJob:
        jobs.filter((j) => j.videoId === v.id).map((j) => shown(renderJobs, WITHHELD.renderJobs, j))[0] ?? null,
    })),
    webhook: webhook ? shown(webhookEndpoints, WITHHELD.webhookEndpoints, webhook) : null,
    webhookDeliveries: mine(webhookDeliveries).map((r) => shown(webhookDeliveries, WITHHELD.webhookDeliveries, r)),
    idempotencyKeys: mine(idempotencyKeys).map((r) => shown(idempotencyKeys, WITHHELD.idempotencyKeys, r)),
    mailWaitingToBeSent: mine(mailOutbox).map((r) => shown(mailOutbox, WITHHELD.mailOutbox, r)),
    policyNotices: mine(policyNoticeRecipients).map((r) =>
      shown(policyNoticeRecipients, WITHHELD.policyNoticeRecipients, r),
    ),
    brandKit: brand
      ? { ...shown(brandKits, WITHHELD.brandKits, brand), logoFile: brand.logoSha256 ? 'brand/logo.png' : null }
      : null,
  }
}

export type AccountExport = ReturnType<typeof exportAccount>

const README = `Lumina.AI data export
=====================

lumina-export.json  everything we hold about your account (format: see "formatVersion" and
                    the "withheld" section, which lists what is left out and why)
images/<id>.jpg     your product photos, as stored (re-encoded, without camera metadata)
music/<id>.m4a      your own music tracks, as stored (re-encoded to AAC, without tags)
videos/<id>.mp4     your finished videos, and videos/<id>.jpg their poster frames
brand/logo.png      your brand kit's logo, as stored (re-encoded, without metadata), if you have one

Times are UTC, in ISO 8601.
`

/**
 * The export as a ZIP, streamed: the JSON, a README, the person's photos and finished videos.
 * Files are read as the ZIP is written, so memory stays small whatever the library's size;
 * a file removed meanwhile (a video deleted in another tab) is skipped.
 */
export function exportZip(db: Db, dataDir: string, user: User, now = Date.now()): ReadableStream<Uint8Array> {
  const data = exportAccount(db, user, now)
  const zip = new yazl.ZipFile()
  const mtime = new Date(now)
  zip.addBuffer(Buffer.from(JSON.stringify(data, null, 2)), 'lumina-export.json', { mtime })
  zip.addBuffer(Buffer.from(README), 'README.txt', { mtime })
  const files: [string, string][] = []
  for (const image of db.select().from(images).where(eq(images.userId, user.id)).all()) {
    files.push([imagePaths(dataDir, user.id, image.sha256).full, `images/${image.id}.jpg`])
  }
  for (const track of db.select().from(tracks).where(eq(tracks.userId, user.id)).all()) {
    files.push([trackPath(dataDir, user.id, track.id), `music/${track.id}.m4a`])
  }
  for (const video of db.select().from(videos).where(eq(videos.userId, user.id)).all()) {
    if (video.status !== 'done') continue
    const paths = videoPaths(dataDir, user.id, video.id)
    files.push([paths.video, `videos/${video.id}.mp4`], [paths.poster, `videos/${video.id}.jpg`])
  }
  const logo = db.select().from(brandKits).where(eq(brandKits.userId, user.id)).get()?.logoSha256
  if (logo) files.push([brandLogoPath(dataDir, user.id, logo), 'brand/logo.png'])
  for (const [source, name] of files) {
    if (!fs.existsSync(source)) continue
    // Videos are already compressed: storing them saves CPU and costs nothing in size.
    zip.addReadStream(fs.createReadStream(source), name, {
      mtime,
      compress: !/\.(mp4|jpg|png|m4a)$/.test(name),
    })
  }
  zip.end()
  const out = new PassThrough()
  zip.outputStream.pipe(out)
  return Readable.toWeb(out) as ReadableStream<Uint8Array>
}
