import { and, count, eq, inArray, type SQL, type SQLWrapper, sum } from 'drizzle-orm'
import { brandKits, briefs, images, screenplays, tracks, users, videos } from '../../db/schema.js'
import { activeVideoStatuses, type VideoStatus } from '../../db/states.js'
import type { Db } from '../db.js'
import { Refusal } from '../http/refusal.js'
import { english, type Said } from '../i18n/said.js'
import { defaultPlan, type PlanId, plans, type StorageCaps } from './plans.js'

const MB = 1024 * 1024

/** Finished videos and those on their way: each of them ends as files on our disk. */
const keptVideoStatuses: VideoStatus[] = ['done', ...activeVideoStatuses]

export type StorageKind = 'images' | 'imageBytes' | 'briefs' | 'versions' | 'videos' | 'tracks' | 'trackBytes'

/**
 * A plan's storage cap is reached: a 403 for the API, a sentence naming the cap and what to
 * delete (said in the page's language on pages, in English by the API).
 */
export class StorageFull extends Refusal {
  constructor(
    readonly kind: StorageKind,
    readonly used: number,
    readonly cap: number,
    said: Said,
  ) {
    super(403, 'Storage limit reached', english(said), 'storage-full', { kind, used, cap }, said)
  }
}

export type StorageUsage = {
  images: number
  imageBytes: number
  briefs: number
  videosKept: number
  tracks: number
  trackBytes: number
}

/** What this person stores now, counted from the database (the account page shows it against the caps). */
export function storageUsage(db: Pick<Db, 'select'>, userId: string): StorageUsage {
  const photos = db
    .select({ n: count(), bytes: sum(images.bytes) })
    .from(images)
    .where(eq(images.userId, userId))
    .get()
  const briefCount = db.select({ n: count() }).from(briefs).where(eq(briefs.userId, userId)).get()
  // The brand kit's logo is one of the person's pictures: its bytes count with the photos'.
  const logo = db.select({ bytes: brandKits.logoBytes }).from(brandKits).where(eq(brandKits.userId, userId)).get()
  const music = db
    .select({ n: count(), bytes: sum(tracks.bytes) })
    .from(tracks)
    .where(eq(tracks.userId, userId))
    .get()
  return {
    images: photos?.n ?? 0,
    imageBytes: Number(photos?.bytes ?? 0) + (logo?.bytes ?? 0),
    briefs: briefCount?.n ?? 0,
    videosKept: videosKept(db, userId),
    tracks: music?.n ?? 0,
    trackBytes: Number(music?.bytes ?? 0),
  }
}

function videosKept(db: Pick<Db, 'select'>, userId: string): number {
  return db.select({ n: count() }).from(videos).where(keptVideosOf(userId)).get()?.n ?? 0
}

/** The videos that count as kept (a value or a placeholder): the one definition every count uses. */
export function keptVideosOf(userId: string | SQLWrapper): SQL | undefined {
  return and(eq(videos.userId, userId), inArray(videos.status, keptVideoStatuses))
}

export function storageCaps(plan: PlanId): StorageCaps {
  return plans[plan].storage
}

/** What is about to be stored: one more photo of `bytes`, brief, screenplay version of a brief, or video. */
export type StorageNeed =
  | { kind: 'images'; bytes: number }
  | { kind: 'briefs' }
  | { kind: 'versions'; briefId: string }
  | { kind: 'videos' }
  /** The brand kit's logo, replacing the one it has (whose bytes are freed). */
  | { kind: 'logo'; bytes: number }
  | { kind: 'tracks'; bytes: number }

/**
 * Whether one more of `need` fits this person's plan: null when it does, else the refusal to
 * throw. Callers that write ask inside their write transaction, so two requests at the edge
 * of a cap cannot both pass.
 */
