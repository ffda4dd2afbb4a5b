import { and, asc, eq, inArray } from 'drizzle-orm'
import { briefPhotos, briefs, type Image, images } from '../../db/schema.js'
import { maxBriefPhotos, type PhotoRole, photoRoles } from '../../db/states.js'
import type { Db } from '../db.js'

/** A photo as a brief holds it: the stored image and what it shows. Listed in the person's order. */
export type BriefPhoto = { image: Image; role: PhotoRole }
/** A photo as a form or the API names it. */
export type PhotoChoice = { imageId: string; role?: PhotoRole | undefined }

export { maxBriefPhotos, photoRoles }

/** The role a photo gets when none is chosen: 1st main, 2nd detail, 3rd in-use, then other. */
export function defaultRole(position: number): PhotoRole {
  return (['main', 'detail', 'in-use'] as const)[position] ?? 'other'
}

/** The photo the end card and the briefs list show: the first marked main, else the first. */
export function mainPhoto<T extends { role: PhotoRole }>(photos: readonly T[]): T | undefined {
  return photos.find((photo) => photo.role === 'main') ?? photos[0]
}

export class PhotoNotOwned extends Error {
  constructor(readonly position: number) {
    super('image')
  }
}

/**
 * The chosen photos as this person's images with their roles (default by position), the same
 * photo once. Throws PhotoNotOwned for an image that is not theirs, whether it exists or not.
 */
export function ownedPhotos(db: Pick<Db, 'select'>, userId: string, choices: readonly PhotoChoice[]): BriefPhoto[] {
  const ids = [...new Set(choices.map((choice) => choice.imageId))]
  const found = ids.length
    ? db
        .select()
        .from(images)
        .where(and(eq(images.userId, userId), inArray(images.id, ids)))
        .all()
    : []
  const byId = new Map(found.map((image) => [image.id, image]))
  const seen = new Set<string>()
  const photos: BriefPhoto[] = []
  choices.forEach((choice, position) => {
    const image = byId.get(choice.imageId)
    if (!image) throw new PhotoNotOwned(position)
    if (seen.has(image.id)) return
    seen.add(image.id)
    photos.push({ image, role: choice.role ?? defaultRole(photos.length) })
  })
  return photos.slice(0, maxBriefPhotos)
}

/** The brief's photos in order. */
export function listBriefPhotos(db: Pick<Db, 'select'>, briefId: string): BriefPhoto[] {
  return db
    .select({ image: images, role: briefPhotos.role })
    .from(briefPhotos)
    .innerJoin(images, eq(images.id, briefPhotos.imageId))
    .where(eq(briefPhotos.briefId, briefId))
    .orderBy(asc(briefPhotos.position))
    .all()
}

/** Replaces the brief's photos (inside the caller's transaction) and keeps briefs.image_id on the main one. */
export function writeBriefPhotos(tx: Pick<Db, 'delete' | 'insert' | 'update'>, briefId: string, photos: BriefPhoto[]) {
  tx.delete(briefPhotos).where(eq(briefPhotos.briefId, briefId)).run()
  if (photos.length > 0) {
    tx.insert(briefPhotos)
      .values(photos.map((photo, i) => ({ briefId, imageId: photo.image.id, position: i + 1, role: photo.role })))
      .run()
  }
  tx.update(briefs)
    .set({ imageId: mainPhoto(photos)?.image.id ?? null })
    .where(eq(briefs.id, briefId))
    .run()
}

/** The brief's photos as the screenplay engine takes them. */
export function shotPhotos(photos: readonly BriefPhoto[]): { imageId: string; role: PhotoRole }[] {
  return photos.map((photo) => ({ imageId: photo.image.id, role: photo.role }))
}

/** The imageIds of the brief's photos (for checking what a screenplay's shots name). */
export function briefPhotoIds(db: Pick<Db, 'select'>, briefId: string): Set<string> {
  const rows = db.select({ id: briefPhotos.imageId }).from(briefPhotos).where(eq(briefPhotos.briefId, briefId)).all()
  return new Set(rows.map((row) => row.id))
}

/**
 * The screenplay with each shot's imageId kept only when it is one of the brief's photos: a shot
 * never names another person's photo, nor one the brief no longer holds (it then takes the main).
 */
export function withBriefPhotosOnly<S extends { shots: { imageId?: string | undefined }[] }>(
  db: Pick<Db, 'select'>,
  briefId: string,
  screenplay: S,
): S {
  const ids = briefPhotoIds(db, briefId)
  return {
    ...screenplay,
    shots: screenplay.shots.map(({ imageId, ...shot }) => (imageId && ids.has(imageId) ? { ...shot, imageId } : shot)),
  }
}
