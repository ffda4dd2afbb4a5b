import { and, desc, eq, lt, or } from 'drizzle-orm'
import { type Video, videos } from '../../db/schema.js'
import type { VideoStatus } from '../../db/states.js'
import type { Keyset } from '../briefs/pages.js'
import type { Db } from '../db.js'

/** A page of the person's videos, newest first, after `after` when given, of one status if asked. */
export function listVideosAfter(
  db: Db,
  userId: string,
  limit: number,
  options: { after?: Keyset | undefined; status?: VideoStatus | undefined } = {},
): Video[] {
  const { after, status } = options
  const older = after
    ? or(lt(videos.createdAt, after.at), and(eq(videos.createdAt, after.at), lt(videos.id, after.id)))
    : undefined
  return db
    .select()
    .from(videos)
    .where(and(eq(videos.userId, userId), status ? eq(videos.status, status) : undefined, older))
    .orderBy(desc(videos.createdAt), desc(videos.id))
    .limit(limit)
    .all()
}
