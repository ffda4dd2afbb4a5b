import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { and, count, desc, eq, sql } from 'drizzle-orm'
import { type BriefRow, briefs, type Image, images, videos } from '../../db/schema.js'
import { storageRoom } from '../accounts/storage-caps.js'
import { type Db, preparedPerDb } from '../db.js'
import { type Brief, briefSchema } from '../screenplay/brief.js'
import { videoPaths } from '../storage.js'
import { deleteImageIfUnused } from './images.js'
import {
  type BriefPhoto,
  listBriefPhotos,
  mainPhoto,
  ownedPhotos,
  type PhotoChoice,
  PhotoNotOwned,
  writeBriefPhotos,
} from './photos.js'

/**
 * A brief as saved: its fields (validated by briefSchema), its photos in order, its main photo
 * (`image`, what the list and the end card show), and when it was made and changed.
 */
export type SavedBrief = {
  id: string
  brief: Brief
  image: Image | null
  photos: BriefPhoto[]
  createdAt: number
  updatedAt: number
}

export function toSavedBrief(row: BriefRow, image: Image | null, photos?: BriefPhoto[]): SavedBrief {
  // Stored briefs were validated on the way in; parsing again guards against hand-edited rows.
  return {
    id: row.id,
    brief: briefSchema.parse(row.data),
    image,
    photos: photos ?? (image ? [{ image, role: 'main' }] : []),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/** The photos a caller names: an older caller's one imageId means that photo as the main one. */
export type PhotosInput = string | null | readonly PhotoChoice[]

function resolvePhotos(db: Db, userId: string, input: PhotosInput): BriefPhoto[] {
  const choices = typeof input === 'string' ? [{ imageId: input, role: 'main' as const }] : (input ?? [])
  try {
    return ownedPhotos(db, userId, choices)
  } catch (err) {
    if (err instanceof PhotoNotOwned) throw new NotFound('image')
    throw err
  }
}

/** Saves a new brief; throws StorageFull when the plan keeps no more briefs (nothing is written). */
export function createBrief(
  db: Db,
  userId: string,
  brief: Brief,
  photosInput: PhotosInput,
  now = Date.now(),
): SavedBrief {
  const photos = resolvePhotos(db, userId, photosInput)
  const image = mainPhoto(photos)?.image ?? null
  const row: BriefRow = {
    id: randomUUID(),
    userId,
    imageId: image?.id ?? null,
    productName: brief.productName,
    data: brief,
    createdAt: now,
    updatedAt: now,
  }
  // The plan's cap and the insert in one write transaction: two saves at its edge cannot both pass.
  db.transaction(
    (tx) => {
      const full = storageRoom(tx, userId, { kind: 'briefs' })
      if (full) throw full
      tx.insert(briefs).values(row).run()
      writeBriefPhotos(tx, row.id, photos)
    },
    { behavior: 'immediate' },
  )
  return toSavedBrief(row, image, photos)
}

export async function updateBrief(
  db: Db,
  dataDir: string,
  userId: string,
  briefId: string,
  brief: Brief,
  photosInput: PhotosInput | undefined,
  now = Date.now(),
): Promise<SavedBrief | undefined> {
  const current = findBrief(db, userId, briefId)
  if (!current) return undefined
  // Nothing named keeps the photos the brief has.
  const photos = photosInput ? resolvePhotos(db, userId, photosInput) : current.photos
  const image = mainPhoto(photos)?.image ?? null
  db.transaction(
    (tx) => {
      tx.update(briefs)
        .set({ productName: brief.productName, data: brief, updatedAt: now })
        .where(and(eq(briefs.id, briefId), eq(briefs.userId, userId)))
        .run()
      writeBriefPhotos(tx, briefId, photos)
    },
    { behavior: 'immediate' },
  )
  // A photo taken off the brief that no other brief uses goes with the old version.
  const kept = new Set(photos.map((photo) => photo.image.id))
  for (const old of current.photos) if (!kept.has(old.image.id)) await deleteImageIfUnused(db, dataDir, old.image)
  return { ...current, brief, image, photos, updatedAt: now }
}

/** The brief if it belongs to this user; the same undefined whether it exists or not. */
export function findBrief(db: Db, userId: string, briefId: string): SavedBrief | undefined {
  const row = db
    .select({ brief: briefs, image: images })
    .from(briefs)
    .leftJoin(images, eq(images.id, briefs.imageId))
    .where(and(eq(briefs.id, briefId), eq(briefs.userId, userId)))
    .get()
  if (!row) return undefined
  const photos = listBriefPhotos(db, briefId)
  // A brief saved before brief_photos whose row the migration missed still shows its one photo.
  return toSavedBrief(row.brief, row.image, photos.length > 0 ? photos : undefined)
}

export const BRIEFS_PAGE_SIZE = 12

/**
 * A page of the person's briefs for the list, most recently changed first (a Studio plan keeps
 * hundreds): what each card shows, and how many there are in all. Paged like the library.
 */
export function listBriefs(db: Db, userId: string, page: number) {
  const { pageOfBriefs, briefCount } = briefListQueries(db)
  const rows = pageOfBriefs.all({ userId, limit: BRIEFS_PAGE_SIZE, offset: (page - 1) * BRIEFS_PAGE_SIZE })
  // A page past the end has no row to carry the count.
  const total = rows[0]?.total ?? (page > 1 ? (briefCount.get({ userId })?.n ?? 0) : 0)
  return {
    briefs: rows.map(({ total: _total, ...card }) => card),
    total,
    pages: Math.max(1, Math.ceil(total / BRIEFS_PAGE_SIZE)),
  }
}

// The briefs page runs these on every visit: prepared once, and the page reads the three fields a
// card shows out of the stored JSON in SQLite instead of parsing and validating every brief. The
// count is a scalar subquery beside each row (one query), as the library's is.
const briefListQueries = preparedPerDb((db) => {
  const field = <T>(name: string) => sql<T>`json_extract(${briefs.data}, ${`$.${name}`})`
  return {
    pageOfBriefs: db
      .select({
        id: briefs.id,
        imageId: briefs.imageId,
        productName: field<string>('productName'),
        aspectRatio: field<Brief['aspectRatio']>('aspectRatio'),
        lengthSeconds: field<Brief['lengthSeconds']>('lengthSeconds'),
        updatedAt: briefs.updatedAt,
        total:
          sql<number>`(select count(*) from ${briefs} where ${briefs.userId} = ${sql.placeholder('userId')})`.mapWith(
            Number,
          ),
      })
      .from(briefs)
      .where(eq(briefs.userId, sql.placeholder('userId')))
      // Ties broken by id, so a page boundary never shows a brief twice or skips one.
      .orderBy(desc(briefs.updatedAt), desc(briefs.id))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare(),
    briefCount: db
      .select({ n: count() })
      .from(briefs)
      .where(eq(briefs.userId, sql.placeholder('userId')))
      .prepare(),
  }
})

/**
 * Deletes the brief with its screenplays and videos (cascade) and their files, and each of its
 * photos that no other brief uses. Usage records stay: deleting a brief does not refund quota.
 */
export async function deleteBrief(db: Db, dataDir: string, userId: string, briefId: string): Promise<boolean> {
  const saved = findBrief(db, userId, briefId)
  if (!saved) return false
  const videoIds = db.select({ id: videos.id }).from(videos).where(eq(videos.briefId, briefId)).all()
  db.delete(briefs)
    .where(and(eq(briefs.id, briefId), eq(briefs.userId, userId)))
    .run()
  await Promise.all(
    videoIds.map(({ id }) => fs.promises.rm(videoPaths(dataDir, userId, id).dir, { recursive: true, force: true })),
  )
  for (const photo of saved.photos) await deleteImageIfUnused(db, dataDir, photo.image)
  return true
}

export class NotFound extends Error {}
