import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { and, desc, eq } from 'drizzle-orm'
import { type Track, tracks } from '../../db/schema.js'
import { librarySlugOf, type MusicChoice, ownTrackIdOf } from '../../db/states.js'
import { storageRoom } from '../accounts/storage-caps.js'
import type { Db } from '../db.js'
import { findLibraryTrack, type LibraryLog, libraryTracks } from '../music/index.js'
import { trackPath } from '../storage.js'
import { encodeTrack, probeAudio, TrackRejected, trackLimits } from './audio.js'

/** A person's own music: upload, list, rename, delete. Services over a db handle (STYLE.md). */

// The operator's library, for the pages and the API that list it beside a person's own tracks.
export { libraryTracks }

export const TITLE_MAX = 80

export type TrackTools = { ffmpegPath: string; ffprobePath: string }

/** An upload as it arrived: a temporary file (or any file) and the name the person's computer gave it. */
export type TrackUpload = { path: string; bytes: number; name: string }

/**
 * Checks, re-encodes and stores a track. Throws TrackRejected (the file), StorageFull (the plan's
 * caps, asked before the work and again with the insert, in one write transaction).
 */
export async function saveTrack(
  db: Db,
  dataDir: string,
  tools: TrackTools,
  userId: string,
  upload: TrackUpload,
  title: string | undefined,
  signal?: AbortSignal,
): Promise<Track> {
  if (upload.bytes > trackLimits.maxBytes) throw new TrackRejected({ key: 'music.upload.tooLarge' })
  const early = storageRoom(db, userId, { kind: 'tracks', bytes: 0 })
  if (early) throw early
  await probeAudio(tools.ffprobePath, upload.path, signal)
  const id = randomUUID()
  const file = trackPath(dataDir, userId, id)
  await fs.promises.mkdir(path.dirname(file), { recursive: true })
  const part = `${file}.${randomUUID().slice(0, 8)}.part`
  try {
    await encodeTrack(tools.ffmpegPath, upload.path, part, signal)
    // What the stored file is: its own length, not the upload's claim.
    const stored = await probeAudio(tools.ffprobePath, part, signal)
    const bytes = (await fs.promises.stat(part)).size
    const row: Track = {
      id,
      userId,
      title: title?.trim() || titleFromName(upload.name),
      durationMs: Math.round(stored.seconds * 1000),
      bytes,
      createdAt: Date.now(),
    }
    db.transaction(
      (tx) => {
        const full = storageRoom(tx, userId, { kind: 'tracks', bytes })
        if (full) throw full
        tx.insert(tracks).values(row).run()
      },
      { behavior: 'immediate' },
    )
    await fs.promises.rename(part, file)
    return row
  } catch (err) {
    // The row may be in and the rename failed: take both back, so nothing half-stored remains.
    db.delete(tracks).where(eq(tracks.id, id)).run()
    await fs.promises.rm(file, { force: true })
    throw err
  } finally {
    await fs.promises.rm(part, { force: true })
  }
}

/** "summer-mix_final.mp3" → "summer-mix_final": the name without its extension, within TITLE_MAX. */
export function titleFromName(name: string): string {
  const base = path.basename(name).replace(/\.[A-Za-z0-9]{1,5}$/, '')
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim()
  return [...(clean || 'Track')].slice(0, TITLE_MAX).join('')
}

export function listTracks(db: Pick<Db, 'select'>, userId: string): Track[] {
  return db.select().from(tracks).where(eq(tracks.userId, userId)).orderBy(desc(tracks.createdAt)).all()
}

/** The person's own track; another person's id finds nothing, exactly like an id that never was. */
export function findOwnedTrack(db: Pick<Db, 'select'>, userId: string, trackId: string): Track | undefined {
  return db
    .select()
    .from(tracks)
    .where(and(eq(tracks.id, trackId), eq(tracks.userId, userId)))
    .get()
}

export function renameTrack(db: Db, userId: string, trackId: string, title: string): Track | undefined {
  return db
    .update(tracks)
    .set({ title: title.trim() })
    .where(and(eq(tracks.id, trackId), eq(tracks.userId, userId)))
    .returning()
    .get()
}

/** Deletes the row and the file. Briefs that chose it keep the choice and render silent until changed. */
export async function deleteTrack(
  db: Db,
  dataDir: string,
  userId: string,
  trackId: string,
): Promise<Track | undefined> {
  const gone = db
    .delete(tracks)
    .where(and(eq(tracks.id, trackId), eq(tracks.userId, userId)))
    .returning()
    .get()
  if (gone) await fs.promises.rm(trackPath(dataDir, userId, gone.id), { force: true })
  return gone
}

/**
 * Whether a brief of `userId` may choose `music`: the fixed choices always; `track:<id>` only for
 * one of their own tracks (someone else's id is refused like one that does not exist);
 * `library:<slug>` only for a track the library has now.
 */
export function musicChoiceAllowed(
  db: Pick<Db, 'select'>,
  libraryDir: string | undefined,
  userId: string,
  music: MusicChoice,
  log: LibraryLog,
): boolean {
  const own = ownTrackIdOf(music)
  if (own) return findOwnedTrack(db, userId, own) !== undefined
  const slug = librarySlugOf(music)
  if (slug) return findLibraryTrack(libraryDir, slug, log) !== null
  return true
}
