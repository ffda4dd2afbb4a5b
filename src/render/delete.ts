import fs from 'node:fs'
import { and, eq } from 'drizzle-orm'
import { videos } from '../../db/schema.js'
import { isVideoFinished } from '../../db/states.js'
import type { Db } from '../db.js'
import { videoPaths } from '../storage.js'
import { cancelVideo } from './queue.js'

/**
 * Deletes one of the person's videos with its shots, job and files. A video still rendering is
 * canceled first, by the same rule as the Cancel button; its usage record stays as that rule left
 * it (deleting never refunds a render LibTV was paid for). False when it is not theirs.
 */
export async function deleteVideo(db: Db, dataDir: string, userId: string, videoId: string): Promise<boolean> {
  const video = db
    .select({ status: videos.status })
    .from(videos)
    .where(and(eq(videos.id, videoId), eq(videos.userId, userId)))
    .get()
  if (!video) return false
  if (!isVideoFinished(video.status)) cancelVideo(db, userId, videoId)
  db.delete(videos)
    .where(and(eq(videos.id, videoId), eq(videos.userId, userId)))
    .run()
  await fs.promises.rm(videoPaths(dataDir, userId, videoId).dir, { recursive: true, force: true })
  return true
}
