import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { screenplayDrafts, screenplays } from '../../db/schema.js'
import type { Db } from '../db.js'
import type { Brief } from '../screenplay/brief.js'
import { type SavedScreenplay, savedScreenplaySchema } from '../screenplay/saved.js'
import { shotLimits, shotSchema } from '../screenplay/schema.js'
import { withBriefPhotosOnly } from './photos.js'

// A draft is kept as typed, even half done: a prompt emptied on the way to a new one is still
// the person's work. Saving it as a version checks it fully (savedScreenplaySchema).
const draftSchema = z.object({
  ...savedScreenplaySchema.shape,
  shots: z
    .array(shotSchema.extend({ prompt: z.string().max(shotLimits.prompt) }))
    .min(shotLimits.minShots)
    .max(shotLimits.maxShots),
})

/** The editor's unsaved edits of a brief's screenplay (issue 23: never lose work). */
export type ScreenplayDraft = {
  screenplay: SavedScreenplay
  basedOn: string | null
  writtenAt: number
  updatedAt: number
}

/**
 * Keeps the editor's state as the person types, as typed (a shot's prompt may be empty for now),
 * only on the person's own brief and from a version of that same brief: the owner check is in
 * the write itself.
 */
export function keepDraft(
  db: Db,
  userId: string,
  briefId: string,
  screenplay: SavedScreenplay,
  { basedOn, writtenAt }: { basedOn?: string | undefined; writtenAt: number },
  now = Date.now(),
): boolean {
  const body = draftSchema.safeParse(withBriefPhotosOnly(db, briefId, screenplay))
  if (!body.success) return false
  const from = basedOn
    ? db
        .select({ id: screenplays.id })
        .from(screenplays)
        .where(and(eq(screenplays.id, basedOn), eq(screenplays.briefId, briefId), eq(screenplays.userId, userId)))
        .get()
    : undefined
  const row = { briefId, userId, basedOn: from?.id ?? null, body: body.data, writtenAt, updatedAt: now }
  db.insert(screenplayDrafts)
    .values(row)
    .onConflictDoUpdate({
      target: screenplayDrafts.briefId,
      set: { basedOn: row.basedOn, body: row.body, writtenAt, updatedAt: now },
      // The brief's id is the key: a draft row of someone else's brief is never overwritten.
      setWhere: eq(screenplayDrafts.userId, userId),
    })
    .run()
  return true
}

export function findDraft(db: Db, userId: string, briefId: string): ScreenplayDraft | undefined {
  const row = db
    .select()
    .from(screenplayDrafts)
    .where(and(eq(screenplayDrafts.briefId, briefId), eq(screenplayDrafts.userId, userId)))
    .get()
  if (!row) return undefined
  const body = draftSchema.safeParse(row.body)
  return body.success
    ? { screenplay: body.data, basedOn: row.basedOn, writtenAt: row.writtenAt, updatedAt: row.updatedAt }
    : undefined
}

/** The draft became a version, or the person chose to replace it. */
export function dropDraft(db: Pick<Db, 'delete'>, userId: string, briefId: string): void {
  db.delete(screenplayDrafts)
    .where(and(eq(screenplayDrafts.briefId, briefId), eq(screenplayDrafts.userId, userId)))
    .run()
}

/** What of the brief a screenplay no longer matches, so Render would make the wrong video. */
export type Mismatch = { aspectRatio: Brief['aspectRatio']; lengthSeconds: number; changes: string[] }

/**
 * The screenplay was written for another format, length or caption language than the brief now
 * asks. Shots may be re-timed by hand, so a length differs only when the brief changed after the
 * screenplay was written (`writtenAt`); an engine take just written for this brief always matches.
 */
export function briefMismatch(
  brief: Brief,
  briefUpdatedAt: number,
  screenplay: SavedScreenplay,
  writtenAt: number | undefined,
): Mismatch | undefined {
  const changes: string[] = []
  if (screenplay.aspectRatio !== brief.aspectRatio) changes.push('aspectRatio')
  if (screenplay.language !== brief.language) changes.push('language')
  if (writtenAt !== undefined && briefUpdatedAt > writtenAt && screenplay.lengthSeconds !== brief.lengthSeconds)
    changes.push('lengthSeconds')
  return changes.length ? { aspectRatio: brief.aspectRatio, lengthSeconds: brief.lengthSeconds, changes } : undefined
}
