import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import {
  briefs,
  renderJobs,
  screenplays,
  usageRecords,
  users,
  type Video,
  videoShots,
  videos,
} from '../../db/schema.js'
import { allowance } from '../accounts/plans.js'
import { storageRoom } from '../accounts/storage-caps.js'
import { brandSnapshotJson } from '../brand/snapshot.js'
import type { Db } from '../db.js'
import { briefSchema, resolutionOf } from '../screenplay/brief.js'
import { savedScreenplaySchema } from '../screenplay/saved.js'

export class QuotaExceeded extends Error {
  constructor(
    readonly used: number,
    readonly quota: number,
    readonly resetsAt: number,
  ) {
    super('monthly video quota reached')
  }
}

export class ScreenplayNotFound extends Error {}

/** LibTV costs money: nothing renders until the account's email address is confirmed. */
export class EmailNotConfirmed extends Error {
  constructor() {
    super('email address not confirmed')
  }
}

/**
 * Starts a render of a saved screenplay version. One BEGIN IMMEDIATE transaction checks the
 * monthly quota and the plan's cap on videos kept (StorageFull), creates the video, its shots and
 * its job, and writes the usage record, so simultaneous submissions at the edge of the quota or
 * the cap can never exceed it.
 */
export function submitRender(
  db: Db,
  userId: string,
  screenplayId: string,
  model: string,
  now = Date.now(),
  /** Mail the owner when it is done or failed (the render bar's "Email me when it's ready"). */
  notifyWhenReady = false,
): Video {
  return db.transaction((tx) => insertRender(tx, userId, screenplayId, model, now, undefined, notifyWhenReady), {
    behavior: 'immediate',
  })
}

/** What a variant was made with beyond its screenplay (src/variants): its set, and its tone and music. */
export type VariantOf = {
  groupId: string
  position: number
  tone: string | null
  music: string | null
  /** Where in the brief's named track the variant's music starts (ms), when planned; else null. */
  musicStartMs?: number | null
}

/**
 * submitRender's checks and writes, inside a write transaction the caller holds (BEGIN IMMEDIATE),
 * so several renders that must start together (variants) pass or fail as one.
 */
export function insertRender(
  tx: Pick<Db, 'select' | 'insert'>,
  userId: string,
  screenplayId: string,
  model: string,
  now: number,
  variant?: VariantOf,
  notifyWhenReady = false,
): Video {
  const row = tx
    .select({ screenplay: screenplays, brief: briefs, plan: users.plan, confirmedAt: users.emailConfirmedAt })
    .from(screenplays)
    .innerJoin(briefs, eq(briefs.id, screenplays.briefId))
    .innerJoin(users, eq(users.id, screenplays.userId))
    .where(and(eq(screenplays.id, screenplayId), eq(screenplays.userId, userId)))
    .get()
  if (!row) throw new ScreenplayNotFound()
  if (row.confirmedAt === null) throw new EmailNotConfirmed()
  const screenplay = savedScreenplaySchema.parse(row.screenplay.body)

  const quota = allowance(tx, { id: userId, plan: row.plan }, now)
  if (quota.left <= 0) throw new QuotaExceeded(quota.used, quota.quota, quota.resetsAt)
  // Videos kept (finished or on their way) against the plan's storage cap.
  const full = storageRoom(tx, userId, { kind: 'videos' })
  if (full) throw full

  const video: Video = {
    id: randomUUID(),
    userId,
    briefId: row.brief.id,
    screenplayId,
    imageId: row.brief.imageId,
    title: row.brief.productName,
    aspectRatio: screenplay.aspectRatio,
    resolution: resolutionOf(briefSchema.parse(row.brief.data)),
    lengthSeconds: screenplay.lengthSeconds,
    status: 'queued',
    failureReason: null,
    failureCode: null,
    failureValues: null,
    stitchProgress: 0,
    outputBytes: null,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    notifyWhenReady,
    // The brand kit as it is now: a later change of the kit does not alter this render.
    brandKit: brandSnapshotJson(tx, userId),
    variantGroupId: variant?.groupId ?? null,
    variantPosition: variant?.position ?? null,
    variantTone: variant?.tone ?? null,
    variantMusic: variant?.music ?? null,
    variantMusicStartMs: variant?.musicStartMs ?? null,
  }
  tx.insert(videos).values(video).run()
  tx.insert(videoShots)
    .values(
      screenplay.shots.map((shot) => ({
        id: randomUUID(),
        videoId: video.id,
        position: shot.index,
        prompt: shot.prompt,
        caption: shot.caption,
        durationSeconds: shot.durationSeconds,
        camera: shot.camera,
        transition: shot.transition,
        status: 'queued' as const,
        updatedAt: now,
      })),
    )
    .run()
  tx.insert(renderJobs)
    .values({ id: randomUUID(), videoId: video.id, state: 'queued', createdAt: now, updatedAt: now })
    .run()
  // Timestamps and metadata only, as the privacy policy says.
  tx.insert(usageRecords)
    .values({
      id: randomUUID(),
      userId,
      videoId: video.id,
      shots: screenplay.shots.length,
      seconds: screenplay.lengthSeconds,
      model,
      plan: row.plan,
      createdAt: now,
    })
    .run()
  return video
}