export function storageRoom(db: Pick<Db, 'select'>, userId: string, need: StorageNeed): StorageFull | null {
  const planId = db.select({ plan: users.plan }).from(users).where(eq(users.id, userId)).get()?.plan ?? defaultPlan
  const caps = plans[planId].storage
  // The messages name the plan by its id: each language has its own name for it.
  const plan = planId
  switch (need.kind) {
    case 'images': {
      const usage = storageUsage(db, userId)
      if (usage.images >= caps.images) {
        return new StorageFull('images', usage.images, caps.images, {
          key: 'briefs.cap.images',
          values: { plan, cap: caps.images, used: usage.images },
        })
      }
      // Before the photo is processed its size is unknown (0): refuse only when no byte is left.
      const over =
        need.bytes > 0
          ? usage.imageBytes + need.bytes > caps.imageMegabytes * MB
          : usage.imageBytes >= caps.imageMegabytes * MB
      if (over) {
        const sizes = { plan, capMegabytes: caps.imageMegabytes, usedMegabytes: megabyteCount(usage.imageBytes) }
        return new StorageFull(
          'imageBytes',
          usage.imageBytes,
          caps.imageMegabytes * MB,
          need.bytes > 0
            ? { key: 'briefs.cap.imageBytesWithPhoto', values: { ...sizes, photoMegabytes: megabyteCount(need.bytes) } }
            : { key: 'briefs.cap.imageBytes', values: sizes },
        )
      }
      return null
    }
    case 'logo': {
      const usage = storageUsage(db, userId)
      const current =
        db.select({ bytes: brandKits.logoBytes }).from(brandKits).where(eq(brandKits.userId, userId)).get()?.bytes ?? 0
      const used = usage.imageBytes - current
      if (used + need.bytes <= caps.imageMegabytes * MB) return null
      const sizes = { plan, capMegabytes: caps.imageMegabytes, usedMegabytes: megabyteCount(used) }
      return new StorageFull('imageBytes', used, caps.imageMegabytes * MB, {
        key: 'briefs.cap.imageBytesWithPhoto',
        values: { ...sizes, photoMegabytes: megabyteCount(need.bytes) },
      })
    }
    case 'briefs': {
      const used = db.select({ n: count() }).from(briefs).where(eq(briefs.userId, userId)).get()?.n ?? 0
      if (used < caps.briefs) return null
      return new StorageFull('briefs', used, caps.briefs, {
        key: 'briefs.cap.briefs',
        values: { plan, cap: caps.briefs, used },
      })
    }
    case 'versions': {
      const used =
        db
          .select({ n: count() })
          .from(screenplays)
          .where(and(eq(screenplays.briefId, need.briefId), eq(screenplays.userId, userId)))
          .get()?.n ?? 0
      if (used < caps.versionsPerBrief) return null
      return new StorageFull('versions', used, caps.versionsPerBrief, {
        key: 'briefs.cap.versions',
        values: { plan, used },
      })
    }
    case 'tracks':
      return trackRoom(db, userId, caps, plan, need.bytes)
    case 'videos': {
      const used = videosKept(db, userId)
      if (used < caps.videosKept) return null
      return new StorageFull('videos', used, caps.videosKept, {
        key: 'briefs.cap.videos',
        values: { plan, cap: caps.videosKept, used },
      })
    }
  }
}

/** One more own track of `bytes` (0 before it is encoded: refused only when no byte is left). */
function trackRoom(db: Pick<Db, 'select'>, userId: string, caps: StorageCaps, plan: PlanId, bytes: number) {
  const usage = storageUsage(db, userId)
  if (usage.tracks >= caps.tracks) {
    return new StorageFull('tracks', usage.tracks, caps.tracks, {
      key: 'music.cap.tracks',
      values: { plan, cap: caps.tracks, used: usage.tracks },
    })
  }
  const capBytes = caps.trackMegabytes * MB
  if (bytes > 0 ? usage.trackBytes + bytes <= capBytes : usage.trackBytes < capBytes) return null
  return new StorageFull('trackBytes', usage.trackBytes, capBytes, {
    key: 'music.cap.trackBytes',
    values: { plan, capMegabytes: caps.trackMegabytes, usedMegabytes: megabyteCount(usage.trackBytes) },
  })
}

/** 0.4, 7.5, 143: megabytes, with one decimal while it matters. */
function megabyteCount(bytes: number): number {
  const mb = bytes / MB
  return mb < 10 ? Math.round(mb * 10) / 10 : Math.round(mb)
}
