import fs from 'node:fs'
import path from 'node:path'
import { and, eq, inArray } from 'drizzle-orm'
import { type BrandKitRow, brandKits, videos } from '../../db/schema.js'
import { activeVideoStatuses } from '../../db/states.js'
import { storageRoom } from '../accounts/storage-caps.js'
import type { Db } from '../db.js'
import { type CaptionFace, isCaptionFace } from '../formats/fonts.js'
import { brandLogoPath, userDir, writeFileAtomic } from '../storage.js'
import { processLogo } from './logo.js'
import { parseSnapshot } from './snapshot.js'

/** A brand kit as the pages and the API see it; an account that never saved one has the defaults. */
export interface BrandKit {
  primaryColor: string | null
  accentColor: string | null
  font: CaptionFace
  /** A website or shop handle shown on the end card. */
  handle: string | null
  /** A small logo in a corner of the shots (off by default). */
  cornerLogo: boolean
  logo: { sha256: string; width: number; height: number; bytes: number } | null
  updatedAt: number | null
}

export type BrandSettings = Pick<BrandKit, 'primaryColor' | 'accentColor' | 'font' | 'handle' | 'cornerLogo'>

export const DEFAULT_SETTINGS: BrandSettings = {
  primaryColor: null,
  accentColor: null,
  font: 'sans',
  handle: null,
  cornerLogo: false,
}

function kitOf(row: BrandKitRow | undefined): BrandKit {
  if (!row) return { ...DEFAULT_SETTINGS, logo: null, updatedAt: null }
  return {
    primaryColor: row.primaryColor,
    accentColor: row.accentColor,
    font: isCaptionFace(row.font) ? row.font : 'sans',
    handle: row.handle,
    cornerLogo: row.cornerLogo,
    logo:
      row.logoSha256 && row.logoWidth && row.logoHeight
        ? { sha256: row.logoSha256, width: row.logoWidth, height: row.logoHeight, bytes: row.logoBytes ?? 0 }
        : null,
    updatedAt: row.updatedAt,
  }
}

export function brandKitOf(db: Pick<Db, 'select'>, userId: string): BrandKit {
  return kitOf(db.select().from(brandKits).where(eq(brandKits.userId, userId)).get())
}

/** Replaces the kit's settings (not its logo). */
export function saveBrandSettings(db: Db, userId: string, settings: BrandSettings, now = Date.now()): BrandKit {
  db.insert(brandKits)
    .values({ userId, ...settings, updatedAt: now })
    .onConflictDoUpdate({ target: brandKits.userId, set: { ...settings, updatedAt: now } })
    .run()
  return brandKitOf(db, userId)
}

/**
 * Checks, re-encodes and stores a logo (src/brand/logo.ts), replacing the kit's logo. Throws
 * LogoRejected for a file that is not acceptable and StorageFull when the plan's photo
 * megabytes have no room for it (the old logo's bytes are freed by the new one).
 */
export async function saveBrandLogo(
  db: Db,
  dataDir: string,
  userId: string,
  bytes: Buffer,
  now = Date.now(),
): Promise<BrandKit> {
  const logo = await processLogo(bytes)
  const full = storageRoom(db, userId, { kind: 'logo', bytes: logo.png.length })
  if (full) throw full
  await writeFileAtomic(brandLogoPath(dataDir, userId, logo.sha256), logo.png)
  const set = {
    logoSha256: logo.sha256,
    logoWidth: logo.width,
    logoHeight: logo.height,
    logoBytes: logo.png.length,
    updatedAt: now,
  }
  db.transaction(
    (tx) => {
      // Checked again where it is written: two uploads at the edge of the cap cannot both pass.
      const again = storageRoom(tx, userId, { kind: 'logo', bytes: logo.png.length })
      if (again) throw again
      tx.insert(brandKits)
        .values({ userId, ...DEFAULT_SETTINGS, ...set })
        .onConflictDoUpdate({ target: brandKits.userId, set })
        .run()
    },
    { behavior: 'immediate' },
  )
  await removeUnusedLogos(db, dataDir, userId)
  return brandKitOf(db, userId)
}

export async function removeBrandLogo(db: Db, dataDir: string, userId: string, now = Date.now()): Promise<BrandKit> {
  db.update(brandKits)
    .set({ logoSha256: null, logoWidth: null, logoHeight: null, logoBytes: null, updatedAt: now })
    .where(eq(brandKits.userId, userId))
    .run()
  await removeUnusedLogos(db, dataDir, userId)
  return brandKitOf(db, userId)
}

/**
 * Removes logo files nobody uses: neither the kit's logo nor one a render on its way took with
 * its snapshot (those stay until a later change of logo finds them unused).
 */
async function removeUnusedLogos(db: Db, dataDir: string, userId: string): Promise<void> {
  const keep = new Set<string>()
  const current = brandKitOf(db, userId).logo
  if (current) keep.add(current.sha256)
  const rendering = db
    .select({ brandKit: videos.brandKit })
    .from(videos)
    .where(and(eq(videos.userId, userId), inArray(videos.status, activeVideoStatuses)))
    .all()
  for (const { brandKit } of rendering) {
    const logo = parseSnapshot(brandKit)?.logoSha256
    if (logo) keep.add(logo)
  }
  const dir = path.join(userDir(dataDir, userId), 'brand')
  const names = await fs.promises.readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    const sha = name.replace(/\.png$/, '')
    if (/^[0-9a-f]{64}\.png$/.test(name) && !keep.has(sha)) await fs.promises.rm(path.join(dir, name), { force: true })
  }
}
