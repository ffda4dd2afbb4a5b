import fs from 'node:fs'
import path from 'node:path'

/**
 * Everything a person owns on disk lives under DATA_DIR/users/<userId>/, so deleting an
 * account removes one folder. Names inside are content hashes or random ids, never anything
 * a user typed.
 */
export function userDir(dataDir: string, userId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(userId)) throw new Error('not a user id')
  return path.join(dataDir, 'users', userId)
}

/** Writes to a temporary name and renames, so a crash never leaves half a file in place. */
export async function writeFileAtomic(file: string, bytes: Uint8Array): Promise<void> {
  await fs.promises.mkdir(path.dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`
  try {
    await fs.promises.writeFile(temp, bytes)
    await fs.promises.rename(temp, file)
  } catch (err) {
    await fs.promises.rm(temp, { force: true })
    throw err
  }
}

/** A product photo, stored under its content hash: the re-encoded JPEG and its WebP thumbnail. */
export const FRAMED_INFIX = '.framed-'

export function imagePaths(dataDir: string, userId: string, sha256: string) {
  const dir = path.join(userDir(dataDir, userId), 'images')
  return {
    full: path.join(dir, `${sha256}.jpg`),
    thumbnail: path.join(dir, `${sha256}.thumb.webp`),
    /** The photo cropped for one video shape and size (src/render/framing.ts), made once and kept. */
    framed: (aspect: string, resolution: string) =>
      path.join(dir, `${sha256}${FRAMED_INFIX}${aspect.replace(':', 'x')}-${resolution}.jpg`),
    /** Whether a file name in the folder is one of this photo's framings (removed with the photo). */
    isFraming: (name: string) => name.startsWith(`${sha256}${FRAMED_INFIX}`),
  }
}

/** The brand kit's logo, a PNG under its content hash: DATA_DIR/users/<user>/brand/<sha256>.png. */
export function brandLogoPath(dataDir: string, userId: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('not a sha256')
  return path.join(userDir(dataDir, userId), 'brand', `${sha256}.png`)
}

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

/** A person's own music track (src/tracks), re-encoded to AAC: DATA_DIR/users/<user>/tracks/<id>.m4a. */
export function trackPath(dataDir: string, userId: string, trackId: string): string {
  if (!/^[0-9a-f-]{36}$/.test(trackId)) throw new Error('not a track id')
  return path.join(userDir(dataDir, userId), 'tracks', `${trackId}.m4a`)
}

export async function removeUserFiles(dataDir: string, userId: string): Promise<void> {
  // A render of theirs still finishing may add a file while the folder goes (ENOTEMPTY): retry.
  await fs.promises.rm(userDir(dataDir, userId), { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })
}

/** Bytes an unprivileged process may still write on the file system that holds `dir`. */
export async function freeDiskBytes(dir: string): Promise<number> {
  const stats = await fs.promises.statfs(dir)
  return stats.bavail * stats.bsize
}

/**
 * Where uploads are streamed while they arrive (DATA_DIR/tmp): on the data disk, never in memory.
 * Each file is removed when its request ends; what a crash leaves is swept at start-up.
 */
export function uploadTempDir(dataDir: string): string {
  return path.join(dataDir, 'tmp')
}

/** Removes every leftover upload; called at start-up, before the server takes requests. */
export async function sweepUploadTemp(dataDir: string): Promise<void> {
  const dir = uploadTempDir(dataDir)
  await fs.promises.rm(dir, { recursive: true, force: true })
  await fs.promises.mkdir(dir, { recursive: true })
}

// The landing's example video (src/home/example.ts makes it): a copy of its finished render.
/** Where the landing serves the example from: a copy of the finished render, under DATA_DIR. */
export function exampleFiles(dataDir: string) {
  const dir = path.join(dataDir, 'example')
  return { dir, video: path.join(dir, 'video.mp4'), poster: path.join(dir, 'poster.jpg') }
}

/** What the landing shows of the example: the published video, or null for the still. */
export type ExampleView = { video: string; poster: string } | null

/** Read when the landing is rendered: a stat and a 36-byte file, not on every request. */
export function exampleView(dataDir: string): ExampleView {
  const files = exampleFiles(dataDir)
  if (!fs.existsSync(files.video)) return null
  let version = ''
  try {
    version = fs.readFileSync(path.join(files.dir, 'source'), 'utf8').slice(0, 8)
  } catch {}
  const v = version ? `?v=${encodeURIComponent(version)}` : ''
  return { video: `/example/video.mp4${v}`, poster: `/example/poster.jpg${v}` }
}
