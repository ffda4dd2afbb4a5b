import { and, asc, count, desc, eq, isNull } from 'drizzle-orm'
import { usageRecords, type Video, type VideoShot, videoShots, videos } from '../../db/schema.js'
import { cancelStillCounts } from '../accounts/plans.js'
import type { Db } from '../db.js'

export const LIBRARY_PAGE_SIZE = 12

export function listVideos(db: Db, userId: string, page: number): { videos: Video[]; total: number; pages: number } {
  const total = db.select({ n: count() }).from(videos).where(eq(videos.userId, userId)).get()?.n ?? 0
  const rows = db
    .select()
    .from(videos)
    .where(eq(videos.userId, userId))
    .orderBy(desc(videos.createdAt))
    .limit(LIBRARY_PAGE_SIZE)
    .offset((page - 1) * LIBRARY_PAGE_SIZE)
    .all()
  return { videos: rows, total, pages: Math.max(1, Math.ceil(total / LIBRARY_PAGE_SIZE)) }
}

/** Where a video stands against the quota, for its page. */
export type VideoQuota = {
  /** Its usage record counts (not voided). */
  counted: boolean
  /** Canceling it now would still count: LibTV has accepted one of its shots. */
  cancelCounts: boolean
}

/** The video with its shots if it belongs to this user; the same undefined whether it exists or not. */
export function findOwnedVideo(
  db: Db,
  userId: string,
  videoId: string,
): { video: Video; shots: VideoShot[]; quota: VideoQuota } | undefined {
  const video = db
    .select()
    .from(videos)
    .where(and(eq(videos.id, videoId), eq(videos.userId, userId)))
    .get()
  if (!video) return undefined
  const shots = db
    .select()
    .from(videoShots)
    .where(eq(videoShots.videoId, videoId))
    .orderBy(asc(videoShots.position))
    .all()
  const counted = db
    .select({ id: usageRecords.id })
    .from(usageRecords)
    .where(and(eq(usageRecords.videoId, videoId), isNull(usageRecords.voidedAt)))
    .get()
  return { video, shots, quota: { counted: counted !== undefined, cancelCounts: cancelStillCounts(shots) } }
}
