import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { inArray } from 'drizzle-orm'
import { images } from '../../db/schema.js'
import type { Config } from '../config.js'
import type { Db } from '../db.js'
import { type LibtvSimulator, type SimulatorOptions, startLibtvSimulator } from '../libtv/simulator/index.js'
import { FRAMED_INFIX } from '../storage.js'

/** Where the built-in simulator keeps the clips it renders: on the data disk, swept (below). */
export function simulatorDir(dataDir: string): string {
  return path.join(dataDir, 'libtv-simulator')
}

/**
 * The built-in LibTV simulator as the app runs it when no keys are configured. It stands in for a
 * remote service, so it knows nothing of accounts: what it keeps follows LibTV's retention (7 days)
 * and the operator's hook given here, which says which source photos (by content hash, the same as
 * images.sha256) are still stored. A photo deleted with its brief or its account, here or by the
 * admin CLI in another process, takes the clips and covers made from it at the next sweep (a minute).
 */
export function startBuiltInSimulator(
  config: Config,
  db: Db,
  overrides: SimulatorOptions = {},
): Promise<LibtvSimulator> {
  return startLibtvSimulator({
    host: '127.0.0.1',
    port: 0,
    accessKey: config.libtv.accessKey,
    secretKey: config.libtv.secretKey,
    ...overrides,
    render: { ffmpegPath: config.libtv.ffmpegPath, cacheDir: simulatorDir(config.dataDir), ...overrides.render },
    retention: { heldImages: heldImagesOf(db, config.dataDir), ...overrides.retention },
  })
}

/**
 * The hook: a shot's start frame is a stored photo, or (since videos are framed per shape,
 * src/render/framing.ts) one of its framings kept beside it, which goes with the photo. Framings
 * are hashed from their files, each once while it is unchanged.
 */
function heldImagesOf(db: Db, dataDir: string) {
  let known = new Map<string, string>() // path + size + mtime → sha256, as of the last sweep
  return (hashes: string[]): Set<string> => {
    const held = storedImageHashes(db, hashes)
    if (held.size === hashes.length) return held
    const framings = new Set<string>()
    const seen = new Map<string, string>()
    const users = path.join(dataDir, 'users')
    for (const user of fs.existsSync(users) ? fs.readdirSync(users) : []) {
      const dir = path.join(users, user, 'images')
      for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
        if (!name.includes(FRAMED_INFIX)) continue
        const file = path.join(dir, name)
        const stat = fs.statSync(file, { throwIfNoEntry: false })
        if (!stat) continue
        const key = `${file}:${stat.size}:${stat.mtimeMs}`
        let sha = known.get(key)
        if (!sha) {
          sha = createHash('sha256').update(fs.readFileSync(file)).digest('hex')
        }
        seen.set(key, sha)
        framings.add(sha)
      }
    }
    known = seen
    for (const hash of hashes) if (framings.has(hash)) held.add(hash)
    return held
  }
}

/** Which of these content hashes a stored photo (of anyone) still has. */
export function storedImageHashes(db: Db, hashes: string[]): Set<string> {
  const held = new Set<string>()
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = db
      .selectDistinct({ sha256: images.sha256 })
      .from(images)
      .where(inArray(images.sha256, hashes.slice(i, i + 500)))
      .all()
    for (const row of rows) held.add(row.sha256)
  }
  return held
}
