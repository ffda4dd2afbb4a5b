import { randomUUID } from 'node:crypto'
import { and, asc, countDistinct, desc, eq, gte, isNotNull } from 'drizzle-orm'
import { briefs, screenplays, tracks, users, type Video, videos } from '../../db/schema.js'
import { ownTrackIdOf } from '../../db/states.js'
import { allowance } from '../accounts/plans.js'
import { listBriefPhotos, shotPhotos } from '../briefs/photos.js'
import { insertScreenplayVersion } from '../briefs/screenplays.js'
import type { Db } from '../db.js'
import { deleteVideo } from '../render/delete.js'
import { findOwnedVideo } from '../render/library.js'
import { EmailNotConfirmed, insertRender, QuotaExceeded } from '../render/submit.js'
import { briefSchema } from '../screenplay/brief.js'
import { writeScreenplay } from '../screenplay/engine.js'
import { savedScreenplaySchema } from '../screenplay/saved.js'
import { END_CARD_MS, type NamedTrackLength, planVariants } from './plan.js'

export class BriefNotFound extends Error {}

/** Fewer videos left this month than the variants need: nothing was started. */
export class QuotaShortForVariants extends QuotaExceeded {
  constructor(
    used: number,
    quota: number,
    resetsAt: number,
    readonly needed: number,
    readonly left: number,
  ) {
    super(used, quota, resetsAt)
    this.message = 'not enough videos left this month for the variants'
  }
}

/**
 * Starts `count` variants of a brief: for each, a screenplay written with its template, tone and
 * take, saved as a version of the brief, and an ordinary render of it, all of one set. One BEGIN
 * IMMEDIATE transaction checks that the month has `count` videos left (each variant is one video)
 * and, per variant, the plan's caps on versions and videos kept, exactly as a single render does;
 * so either every variant starts or none, and simultaneous requests cannot pass the quota together.
 */
export function makeVariants(
  db: Db,
  userId: string,
  briefId: string,
  count: number,
  model: string,
  options: { now?: number; reuseWithinMs?: number } = {},
): { groupId: string; videos: Video[]; reused: boolean } {
  const now = options.now ?? Date.now()
  return db.transaction(
    (tx) => {
      const row = tx
        .select({ data: briefs.data, plan: users.plan, confirmedAt: users.emailConfirmedAt })
        .from(briefs)
        .innerJoin(users, eq(users.id, briefs.userId))
        .where(and(eq(briefs.id, briefId), eq(briefs.userId, userId)))
        .get()
      if (!row) throw new BriefNotFound()
      if (row.confirmedAt === null) throw new EmailNotConfirmed()
      // A second click on the same button (a double click, a reload of the post) gets the set it
      // just made instead of three more videos; the API has Idempotency-Key for this.
      if (options.reuseWithinMs) {
        const recent = tx
          .select()
          .from(videos)
          .where(
            and(
              eq(videos.briefId, briefId),
              eq(videos.userId, userId),
              isNotNull(videos.variantGroupId),
              gte(videos.createdAt, now - options.reuseWithinMs),
            ),
          )
          .orderBy(desc(videos.createdAt))
          .get()
        if (recent?.variantGroupId) {
          const set = tx.select().from(videos).where(eq(videos.variantGroupId, recent.variantGroupId)).all()
          return { groupId: recent.variantGroupId, videos: set, reused: true }
        }
      }
      const quota = allowance(tx, { id: userId, plan: row.plan }, now)
      if (quota.left < count)
        throw new QuotaShortForVariants(quota.used, quota.quota, quota.resetsAt, count, quota.left)

      const brief = briefSchema.parse(row.data)
      const photos = shotPhotos(listBriefPhotos(tx, briefId))
      // Each set of this brief so far moves the takes on, so asking again gives new screenplays.
      const round =
        tx
          .select({ n: countDistinct(videos.variantGroupId) })
          .from(videos)
          .where(eq(videos.briefId, briefId))
          .get()?.n ?? 0
      const groupId = randomUUID()
      const made = planVariants(brief, count, round, ownTrackLength(tx, userId, brief)).map((plan, i) => {
        // Every variant shows the brief's photos, each shot the one its beat asks for.
        const screenplay = writeScreenplay({ ...brief, tone: plan.tone }, plan.variation, plan.template, photos)
        const version = insertScreenplayVersion(tx, userId, briefId, screenplay, now)
        return insertRender(tx, userId, version.id, model, now, {
          groupId,
          position: i + 1,
          tone: plan.tone,
          music: plan.music,
          musicStartMs: plan.musicStartMs,
        })
      })
      return { groupId, videos: made, reused: false }
    },
    { behavior: 'immediate' },
  )
}

/**
 * The length of the person's own track the brief names, against the video's (its shots and end
 * card), so each variant can be given its part now; null for any other music, or a track gone.
 */
function ownTrackLength(
  tx: Pick<Db, 'select'>,
  userId: string,
  brief: { music: string; lengthSeconds: number },
): NamedTrackLength | null {
  const own = ownTrackIdOf(brief.music)
  if (!own) return null
  const track = tx
    .select({ durationMs: tracks.durationMs })
    .from(tracks)
    .where(and(eq(tracks.id, own), eq(tracks.userId, userId)))
    .get()
  return track ? { trackMs: track.durationMs, videoMs: brief.lengthSeconds * 1000 + END_CARD_MS } : null
}

/** One variant as the compare page shows it: the video with its progress, and what it was made with. */
export type Variant = NonNullable<ReturnType<typeof findOwnedVideo>> & {
  template: string
  tone: string
  music: string
  /** Where its music starts in the brief's recorded track (ms), once known; null: not such a variant. */
  musicStartMs: number | null
}

/** The person's variants of one set, in the order they were made; empty when the set is not theirs. */
export function findVariantGroup(db: Db, userId: string, groupId: string): Variant[] {
  const rows = db
    .select({ id: videos.id, body: screenplays.body, brief: briefs.data })
    .from(videos)
    .innerJoin(screenplays, eq(screenplays.id, videos.screenplayId))
    .innerJoin(briefs, eq(briefs.id, videos.briefId))
    .where(and(eq(videos.variantGroupId, groupId), eq(videos.userId, userId)))
    .orderBy(asc(videos.variantPosition))
    .all()
  return rows.flatMap((row) => {
    const found = findOwnedVideo(db, userId, row.id)
    if (!found) return []
    const brief = briefSchema.parse(row.brief)
    return [
      {
        ...found,
        template: savedScreenplaySchema.parse(row.body).template,
        tone: found.video.variantTone ?? brief.tone,
        music: found.video.variantMusic ?? brief.music,
        musicStartMs: found.video.variantMusicStartMs,
      },
    ]
  })
}

/**
 * "Keep this one": deletes the set's other videos (one still rendering is canceled by the Cancel
 * button's rule first, src/render/delete.ts) and keeps `keepId`. Null when the set or the video is
 * not the person's; otherwise how many were deleted.
 */
export async function keepVariant(
  db: Db,
  dataDir: string,
  userId: string,
  groupId: string,
  keepId: string,
): Promise<number | null> {
  const members = findVariantGroup(db, userId, groupId)
  if (!members.some((m) => m.video.id === keepId)) return null
  let deleted = 0
  for (const { video } of members) {
    if (video.id !== keepId && (await deleteVideo(db, dataDir, userId, video.id))) deleted += 1
  }
  return deleted
}
