import { eq } from 'drizzle-orm'
import { apiKeys, briefs, images, screenplays, type User, usageRecords, videoShots, videos } from '../../db/schema.js'
import type { Db } from '../db.js'
import { planFor } from './plans.js'

/**
 * Everything we hold about a person, as the privacy policy's "Export" right promises.
 * Secrets are represented by what we actually keep: never a hash, only the key's prefix.
 */
export function exportAccount(db: Db, user: User, now = Date.now()) {
  const keys = db.select().from(apiKeys).where(eq(apiKeys.userId, user.id)).all()
  const usage = db.select().from(usageRecords).where(eq(usageRecords.userId, user.id)).all()
  const briefRows = db.select().from(briefs).where(eq(briefs.userId, user.id)).all()
  const imageRows = db.select().from(images).where(eq(images.userId, user.id)).all()
  const screenplayRows = db.select().from(screenplays).where(eq(screenplays.userId, user.id)).all()
  const videoRows = db.select().from(videos).where(eq(videos.userId, user.id)).all()
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
  return {
    exportedAt: iso(now),
    profile: { id: user.id, email: user.email, plan: planFor(user.plan).id, createdAt: iso(user.createdAt) },
    password: 'Stored only as a scrypt hash, which is not included.',
    apiKeys: keys.map((k) => ({ prefix: k.prefix, createdAt: iso(k.createdAt), revokedAt: iso(k.revokedAt) })),
    usageRecords: usage.map((u) => ({
      videoId: u.videoId,
      shots: u.shots,
      seconds: u.seconds,
      model: u.model,
      createdAt: iso(u.createdAt),
      voidedAt: iso(u.voidedAt),
    })),
    briefs: briefRows.map((b) => ({
      id: b.id,
      brief: b.data,
      imageId: b.imageId,
      createdAt: iso(b.createdAt),
      updatedAt: iso(b.updatedAt),
    })),
    images: imageRows.map((i) => ({
      id: i.id,
      sha256: i.sha256,
      width: i.width,
      height: i.height,
      bytes: i.bytes,
      createdAt: iso(i.createdAt),
      download: `/images/${i.id}/full`,
    })),
    screenplays: screenplayRows.map((s) => ({
      id: s.id,
      briefId: s.briefId,
      version: s.version,
      screenplay: s.body,
      createdAt: iso(s.createdAt),
    })),
    videos: videoRows.map((v) => ({
      id: v.id,
      briefId: v.briefId,
      screenplayId: v.screenplayId,
      title: v.title,
      status: v.status,
      failureReason: v.failureReason,
      aspectRatio: v.aspectRatio,
      lengthSeconds: v.lengthSeconds,
      createdAt: iso(v.createdAt),
      finishedAt: iso(v.finishedAt),
      shots: db
        .select({
          position: videoShots.position,
          prompt: videoShots.prompt,
          caption: videoShots.caption,
          status: videoShots.status,
        })
        .from(videoShots)
        .where(eq(videoShots.videoId, v.id))
        .all(),
      download: v.status === 'done' ? `/videos/${v.id}/video.mp4?download=1` : null,
    })),
  }
}
