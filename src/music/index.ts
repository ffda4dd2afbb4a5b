import type { MusicChoice, MusicVolume } from '../../db/states.js'
import { hashText } from '../screenplay/random.js'
import type { Tone } from '../screenplay/tones.js'
import { compose } from './compose.js'
import { type Bed, mixBed } from './mix.js'
import { type MusicTools, renderSong } from './render.js'
import { type TrackId, tracks, tracksOf } from './tracks.js'

/** Music under a video: composed by our code, played by fluidsynth, mixed to a loudness target. */

export { LOUDNESS } from './mix.js'
export { DEFAULT_SOUNDFONT, type MusicTools, musicCacheDir } from './render.js'
export { type TrackId, trackIds, tracks } from './tracks.js'

export interface MusicRequest {
  music: MusicChoice
  volume: MusicVolume
  tone: Tone
  /** Seeds "auto": each video its own variation, the same one every time it is stitched. */
  videoId: string
}

export interface MusicBed extends Bed {
  trackId: TrackId
}

/** Which track, with which seed, a request plays; null for "none". */
export function chooseTrack(request: Omit<MusicRequest, 'volume'>): { trackId: TrackId; seed: string } | null {
  if (request.music === 'none') return null
  if (request.music !== 'auto') return { trackId: request.music, seed: tracks[request.music].seed }
  const choices = tracksOf(request.tone)
  const trackId = choices[hashText(`music:${request.videoId}`) % choices.length] as TrackId
  return { trackId, seed: `${tracks[trackId].seed}:${request.videoId}` }
}

/**
 * The music bed for a video `seconds` long, ready to be copied into its MP4 (cached: the same
 * request and length are composed, rendered and mixed once); null when the brief asks for none.
 */
export async function musicBed(
  tools: MusicTools,
  request: MusicRequest,
  seconds: number,
  signal?: AbortSignal,
): Promise<MusicBed | null> {
  const choice = chooseTrack(request)
  if (!choice) return null
  const track = tracks[choice.trackId]
  const song = compose({ mood: track.mood, bpm: track.bpm, tonic: track.tonic, seed: choice.seed, seconds })
  const wav = await renderSong(tools, song.smf, signal)
  const bed = await mixBed(tools, wav, seconds, request.volume, signal)
  return { ...bed, trackId: choice.trackId }
}
