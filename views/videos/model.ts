import type { AspectRatio, ShotStatus, VideoStatus } from '../../db/states.js'

// What the video pages are handed: plain data (a subset of the stored video), no rows or services.

export type VideoView = {
  id: string
  briefId: string
  title: string
  status: VideoStatus
  failureReason: string | null
  aspectRatio: AspectRatio
  lengthSeconds: number
  stitchProgress: number
  outputBytes: number | null
  createdAt: number
  finishedAt: number | null
  /** The set of variants it belongs to (src/variants), if any: its page links to their compare page. */
  variantGroupId?: string | null
  /** A library track's credit, as its licence asks (docs/music.md#the-operators-library). */
  musicCredit?: string | null
}

export type ShotView = {
  position: number
  caption: string
  durationSeconds: number
  status: ShotStatus
  percent: number
  failureReason: string | null
  /** A frame of the finished shot can be shown (/videos/:id/shots/:position.jpg). */
  thumbnail?: boolean
}

/** Where the video stands against the monthly quota. */
export type VideoQuotaView = {
  /** It counts (its usage record is not voided). */
  counted: boolean
  /** Canceling it now would still count: LibTV has accepted one of its shots. */
  cancelCounts: boolean
}
