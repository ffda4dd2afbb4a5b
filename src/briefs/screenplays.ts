import { randomUUID } from 'node:crypto'
import { and, desc, eq, max } from 'drizzle-orm'
import { z } from 'zod'
import { screenplays } from '../../db/schema.js'
import type { Db } from '../db.js'
import { aspectRatios, languages } from '../screenplay/brief.js'
import { checkShotsAddUp, shotLimits, shotSchema } from '../screenplay/schema.js'
import { templateIds } from '../screenplay/templates/index.js'

/**
 * A screenplay as saved after editing. Like the engine's, except that dropping or re-timing
 * shots may change the total length, so the length is whatever the shots add up to.
 */
export const savedScreenplaySchema = z
  .object({
    template: z.enum(templateIds),
    variation: z.number().int().min(0),
    aspectRatio: z.enum(aspectRatios),
    language: z.enum(languages),
    lengthSeconds: z.number().int().min(15).max(80),
    shots: z
      .array(shotSchema)
      .min(shotLimits.minShots, `A screenplay needs at least ${shotLimits.minShots} shots.`)
      .max(shotLimits.maxShots, `A screenplay has at most ${shotLimits.maxShots} shots.`),
  })
  .superRefine(checkShotsAddUp)
export type SavedScreenplay = z.output<typeof savedScreenplaySchema>

export type ScreenplayVersion = {
  id: string
  briefId: string
  version: number
  screenplay: SavedScreenplay
  createdAt: number
}

/** Saves a new immutable version; numbering happens inside a write transaction so two saves never share a number. */
export function saveScreenplayVersion(
  db: Db,
  userId: string,
  briefId: string,
  screenplay: SavedScreenplay,
  now = Date.now(),
): ScreenplayVersion {
  const body = savedScreenplaySchema.parse(screenplay)
  return db.transaction(
    (tx) => {
      const latest = tx
        .select({ v: max(screenplays.version) })
        .from(screenplays)
        .where(eq(screenplays.briefId, briefId))
        .get()
      const version = (latest?.v ?? 0) + 1
      const row = { id: randomUUID(), briefId, userId, version, body, createdAt: now }
      tx.insert(screenplays).values(row).run()
      return { id: row.id, briefId, version, screenplay: body, createdAt: now }
    },
    { behavior: 'immediate' },
  )
}

function toVersion(row: typeof screenplays.$inferSelect): ScreenplayVersion {
  return {
    id: row.id,
    briefId: row.briefId,
    version: row.version,
    screenplay: savedScreenplaySchema.parse(row.body),
    createdAt: row.createdAt,
  }
}

export function latestScreenplay(db: Db, userId: string, briefId: string): ScreenplayVersion | undefined {
  const row = db
    .select()
    .from(screenplays)
    .where(and(eq(screenplays.briefId, briefId), eq(screenplays.userId, userId)))
    .orderBy(desc(screenplays.version))
    .limit(1)
    .get()
  return row ? toVersion(row) : undefined
}

export function findScreenplayVersion(
  db: Db,
  userId: string,
  briefId: string,
  version: number,
): ScreenplayVersion | undefined {
  const row = db
    .select()
    .from(screenplays)
    .where(and(eq(screenplays.briefId, briefId), eq(screenplays.userId, userId), eq(screenplays.version, version)))
    .get()
  return row ? toVersion(row) : undefined
}

export function findScreenplayById(db: Db, userId: string, screenplayId: string): ScreenplayVersion | undefined {
  const row = db
    .select()
    .from(screenplays)
    .where(and(eq(screenplays.id, screenplayId), eq(screenplays.userId, userId)))
    .get()
  return row ? toVersion(row) : undefined
}

export function listScreenplayVersions(
  db: Db,
  userId: string,
  briefId: string,
): { version: number; createdAt: number }[] {
  return db
    .select({ version: screenplays.version, createdAt: screenplays.createdAt })
    .from(screenplays)
    .where(and(eq(screenplays.briefId, briefId), eq(screenplays.userId, userId)))
    .orderBy(desc(screenplays.version))
    .all()
}
