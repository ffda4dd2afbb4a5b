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
}

export type ShotView = {
  position: number
  caption: string
  durationSeconds: number
  status: ShotStatus
  percent: number
  failureReason: string | null
}
