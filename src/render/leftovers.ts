import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { users, videos } from '../../db/schema.js'
import { isVideoFinished } from '../../db/states.js'
import type { Db } from '../db.js'
import { userDir, videoPaths } from '../storage.js'

type Deps = { db: Pick<Db, 'select'>; dataDir: string }

/**
 * Removes what a render left on disk that nobody may use any more, once every writer of that
 * render has settled (so nothing can write it back): the person's folder if the account is gone,
 * the video's folder if the video was deleted, failed or canceled (nothing of it is served any
 * more), the clips of a done video (its MP4 is verified and nothing re-stitches). An unfinished
 * video keeps everything: a resumed render skips the clips already downloaded.
 */
export async function removeLeftovers(deps: Deps, userId: string, videoId: string): Promise<void> {
  const { db, dataDir } = deps
  if (!db.select({ id: users.id }).from(users).where(eq(users.id, userId)).get()) {
    await fs.promises.rm(userDir(dataDir, userId), { recursive: true, force: true })
    return
  }
  const video = db.select({ status: videos.status }).from(videos).where(eq(videos.id, videoId)).get()
  if (!video || video.status === 'failed' || video.status === 'canceled')
    await removeVideoFolder(dataDir, userId, videoId)
  else if (video.status === 'done')
    await fs.promises.rm(clipsDir(dataDir, userId, videoId), { recursive: true, force: true })
}

/** A video's whole folder (clips, video, poster, half-written parts). */
export async function removeVideoFolder(dataDir: string, userId: string, videoId: string): Promise<boolean> {
  try {
    // A download or ffmpeg still finishing may add a file while the folder is being removed
    // (ENOTEMPTY): try again a few times.
    await fs.promises.rm(videoPaths(dataDir, userId, videoId).dir, {
      recursive: true,
      force: true,
      maxRetries: 5,
      retryDelay: 50,
    })
    return true
  } catch (err) {
    // Still busy: the worker removes the folder once it has stopped (removeLeftovers), so a cancel
    // or a delete never fails on it.
    if (['ENOTEMPTY', 'EBUSY', 'EPERM'].includes((err as NodeJS.ErrnoException).code ?? '')) return false
    throw err
  }
}

/**
 * At the worker's start: what a process that died between a video's end and its clean-up left
 * behind. Walks the video folders on disk (after this clean-up only done videos have one, holding
 * two files) and applies removeLeftovers to each whose video is no longer rendering.
 */
export async function sweepFinishedVideoFolders(deps: Deps): Promise<number> {
  let swept = 0
  const usersDir = path.join(deps.dataDir, 'users')
  for (const userId of await subfolders(usersDir)) {
    const videosDir = path.join(usersDir, userId, 'videos')
    for (const videoId of await subfolders(videosDir)) {
      if (!isId(userId) || !isId(videoId)) continue
      const video = deps.db.select({ status: videos.status }).from(videos).where(eq(videos.id, videoId)).get()
      if (video && !isVideoFinished(video.status)) continue
      if (video?.status === 'done' && !fs.existsSync(clipsDir(deps.dataDir, userId, videoId))) continue
      await removeLeftovers(deps, userId, videoId)
      swept++
    }
  }
  return swept
}

function clipsDir(dataDir: string, userId: string, videoId: string): string {
  return path.dirname(videoPaths(dataDir, userId, videoId).clip(1))
}

const isId = (name: string) => /^[0-9a-f-]{36}$/.test(name)

async function subfolders(dir: string): Promise<string[]> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true }).catch(() => [])
  return entries.filter((e) => e.isDirectory()).map((e) => e.name)
}
