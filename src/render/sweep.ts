import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/**
 * Leftovers of a stitch that was killed with its process: caption text folders in the temp
 * directory and half-written `.video.mp4.<id>.part` files beside the outputs. Nothing is in
 * use at start-up, but only folders older than `olderThanMs` are removed, in case an old
 * process is still shutting down.
 */
export async function sweepStitchLeftovers(
  tempDir = os.tmpdir(),
  olderThanMs = 10 * 60 * 1000,
  now = Date.now(),
): Promise<number> {
  let removed = 0
  for (const name of await fs.promises.readdir(tempDir).catch(() => [] as string[])) {
    if (!name.startsWith('lumina-stitch-')) continue
    const full = path.join(tempDir, name)
    const stat = await fs.promises.stat(full).catch(() => undefined)
    if (stat?.isDirectory() && now - stat.mtimeMs > olderThanMs) {
      await fs.promises.rm(full, { recursive: true, force: true })
      removed++
    }
  }
  return removed
}

/** Half-written outputs of an interrupted stitch in one video folder (the next stitch starts clean). */
export async function removePartFiles(videoDir: string): Promise<void> {
  for (const name of await fs.promises.readdir(videoDir).catch(() => [] as string[])) {
    if (name.startsWith('.') && name.endsWith('.part')) await fs.promises.rm(path.join(videoDir, name), { force: true })
  }
}
