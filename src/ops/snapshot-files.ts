import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/**
 * The user files part of a snapshot: everything under DATA_DIR/users/ (photos, finished videos,
 * posters), copied into the snapshot folder at the same relative path. A file that has not changed
 * since the previous snapshot is a hard link to that snapshot's copy, so a day's snapshot costs the
 * space of the day's new files only. Snapshots never link to the live files: the app may replace
 * those, and a snapshot must not change with them.
 */

/** One file in a snapshot: its path relative to DATA_DIR (always with '/'), as the manifest lists it. */
export type FileEntry = { path: string; bytes: number; mtimeMs: number; sha256: string }

export type FileCopyStats = { files: number; bytes: number; copied: number; linked: number }

/** Half-written files the app renames into place when complete (storage.ts, stitch, downloads). */
const UNFINISHED = /\.(tmp|part)$/

/**
 * The paths a snapshot holds: files under users/<id>/ whose names are the app's own (hashes, ids,
 * fixed names; never hidden, never '..'). Manifests read back (perhaps from the bucket) are held to
 * the same rule, so a restore can never write outside the user folders.
 */
export const USER_FILE_PATH = /^users\/[0-9a-f-]{36}(\/[A-Za-z0-9_][A-Za-z0-9._-]*)+$/

/** Relative paths (with '/') of every finished regular file under DATA_DIR/users, sorted. */
export async function listUserFiles(dataDir: string): Promise<string[]> {
  const found: string[] = []
  const walk = async (dir: string, rel: string): Promise<void> => {
    let entries: fs.Dirent[]
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true })
    } catch (err) {
      // A folder deleted while we walk (an account or a video being deleted) is simply not there.
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return
      throw err
    }
    for (const entry of entries) {
      const childRel = `${rel}/${entry.name}`
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), childRel)
      else if (entry.isFile() && !UNFINISHED.test(entry.name) && USER_FILE_PATH.test(childRel)) found.push(childRel)
    }
  }
  await walk(path.join(dataDir, 'users'), 'users')
  return found.sort()
}

/** The user id in an entry's path (users/<id>/…). */
export function fileOwner(relPath: string): string | undefined {
  return /^users\/([^/]+)\//.exec(relPath)?.[1]
}

/** A pass-through stream that hashes and counts what flows through it. */
export function hashingTap(): { stream: Transform; digest: () => { sha256: string; bytes: number } } {
  const hash = createHash('sha256')
  let bytes = 0
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      bytes += chunk.length
      done(null, chunk)
    },
  })
  return { stream, digest: () => ({ sha256: hash.digest('hex'), bytes }) }
}

export async function sha256File(file: string): Promise<{ sha256: string; bytes: number }> {
  const tap = hashingTap()
  await pipeline(fs.createReadStream(file), tap.stream, async (hashed: AsyncIterable<Buffer>) => {
    for await (const _chunk of hashed) {
      // Only read through: the tap hashes and counts as the bytes pass.
    }
  })
  return tap.digest()
}

/**
 * Copies `from` to `to` (a new file, flushed to disk) and returns the hash of the bytes written and
 * the source's stat as opened, so the entry describes exactly the copy even if the source is
 * replaced meanwhile. The copy keeps the source's mtime.
 */
export async function copyWithHash(
  from: string,
  to: string,
): Promise<{ sha256: string; bytes: number; mtimeMs: number }> {
  const source = await fs.promises.open(from, 'r')
  try {
    const stat = await source.stat()
    const tap = hashingTap()
    await fs.promises.mkdir(path.dirname(to), { recursive: true })
    await pipeline(source.createReadStream({ autoClose: false }), tap.stream, fs.createWriteStream(to, { flags: 'wx' }))
    const target = await fs.promises.open(to, 'r+')
    try {
      await target.sync()
      await target.utimes(stat.atime, stat.mtime)
    } finally {
      await target.close()
    }
    return { ...tap.digest(), mtimeMs: stat.mtimeMs }
  } finally {
    await source.close()
  }
}

/** Hard-links `existing` at `to` if it is still there with the expected size; false when it cannot. */
async function linkIfIntact(existing: string, to: string, bytes: number): Promise<boolean> {
  try {
    const stat = await fs.promises.stat(existing)
    if (!stat.isFile() || stat.size !== bytes) return false
    await fs.promises.mkdir(path.dirname(to), { recursive: true })
    await fs.promises.link(existing, to)
    return true
  } catch (err) {
    // Gone, another file system (a BACKUP_DIR elsewhere), or too many links: copy instead.
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EXDEV' || code === 'EMLINK' || code === 'EPERM') return false
    throw err
  }
}

export type PreviousSnapshot = { dir: string; files: FileEntry[] }

/**
 * Copies every user file into `snapshotDir` at the same relative path. Unchanged since `previous`
 * (same path, size and mtime): a hard link to the previous copy, without reading the file. Changed
 * or new: copied and hashed; when the content turns out to be one the previous snapshot already
 * holds (same SHA-256), the copy is swapped for a link to it.
 */
export async function copyUserFiles(
  dataDir: string,
  snapshotDir: string,
  previous: PreviousSnapshot | null,
): Promise<{ entries: FileEntry[]; stats: FileCopyStats }> {
  const byPath = new Map(previous?.files.map((f) => [f.path, f]))
  const byHash = new Map(previous?.files.map((f) => [f.sha256, f]))
  const entries: FileEntry[] = []
  const stats: FileCopyStats = { files: 0, bytes: 0, copied: 0, linked: 0 }
  for (const rel of await listUserFiles(dataDir)) {
    const live = path.join(dataDir, rel)
    const target = path.join(snapshotDir, rel)
    let entry: FileEntry
    const before = byPath.get(rel)
    const stat = await fs.promises.stat(live).catch(() => undefined)
    if (!stat) continue // deleted since the walk
    if (
      previous &&
      before &&
      before.bytes === stat.size &&
      before.mtimeMs === stat.mtimeMs &&
      (await linkIfIntact(path.join(previous.dir, rel), target, before.bytes))
    ) {
      entry = before
      stats.linked++
    } else {
      let copy: Awaited<ReturnType<typeof copyWithHash>>
      try {
        copy = await copyWithHash(live, target)
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue
        throw err
      }
      entry = { path: rel, bytes: copy.bytes, mtimeMs: copy.mtimeMs, sha256: copy.sha256 }
      const same = byHash.get(copy.sha256)
      const swap = `${target}.link`
      if (previous && same && (await linkIfIntact(path.join(previous.dir, same.path), swap, copy.bytes))) {
        await fs.promises.rename(swap, target)
        stats.linked++
      } else {
        stats.copied++
      }
    }
    entries.push(entry)
    stats.files++
    stats.bytes += entry.bytes
  }
  return { entries, stats }
}
