import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { and, eq, lt, notExists } from 'drizzle-orm'
import { briefPhotos, briefs, type Image, images } from '../../db/schema.js'
import { type StorageFull, storageRoom } from '../accounts/storage-caps.js'
import type { Db } from '../db.js'
import { imagePaths, writeFileAtomic } from '../storage.js'
import { type ImageSource, processProductImage } from './image-processing.js'

/**
 * Validates, re-encodes and stores a product photo for its owner. The same photo uploaded twice
 * by the same person is stored once (same content hash) and gets the existing row back.
 * Throws ImageRejected with a message for people when the upload is not acceptable, and
 * StorageFull when the plan's photo cap (count or megabytes) has no room for it.
 */
export async function saveProductImage(
  db: Db,
  dataDir: string,
  userId: string,
  source: ImageSource,
  now = Date.now(),
): Promise<Image> {
  // Before decoding: a person at the cap costs no image processing.
  throwIfFull(storageRoom(db, userId, { kind: 'images', bytes: 0 }))
  const processed = await processProductImage(source)
  const existing = (handle: Pick<Db, 'select'> = db) =>
    handle
      .select()
      .from(images)
      .where(and(eq(images.userId, userId), eq(images.sha256, processed.sha256)))
      .get()
  // A photo already stored takes no more room (its files are written again, as they always were).
  const stored = existing()
  if (!stored) throwIfFull(storageRoom(db, userId, { kind: 'images', bytes: processed.jpeg.length }))
  const paths = imagePaths(dataDir, userId, processed.sha256)
  // Files first, then the row: a crash in between leaves an unreferenced file, never a row without one.
  await writeFileAtomic(paths.full, processed.jpeg)
  await writeFileAtomic(paths.thumbnail, processed.thumbnail)
  if (stored) return stored
  const image: Image = {
    id: randomUUID(),
    userId,
    sha256: processed.sha256,
    width: processed.width,
    height: processed.height,
    bytes: processed.jpeg.length,
    createdAt: now,
  }
  // The cap again, with the insert in one write transaction, so two uploads at its edge cannot
  // both pass. One row per (user, content hash), even when two uploads of the same photo race.
  const result = db.transaction(
    (tx) => {
      const row = existing(tx)
      if (row) return { row }
      const full = storageRoom(tx, userId, { kind: 'images', bytes: image.bytes })
      if (full) return { full }
      tx.insert(images).values(image).run()
      return { row: image }
    },
    { behavior: 'immediate' },
  )
  if (result.full) {
    // Lost the race for the last room: the files just written belong to no row.
    await removeImageFiles(dataDir, userId, processed.sha256)
    throw result.full
  }
  return result.row
}

function throwIfFull(refusal: StorageFull | null): void {
  if (refusal) throw refusal
}

async function removeImageFiles(dataDir: string, userId: string, sha256: string): Promise<void> {
  const paths = imagePaths(dataDir, userId, sha256)
  const dir = path.dirname(paths.full)
  const framings = (await fs.promises.readdir(dir).catch(() => [] as string[])).filter(paths.isFraming)
  await Promise.all([
    fs.promises.rm(paths.full, { force: true }),
    fs.promises.rm(paths.thumbnail, { force: true }),
    ...framings.map((name) => fs.promises.rm(path.join(dir, name), { force: true })),
  ])
}

/** The image if it belongs to this user; the same undefined whether it exists or not. */
export function findOwnedImage(db: Db, userId: string, imageId: string): Image | undefined {
  return db
    .select()
    .from(images)
    .where(and(eq(images.id, imageId), eq(images.userId, userId)))
    .get()
}

/** Deletes an image row and its files unless a brief still uses it. */
export async function deleteImageIfUnused(db: Db, dataDir: string, image: Image): Promise<boolean> {
  const deleted = db
    .delete(images)
    .where(and(eq(images.id, image.id), notHeld(db, image.id)))
    .run()
  if (deleted.changes === 0) return false
  await removeImageFiles(dataDir, image.userId, image.sha256)
  return true
}

// No brief holds the image, as its main photo or as any of its photos.
function notHeld(db: Db, imageId: string | typeof images.id) {
  return and(
    notExists(db.select().from(briefs).where(eq(briefs.imageId, imageId))),
    notExists(db.select().from(briefPhotos).where(eq(briefPhotos.imageId, imageId))),
  )
}

/** Photos uploaded for a preview but never saved with a brief are removed after a day. */
export async function deleteOrphanImages(db: Db, dataDir: string, now = Date.now()): Promise<number> {
  const cutoff = now - 24 * 60 * 60 * 1000
  const orphans = db
    .select()
    .from(images)
    .where(and(lt(images.createdAt, cutoff), notHeld(db, images.id)))
    .all()
  let removed = 0
  for (const image of orphans) if (await deleteImageIfUnused(db, dataDir, image)) removed++
  return removed
}
