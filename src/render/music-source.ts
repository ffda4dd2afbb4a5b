import { and, count, eq, max } from 'drizzle-orm'
import { briefs, tracks, type Video, videos } from '../../db/schema.js'
import { librarySlugOf, type MusicChoice, ownTrackIdOf } from '../../db/states.js'
import type { Db } from '../db.js'
import { type AudioFile, findLibraryTrack, type LibraryLog } from '../music/index.js'
import { briefSchema } from '../screenplay/brief.js'
import { trackPath } from '../storage.js'

/**
 * The recorded track a brief's music names, found for the video's owner only: a `track:` id of
 * someone else's upload (or a deleted one) finds nothing, and the video gets the silent track
 * rather than another person's music. `attribution` is the library licence's credit, if it asks.
 */
export function recordedTrackOf(
  db: Pick<Db, 'select'>,
  where: { dataDir: string; libraryDir: string | undefined },
  userId: string,
  choice: MusicChoice,
  log: LibraryLog,
): { file: AudioFile | null; attribution: string | null } | null {
  const own = ownTrackIdOf(choice)
  if (own) {
    const row = db
      .select({ id: tracks.id })
      .from(tracks)
      .where(and(eq(tracks.id, own), eq(tracks.userId, userId)))
      .get()
    return {
      file: row ? { path: trackPath(where.dataDir, userId, row.id), key: `track:${row.id}` } : null,
      attribution: null,
    }
  }
  const slug = librarySlugOf(choice)
  if (slug) {
    const track = findLibraryTrack(where.libraryDir, slug, log)
    return { file: track ? { path: track.path, key: track.key } : null, attribution: track?.attribution ?? null }
  }
  return null
}

/**
 * The music a person's brief names, or null: a brief that no longer reads (a failed render's
 * poison) has no credit to show, and its video page still opens.
 */
export function briefMusicOf(db: Pick<Db, 'select'>, userId: string, briefId: string): MusicChoice | null {
  let data: unknown
  try {
    data = db
      .select({ data: briefs.data })
      .from(briefs)
      .where(and(eq(briefs.id, briefId), eq(briefs.userId, userId)))
      .get()?.data
  } catch {
    return null // its JSON no longer reads
  }
  const brief = briefSchema.safeParse(data)
  return brief.success ? brief.data.music : null
}

/** The credit a brief's library track asks to be shown with its video, if any. */
export function libraryCreditOf(libraryDir: string | undefined, music: MusicChoice, log: LibraryLog): string | null {
  const slug = librarySlugOf(music)
  return slug ? (findLibraryTrack(libraryDir, slug, log)?.attribution ?? null) : null
}

/** The MP4 tags of a credit: the player's "comment" and the file's copyright line. */
export function creditTags(attribution: string): { comment: string; copyright: string } {
  return { comment: `Music: ${attribution}`, copyright: `Music: ${attribution}` }
}

/**
 * What of a recorded track a variant plays (src/variants): the start it was given (planned from an
 * own track's length, or stored by its first stitch), or else its place in the set, to plan one
 * from the track's length now (a library track). Nothing for a video that is not a variant.
 */
export function variantPartOf(
  db: Pick<Db, 'select'>,
  video: Pick<Video, 'variantGroupId' | 'variantPosition' | 'variantMusicStartMs'>,
): { startMs?: number; part?: { index: number; count: number } } {
  if (!video.variantGroupId || video.variantPosition === null) return {}
  if (video.variantMusicStartMs !== null) return { startMs: video.variantMusicStartMs }
  // The set as made: a variant deleted since ("Keep this one") still held its place.
  const set = db
    .select({ n: count(), last: max(videos.variantPosition) })
    .from(videos)
    .where(eq(videos.variantGroupId, video.variantGroupId))
    .get()
  const size = Math.max(set?.n ?? 1, set?.last ?? 1, video.variantPosition)
  return { part: { index: video.variantPosition - 1, count: size } }
}
