import { count, desc, eq, sql } from 'drizzle-orm'
import { briefs, images, screenplays, type User, usageRecords, type Video, videos } from '../../db/schema.js'
import type { VideoStatus } from '../../db/states.js'
import { type Allowance, allowanceOf, chargedSince, quotaMonth } from '../accounts/plans.js'
import { type SavedBrief, toSavedBrief } from '../briefs/service.js'
import { type Db, preparedPerDb } from '../db.js'

/** How many recent videos and briefs the signed-in home page shows; the rest are a click away. */
export const HOME_RECENT = 4

export type BriefProgress = {
  saved: SavedBrief
  /** The newest saved screenplay version, or null while only a draft exists. */
  latestVersion: number | null
  /** The newest video made from this brief, if any. */
  latestVideo: { id: string; status: VideoStatus } | null
}

export type HomeSummary = {
  videos: Video[]
  briefs: BriefProgress[]
  allowance: Allowance
}

/**
 * What the signed-in home page shows: the newest videos and briefs, each with where it stands.
 * Three prepared statements, whatever the page holds: people land here after every sign-in.
 */
export function homeSummary(db: Db, user: Pick<User, 'id' | 'plan'>, now = Date.now()): HomeSummary {
  const { recentBriefs, recentVideos, usedThisMonth } = homeQueries(db)
  const briefs = recentBriefs.all({ userId: user.id }).map((row) => ({
    saved: toSavedBrief(row.brief, row.image),
    latestVersion: row.latestVersion,
    latestVideo:
      row.latestVideoId && row.latestVideoStatus ? { id: row.latestVideoId, status: row.latestVideoStatus } : null,
  }))
  const used = usedThisMonth.get({ userId: user.id, monthStart: quotaMonth(now).start })?.n ?? 0
  return { videos: recentVideos.all({ userId: user.id }), briefs, allowance: allowanceOf(user.plan, used, now) }
}

const homeQueries = preparedPerDb((db) => {
  const userId = sql.placeholder('userId')
  // The newest video made from the brief: its id and status, as two scalar subqueries.
  const latestVideo = (column: typeof videos.id | typeof videos.status) =>
    sql`(select ${column} from ${videos} where ${videos.userId} = ${briefs.userId} and ${videos.briefId} = ${briefs.id}
      order by ${videos.createdAt} desc limit 1)`
  return {
    recentBriefs: db
      .select({
        brief: briefs,
        image: images,
        latestVersion: sql<number | null>`(select max(${screenplays.version}) from ${screenplays}
          where ${screenplays.briefId} = ${briefs.id} and ${screenplays.userId} = ${briefs.userId})`,
        latestVideoId: sql<string | null>`${latestVideo(videos.id)}`,
        latestVideoStatus: sql<VideoStatus | null>`${latestVideo(videos.status)}`,
      })
      .from(briefs)
      .leftJoin(images, eq(images.id, briefs.imageId))
      .where(eq(briefs.userId, userId))
      .orderBy(desc(briefs.updatedAt), desc(briefs.id))
      .limit(HOME_RECENT)
      .prepare(),
    recentVideos: db
      .select()
      .from(videos)
      .where(eq(videos.userId, userId))
      .orderBy(desc(videos.createdAt), desc(videos.id))
      .limit(HOME_RECENT)
      .prepare(),
    usedThisMonth: db
      .select({ n: count() })
      .from(usageRecords)
      .where(chargedSince(userId, sql.placeholder('monthStart')))
      .prepare(),
  }
})
