import type { Image, Video, VideoShot } from '../../db/schema.js'
import type { ScreenplayVersion } from '../briefs/screenplays.js'
import type { SavedBrief } from '../briefs/service.js'
import { failureCodeOf } from '../render/reasons.js'
import { resolutionOf } from '../screenplay/brief.js'
import { iso, isoOrNull } from './openapi.js'

// Stored rows to the API's JSON: camelCase, ISO 8601 times in UTC, string ids, and the API's
// status words ("succeeded" where the database says "done").

export function imageJson(image: Image) {
  return { id: image.id, width: image.width, height: image.height, bytes: image.bytes, createdAt: iso(image.createdAt) }
}

export function briefJson(saved: SavedBrief) {
  return {
    id: saved.id,
    ...saved.brief,
    resolution: resolutionOf(saved.brief),
    preset: saved.brief.preset ?? 'custom',
    ambientSound: saved.brief.ambientSound ?? false,
    imageId: saved.image?.id ?? null,
    photos: saved.photos.map((photo) => ({ imageId: photo.image.id, role: photo.role })),
    createdAt: iso(saved.createdAt),
    updatedAt: iso(saved.updatedAt),
  }
}

export function screenplayJson(version: ScreenplayVersion) {
  const { variation, ...screenplay } = version.screenplay
  return {
    id: version.id,
    briefId: version.briefId,
    version: version.version,
    createdAt: iso(version.createdAt),
    ...screenplay,
    take: variation,
  }
}

const apiStatus = <S extends string>(status: S) =>
  (status === 'done' ? 'succeeded' : status) as Exclude<S, 'done'> | 'succeeded'

/** A video as GET /videos/{id} shows it; `origin` makes the file links absolute. */
export function videoJson(video: Video, shots: VideoShot[], origin: string) {
  const done = video.status === 'done'
  const base = `${origin}/api/v1/videos/${video.id}`
  return {
    id: video.id,
    status: apiStatus(video.status),
    failureReason: video.failureReason,
    failureCode: failureCodeOf(video),
    aspectRatio: video.aspectRatio,
    resolution: video.resolution,
    lengthSeconds: video.lengthSeconds,
    briefId: video.briefId,
    screenplayId: video.screenplayId,
    // The set "variants" made it in (src/variants); an ordinary video has none.
    variantGroupId: video.variantGroupId ?? null,
    shots: shots.map((shot) => ({
      position: shot.position,
      status: apiStatus(shot.status),
      percent: shot.status === 'done' ? 100 : shot.percent,
      caption: shot.caption,
    })),
    fileUrl: done ? `${base}/file` : null,
    posterUrl: done ? `${base}/poster` : null,
    createdAt: iso(video.createdAt),
    finishedAt: isoOrNull(video.finishedAt),
  }
}
