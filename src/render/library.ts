import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm'
import { screenplays, usageRecords, type Video, type VideoShot, videoShots, videos } from '../../db/schema.js'
import { cancelStillCounts } from '../accounts/plans.js'
import { type Db, preparedPerDb } from '../db.js'

export const LIBRARY_PAGE_SIZE = 12

/** A page of the library: what each card shows, newest first, and how many there are in all. */
export function listVideos(db: Db, userId: string, page: number) {
  const { pageOfVideos, videoCount } = libraryQueries(db)
  // One query: the page and, beside each row, how many videos there are in all.
  const rows = pageOfVideos.all({ userId, limit: LIBRARY_PAGE_SIZE, offset: (page - 1) * LIBRARY_PAGE_SIZE })
  // A page past the end has no row to carry the count.
  const total = rows[0]?.total ?? (page > 1 ? (videoCount.get({ userId })?.n ?? 0) : 0)
  return {
    videos: rows.map(({ total: _total, ...video }) => video),
    total,
    pages: Math.max(1, Math.ceil(total / LIBRARY_PAGE_SIZE)),
  }
}

const libraryQueries = preparedPerDb((db) => ({
  pageOfVideos: db
    // Only what a card shows: each column read is a value turned into JavaScript, for 12 rows.
    // A scalar subquery runs once per execution and counts on the (user_id, created_at) index; a
    // window count(*) over () would read and sort every one of the person's rows instead.
    .select({
      id: videos.id,
      title: videos.title,
      status: videos.status,
      aspectRatio: videos.aspectRatio,
      lengthSeconds: videos.lengthSeconds,
      createdAt: videos.createdAt,
      // The screenplay version it was made from: three takes of one brief tell apart by it.
      version: screenplays.version,
      total:
        sql<number>`(select count(*) from ${videos} where ${videos.userId} = ${sql.placeholder('userId')})`.mapWith(
          Number,
        ),
    })
    .from(videos)
    .innerJoin(screenplays, eq(screenplays.id, videos.screenplayId))
    .where(eq(videos.userId, sql.placeholder('userId')))
    .orderBy(desc(videos.createdAt))
    .limit(sql.placeholder('limit'))
    .offset(sql.placeholder('offset'))
    .prepare(),
  videoCount: db
    .select({ n: count() })
    .from(videos)
    .where(eq(videos.userId, sql.placeholder('userId')))
    .prepare(),
}))

/** How many of a brief's videos its video page lists. */
export const BRIEF_VIDEOS_SHOWN = 8

/** The newest videos made from one of the person's briefs (the video page's "from this brief"). */
export function videosOfBrief(db: Db, userId: string, briefId: string) {
  return db
    .select({
      id: videos.id,
      title: videos.title,
      status: videos.status,
      aspectRatio: videos.aspectRatio,
      lengthSeconds: videos.lengthSeconds,
      createdAt: videos.createdAt,
      version: screenplays.version,
    })
    .from(videos)
    .innerJoin(screenplays, eq(screenplays.id, videos.screenplayId))
    .where(and(eq(videos.userId, userId), eq(videos.briefId, briefId)))
    .orderBy(desc(videos.createdAt), desc(videos.id))
    .limit(BRIEF_VIDEOS_SHOWN)
    .all()
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
): { video: Video; shots: VideoShot[]; quota: VideoQuota; version: number } | undefined {
  const video = db
    .select()
    .from(videos)
    .where(and(eq(videos.id, videoId), eq(videos.userId, userId)))
    .get()
  if (!video) return undefined
  const version =
    db.select({ version: screenplays.version }).from(screenplays).where(eq(screenplays.id, video.screenplayId)).get()
      ?.version ?? 0
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
  return { video, shots, version, quota: { counted: counted !== undefined, cancelCounts: cancelStillCounts(shots) } }
}
