import fs from 'node:fs'
import { eq } from 'drizzle-orm'
import { users, videos } from '../../db/schema.js'
import type { Db } from '../db.js'
import { userDir, videoPaths } from '../storage.js'

/**
 * Removes what a render left on disk that nobody may use any more, once every writer of that
 * render has settled (so nothing can write it back): the person's folder if the account is gone,
 * the video's folder if the video was deleted, failed or canceled (nothing of it is served any more).
 */
export async function removeLeftovers(
  deps: { db: Pick<Db, 'select'>; dataDir: string },
  userId: string,
  videoId: string,
): Promise<void> {
  const { db, dataDir } = deps
  if (!db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) {
    await fs.promises.rm(userDir(dataDir, userId), { recursive: true, force: true })
    return
  }
  const video = db.select({ status: videos.status }).from(videos).where(eq(videos.id, videoId)).get()
  if (!video || video.status === 'failed' || video.status === 'canceled')
    await removeVideoFolder(dataDir, userId, videoId)
}

/** A video's whole folder (clips, video, poster, half-written parts). */
export async function removeVideoFolder(dataDir: string, userId: string, videoId: string): Promise<void> {
  await fs.promises.rm(videoPaths(dataDir, userId, videoId).dir, { recursive: true, force: true })
}
