import { randomUUID } from 'node:crypto'
import { and, count, desc, eq, max } from 'drizzle-orm'
import { screenplays, videos } from '../../db/schema.js'
import { storageRoom } from '../accounts/storage-caps.js'
import type { Db } from '../db.js'
import { type SavedScreenplay, savedScreenplaySchema } from '../screenplay/saved.js'
import { dropDraft } from './drafts.js'
import { withBriefPhotosOnly } from './photos.js'

export type ScreenplayVersion = {
  id: string
  briefId: string
  version: number
  screenplay: SavedScreenplay
  createdAt: number
}

/**
 * Saves a new immutable version; numbering and the plan's cap on versions per brief are checked
 * inside the write transaction, so two saves never share a number nor pass the cap together.
 * Throws StorageFull (nothing written) when the brief has as many versions as the plan keeps.
 */
export function saveScreenplayVersion(
  db: Db,
  userId: string,
  briefId: string,
  screenplay: SavedScreenplay,
  now = Date.now(),
): ScreenplayVersion {
  return db.transaction((tx) => insertScreenplayVersion(tx, userId, briefId, screenplay, now), {
    behavior: 'immediate',
  })
}

/** saveScreenplayVersion inside a write transaction the caller holds (variants save several with their renders). */
export function insertScreenplayVersion(
  tx: Pick<Db, 'select' | 'insert'>,
  userId: string,
  briefId: string,
  screenplay: SavedScreenplay,
  now: number,
): ScreenplayVersion {
  const body = savedScreenplaySchema.parse(withBriefPhotosOnly(tx, briefId, screenplay))
  const full = storageRoom(tx, userId, { kind: 'versions', briefId })
  if (full) throw full
  const latest = tx
    .select({ v: max(screenplays.version) })
    .from(screenplays)
    .where(eq(screenplays.briefId, briefId))
    .get()
  const version = (latest?.v ?? 0) + 1
  const row = { id: randomUUID(), briefId, userId, version, body, createdAt: now }
  tx.insert(screenplays).values(row).run()
  return { id: row.id, briefId, version, screenplay: body, createdAt: now }
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

/** Every saved version of a brief's screenplay, newest first. */
export function listScreenplays(db: Db, userId: string, briefId: string): ScreenplayVersion[] {
  return db
    .select()
    .from(screenplays)
    .where(and(eq(screenplays.briefId, briefId), eq(screenplays.userId, userId)))
    .orderBy(desc(screenplays.version))
    .all()
    .map(toVersion)
}

/** Whether a video was made from this version: it keeps the exact version it used, so the version stays. */
export function versionHasVideos(db: Pick<Db, 'select'>, screenplayId: string): boolean {
  return (db.select({ n: count() }).from(videos).where(eq(videos.screenplayId, screenplayId)).get()?.n ?? 0) > 0
}

/** The person's videos made from one saved version, newest first: the editor links to them. */
export function videosOfVersion(db: Db, userId: string, screenplayId: string) {
  return db
    .select({
      id: videos.id,
      aspectRatio: videos.aspectRatio,
      lengthSeconds: videos.lengthSeconds,
      status: videos.status,
    })
    .from(videos)
    .where(and(eq(videos.screenplayId, screenplayId), eq(videos.userId, userId)))
    .orderBy(desc(videos.createdAt))
    .limit(8)
    .all()
}

/**
 * Deletes a saved version no video was made from, making room under the plan's versions per
 * brief. 'in_use' when a video refers to it (it goes only with its brief), 'not_found' when it is
 * not this person's.
 */
export function deleteScreenplayVersion(
  db: Db,
  userId: string,
  briefId: string,
  version: number,
): 'deleted' | 'in_use' | 'not_found' {
  return db.transaction(
    (tx) => {
      const row = tx
        .select({ id: screenplays.id })
        .from(screenplays)
        .where(and(eq(screenplays.briefId, briefId), eq(screenplays.userId, userId), eq(screenplays.version, version)))
        .get()
      if (!row) return 'not_found'
      if (versionHasVideos(tx, row.id)) return 'in_use'
      tx.delete(screenplays).where(eq(screenplays.id, row.id)).run()
      return 'deleted'
    },
    { behavior: 'immediate' },
  )
}

/** Two screenplays are the same when every field matches, whatever order their keys came in. */
function sameScreenplay(a: SavedScreenplay, b: SavedScreenplay): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value
  const edited = savedScreenplaySchema.safeParse(a)
  return edited.success && JSON.stringify(canonical(edited.data)) === JSON.stringify(canonical(b))
}

/**
 * The version a render of the editor's screenplay uses: the version it was opened from when
 * nothing was changed, otherwise a new saved version (the draft is never rendered unsaved, so a
 * video always refers to exactly what it used); the editor's draft goes. Throws StorageFull like
 * saveScreenplayVersion.
 */
export function versionForRender(
  db: Db,
  userId: string,
  briefId: string,
  screenplay: SavedScreenplay,
  basedOnId: string | undefined,
): { version: ScreenplayVersion; isNew: boolean } {
  const basedOn = basedOnId ? findScreenplayById(db, userId, basedOnId) : undefined
  const kept =
    basedOn && basedOn.briefId === briefId && sameScreenplay(screenplay, basedOn.screenplay)
      ? { version: basedOn, isNew: false }
      : { version: saveScreenplayVersion(db, userId, briefId, screenplay), isNew: true }
  dropDraft(db, userId, briefId) // what is rendered is a version now: the editor opens it next time
  return kept
}
