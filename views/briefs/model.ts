import type { PhotoRole } from '../../db/states.js'
import type { Brief } from '../../src/screenplay/brief.js'

// What the brief pages are handed: plain data, no database rows or services.

export type PhotoView = { id: string; width: number; height: number }

/** A saved brief as the pages show it. */
export type BriefView = {
  id: string
  brief: Brief
  /** The main photo. */
  image: PhotoView | null
  /** Every photo, in the person's order, with what it shows. */
  photos?: readonly { image: PhotoView; role: PhotoRole }[]
  updatedAt: number
}

/** What a card in the list of briefs shows. */
export type BriefCardView = Pick<BriefView, 'id' | 'updatedAt'> &
  Pick<Brief, 'productName' | 'aspectRatio' | 'lengthSeconds'> & { imageId: string | null }

/** What of the brief a screenplay no longer matches (src/briefs/drafts.ts briefMismatch). */
export type MismatchView = { aspectRatio: Brief['aspectRatio']; lengthSeconds: number; changes: string[] }
