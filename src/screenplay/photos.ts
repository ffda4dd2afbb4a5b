import type { PhotoRole } from '../../db/states.js'
import type { BeatKind } from './schema.js'

/** A brief's photo as the screenplay sees it: an id and what it shows, in the person's order. */
export type ShotPhoto = { imageId: string; role: PhotoRole }

// The role a beat wants its photo to show; the hero (first) and end (last) shots want the main photo.
const wantedRole: Partial<Record<BeatKind, PhotoRole>> = {
  detail: 'detail',
  lifestyle: 'in-use',
  unboxing: 'packaging',
  reveal: 'main',
}

/**
 * Gives each shot the imageId of one of the brief's photos: the hero and end shots the main
 * photo, a beat with a wanted role the photo of that role, any other shot the photo used least so
 * far (the person's order breaks ties), and never the same photo twice in a row when there is
 * another (with only two photos they alternate, so an even-numbered end shot shows the second). Pure: the same shots and photos give the same answer, so the same brief, seed and
 * photos give the same screenplay.
 */
export function assignPhotos<S extends { beat: BeatKind }>(
  shots: readonly S[],
  photos: readonly ShotPhoto[],
): (S & { imageId?: string })[] {
  if (photos.length === 0) return shots.map((shot) => ({ ...shot }))
  const main = photos.find((photo) => photo.role === 'main') ?? (photos[0] as ShotPhoto)
  const last = shots.length - 1
  if (photos.length === 2) {
    // Two photos: only alternating never repeats; the main one opens (and closes when the count is odd).
    const other = photos.find((photo) => photo !== main) as ShotPhoto
    return shots.map((shot, i) => ({ ...shot, imageId: (i % 2 === 0 ? main : other).imageId }))
  }
  const byRole = (role: PhotoRole | undefined) => photos.find((photo) => photo.role === role)
  // First the shots whose photo the beat decides; null: any photo will do.
  const chosen: (string | null)[] = shots.map((shot, i) =>
    i === 0 || i === last ? main.imageId : (byRole(wantedRole[shot.beat])?.imageId ?? null),
  )
  const uses = new Map(photos.map((photo) => [photo.imageId, 0]))
  for (const id of chosen) if (id) uses.set(id, (uses.get(id) ?? 0) + 1)
  const leastUsed = (avoid: ReadonlySet<string | null | undefined>) => {
    const open = photos.filter((photo) => !avoid.has(photo.imageId))
    const pool = open.length > 0 ? open : photos
    let best = pool[0] as ShotPhoto
    for (const photo of pool) if ((uses.get(photo.imageId) ?? 0) < (uses.get(best.imageId) ?? 0)) best = photo
    uses.set(best.imageId, (uses.get(best.imageId) ?? 0) + 1)
    return best.imageId
  }
  // Then the rest, in order, each different from both neighbours where it can be.
  for (let i = 0; i < chosen.length; i++) {
    if (chosen[i] !== null) continue
    chosen[i] = leastUsed(new Set([chosen[i - 1], chosen[i + 1]]))
  }
  // A repeat left (two detail beats in a row, one detail photo): with three photos or more a
  // middle shot can always take one that differs from both its neighbours.
  const differs = (at: number) => photos.find((p) => p.imageId !== chosen[at - 1] && p.imageId !== chosen[at + 1])
  for (let i = 1; i < chosen.length; i++) {
    if (chosen[i] !== chosen[i - 1] || photos.length < 2) continue
    for (const at of [i, i - 1].filter((at) => at > 0 && at < last)) {
      const other = differs(at)
      if (other) {
        chosen[at] = other.imageId
        break
      }
    }
  }
  return shots.map((shot, i) => ({ ...shot, imageId: chosen[i] as string }))
}

/**
 * The photo a shot is shown and rendered with: its own when it is still one of the brief's
 * photos, else the main photo (a photo removed from the brief after the screenplay was written).
 */
export function photoOfShot(shot: { imageId?: string | undefined }, photos: readonly ShotPhoto[]): string | undefined {
  if (shot.imageId && photos.some((photo) => photo.imageId === shot.imageId)) return shot.imageId
  return (photos.find((photo) => photo.role === 'main') ?? photos[0])?.imageId
}
