import { createHash } from 'node:crypto'
import { readdir, rm, stat } from 'node:fs/promises'
import path from 'node:path'

/**
 * LibTV keeps a task's result for 7 days (its result URLs expire then, docs/libtv.md#retention);
 * the simulator keeps nothing made from a photo longer: clips and covers on disk, tasks and
 * uploaded images in memory.
 */
export const RESULT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000

export type RetentionOptions = {
  /** How long a result (and an uploaded image) is kept. Default: LibTV's 7 days. */
  keepMs?: number
  /**
   * The operator's hook, given when the simulator is started: of these source images (SHA-256 hex
   * of a start frame's bytes), which does it still hold? Whatever was made from any other goes at
   * the next sweep, so nothing of a photo its owner deleted stays. Unset: only age counts.
   */
  heldImages?: (sha256s: string[]) => ReadonlySet<string> | Promise<ReadonlySet<string>>
  /** How often to sweep on a timer; 0 for never (sweep() by hand). Default: every minute. */
  sweepEveryMs?: number
}

/** The name a source image goes by: the SHA-256 (hex) of its bytes. */
export function imageHashOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

// A cached clip's files (and a render's temporary ones) are named after their source image first.
const SOURCE_PREFIX = /^([0-9a-f]{64})-/

/** The source images the files in the clip cache were made from. */
export async function cachedSources(cacheDir: string): Promise<Set<string>> {
  const names = await readdir(cacheDir).catch(() => [] as string[])
  return new Set(names.flatMap((name) => SOURCE_PREFIX.exec(name)?.[1] ?? []))
}

/**
 * Removes from the clip cache every file last used more than `keepMs` ago (by the file's time: a
 * cache hit renews it) and every file made from a source image `gone` names. Returns how many.
 */
export async function sweepClipCache(
  cacheDir: string,
  options: { keepMs: number; gone: (sha256: string) => boolean; now?: number },
): Promise<number> {
  const now = options.now ?? Date.now()
  const names = await readdir(cacheDir).catch(() => [] as string[])
  let removed = 0
  for (const name of names) {
    const file = path.join(cacheDir, name)
    const source = SOURCE_PREFIX.exec(name)?.[1]
    const info = await stat(file).catch(() => undefined)
    if (!info?.isFile()) continue
    if ((source !== undefined && options.gone(source)) || now - info.mtimeMs > options.keepMs) {
      await rm(file, { force: true })
      removed++
    }
  }
  return removed
}

/** What the simulator holds that came from photos: its tasks, its bucket's uploads, its clip cache. */
export type Retained = {
  tasks: Map<string, { createdAt: number; source: string }>
  bucket: () => { sources(): string[]; forget(drop: (file: { storedAt: number; source: string }) => boolean): number }
  cacheDir: string
}

/**
 * Sweeps what the simulator holds on a timer (and on demand): tasks and uploads past `keepMs` by the
 * simulator's clock, cache files past it by their file time, and all of any photo the operator's
 * hook no longer holds. A dropped task answers 100051 and its results 404 from then on.
 */
export function startRetention(
  retained: Retained,
  options: RetentionOptions & { now: () => number },
): { sweep(): Promise<number>; stop(): void } {
  const keepMs = options.keepMs ?? RESULT_RETENTION_MS
  const sweep = async (): Promise<number> => {
    const at = options.now()
    const bucket = retained.bucket()
    const sources = new Set([...(await cachedSources(retained.cacheDir)), ...bucket.sources()])
    for (const task of retained.tasks.values()) sources.add(task.source)
    const held = options.heldImages && sources.size > 0 ? await options.heldImages([...sources]) : undefined
    const gone = (source: string) => held !== undefined && !held.has(source)
    let removed = bucket.forget((file) => at - file.storedAt > keepMs || gone(file.source))
    for (const [id, task] of retained.tasks) {
      if (at - task.createdAt > keepMs || gone(task.source)) {
        retained.tasks.delete(id)
        removed++
      }
    }
    return removed + (await sweepClipCache(retained.cacheDir, { keepMs, gone }))
  }
  let running: Promise<number> | undefined
  const sweepOnce = () => {
    running ??= sweep().finally(() => {
      running = undefined
    })
    return running
  }
  const everyMs = options.sweepEveryMs ?? 60_000
  const timer = everyMs > 0 ? setInterval(() => void sweepOnce().catch(() => {}), everyMs) : undefined
  timer?.unref()
  return { sweep: sweepOnce, stop: () => clearInterval(timer) }
}
