import path from 'node:path'
import { userDir } from '../storage.js'

/** Where a video's files live: DATA_DIR/users/<user>/videos/<video>/… (names never come from users). */
export function videoPaths(dataDir: string, userId: string, videoId: string) {
  if (!/^[0-9a-f-]{36}$/.test(videoId)) throw new Error('not a video id')
  const dir = path.join(userDir(dataDir, userId), 'videos', videoId)
  return {
    dir,
    video: path.join(dir, 'video.mp4'),
    poster: path.join(dir, 'poster.jpg'),
    clip: (position: number) => path.join(dir, 'clips', `shot-${position}.mp4`),
  }
}
