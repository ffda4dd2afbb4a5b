import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { brandKits } from '../../db/schema.js'
import type { Db } from '../db.js'
import { captionFaces } from '../formats/fonts.js'

/**
 * The brand kit as a render takes it at submission (videos.brand_kit, JSON): the render uses
 * this copy, so changing the kit later never alters a render on its way. The logo is named by
 * its content hash; its file stays while a render on its way names it (src/brand/kit.ts).
 */
const colour = z
  .string()
  .regex(/^#[0-9A-Fa-f]{6}$/)
  .nullable()
export const brandSnapshotSchema = z.object({
  primaryColor: colour,
  accentColor: colour,
  font: z.enum(captionFaces),
  handle: z.string().max(200).nullable(),
  cornerLogo: z.boolean(),
  logoSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
})
export type BrandSnapshot = z.infer<typeof brandSnapshotSchema>

/** The kit in effect now, as the JSON a video keeps; null when the account has none. */
export function brandSnapshotJson(db: Pick<Db, 'select'>, userId: string): string | null {
  const row = db.select().from(brandKits).where(eq(brandKits.userId, userId)).get()
  if (!row) return null
  const snapshot: BrandSnapshot = {
    primaryColor: row.primaryColor,
    accentColor: row.accentColor,
    font: row.font === 'serif' ? 'serif' : 'sans',
    handle: row.handle,
    cornerLogo: row.cornerLogo,
    logoSha256: row.logoSha256,
  }
  return JSON.stringify(snapshot)
}

/** A stored snapshot, or null for none (or one this version cannot read: the render goes unbranded). */
export function parseSnapshot(text: string | null | undefined): BrandSnapshot | null {
  if (!text) return null
  try {
    const parsed = brandSnapshotSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
