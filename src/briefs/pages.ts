import { and, desc, eq, lt, or } from 'drizzle-orm'
import { briefs, images } from '../../db/schema.js'
import type { Db } from '../db.js'
import { type SavedBrief, toSavedBrief } from './service.js'

/** Where a page of a newest-first list stopped: the last item's time and id (ties broken by id). */
export type Keyset = { at: number; id: string }

/** A page of the person's briefs, most recently changed first, after `after` when given. */
export function listBriefsAfter(db: Db, userId: string, limit: number, after?: Keyset): SavedBrief[] {
  const older = after
    ? or(lt(briefs.updatedAt, after.at), and(eq(briefs.updatedAt, after.at), lt(briefs.id, after.id)))
    : undefined
  return db
    .select({ brief: briefs, image: images })
    .from(briefs)
    .leftJoin(images, eq(images.id, briefs.imageId))
    .where(and(eq(briefs.userId, userId), older))
    .orderBy(desc(briefs.updatedAt), desc(briefs.id))
    .limit(limit)
    .all()
    .map((row) => toSavedBrief(row.brief, row.image))
}
