import { and, desc, eq, max } from 'drizzle-orm'
import { screenplays, type User, videos } from '../../db/schema.js'
import type { VideoStatus } from '../../db/states.js'
import { type Allowance, allowance } from '../accounts/plans.js'
import { listBriefsAfter } from '../briefs/pages.js'
import type { SavedBrief } from '../briefs/service.js'
import type { Db } from '../db.js'
import { listVideosAfter } from '../render/pages.js'

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
  videos: ReturnType<typeof listVideosAfter>
  briefs: BriefProgress[]
  allowance: Allowance
}

/** What the signed-in home page shows: the newest videos and briefs, each with where it stands. */
export function homeSummary(db: Db, user: Pick<User, 'id' | 'plan'>): HomeSummary {
  const briefs = listBriefsAfter(db, user.id, HOME_RECENT).map((saved) => ({
    saved,
    latestVersion:
      db
        .select({ v: max(screenplays.version) })
        .from(screenplays)
        .where(and(eq(screenplays.briefId, saved.id), eq(screenplays.userId, user.id)))
        .get()?.v ?? null,
    latestVideo:
      db
        .select({ id: videos.id, status: videos.status })
        .from(videos)
        .where(and(eq(videos.userId, user.id), eq(videos.briefId, saved.id)))
        .orderBy(desc(videos.createdAt))
        .limit(1)
        .get() ?? null,
  }))
  return { videos: listVideosAfter(db, user.id, HOME_RECENT), briefs, allowance: allowance(db, user) }
}
