import { type FixedMusicChoice, type MusicChoice, type MusicVolume, musicChoices } from '../../db/states.js'
import { hashText } from '../screenplay/random.js'
import type { Tone } from '../screenplay/tones.js'
import { ambientBed } from './ambient.js'
import { compose } from './compose.js'
import { type AudioFile, fitToLength } from './fit.js'
import { type Bed, mixBed } from './mix.js'
import { type MusicTools, renderSong } from './render.js'
import { FRAME_MS, partStartMs, snapStartMs, trackLevels } from './sections.js'
import { type TrackId, tracks, tracksOf } from './tracks.js'

/** Music under a video: composed by our code, played by fluidsynth, mixed to a loudness target. */

export { type AudioFile, LOOP_CROSSFADE_SECONDS, MIN_TRACK_SECONDS } from './fit.js'
export { findLibraryTrack, type LibraryLog, type LibraryTrack, libraryTracks } from './library.js'
export { LOUDNESS } from './mix.js'
export { DEFAULT_SOUNDFONT, type MusicTools, musicCacheDir } from './render.js'
export { partStartMs } from './sections.js'
export { type TrackId, trackIds, tracks } from './tracks.js'

export interface MusicRequest {
  music: MusicChoice
  volume: MusicVolume
  tone: Tone
  /** Seeds "auto": each video its own variation, the same one every time it is stitched. */
  videoId: string
  /**
   * The recorded track an own (`track:`) or library (`library:`) choice plays, found by the caller
   * (which knows the owner and MUSIC_DIR); null when it is gone (the video gets the silent track).
   */
  file?: AudioFile | null
  /**
   * A variant's part of a recorded track (src/variants): where it was planned to start (ms), or,
   * when its length was not known then (a library track), its place in the set to plan it from.
   */
  startMs?: number | null
  part?: { index: number; count: number } | null
  /** A variant's place in its set (1, 2…): a named built-in track plays another take from the 2nd on. */
  take?: number | null
}

export interface MusicBed extends Bed {
  /** The built-in track, or null for a recorded one. */
  trackId: TrackId | null
  /** Where in a recorded track the bed starts (ms), when not at its beginning: kept with the video. */
  startMs?: number
}

function isFixed(choice: MusicChoice): choice is FixedMusicChoice {
  return (musicChoices as readonly string[]).includes(choice)
}

/** Which built-in track, with which seed, a request plays; null for "none" and recorded tracks. */
export function chooseTrack(
  request: Pick<MusicRequest, 'music' | 'tone' | 'videoId' | 'take'>,
): { trackId: TrackId; seed: string } | null {
  if (request.music === 'none' || !isFixed(request.music)) return null
  if (request.music !== 'auto') {
    // A variant after the first: the same track (instruments, tempo, key, chords, grooves) with
    // another melody. It is composed to the video's length, so it has no later part to start from.
    const take = request.take && request.take > 1 ? `:take-${request.take}` : ''
    return { trackId: request.music, seed: `${tracks[request.music].seed}${take}` }
  }
  const choices = tracksOf(request.tone)
  const trackId = choices[hashText(`music:${request.videoId}`) % choices.length] as TrackId
  return { trackId, seed: `${tracks[trackId].seed}:${request.videoId}` }
}

/**
 * The music bed for a video `seconds` long, ready to be copied into its MP4 (cached: the same
 * request and length are composed, rendered and mixed once); null when the brief asks for none.
 * With `ambient` (the clips' own sound on the video's timeline, a WAV) it is mixed under the
 * music, or plays alone under "none" (ambient.ts); that bed is the video's own, beside the WAV.
 */
export async function musicBed(
  tools: MusicTools,
  request: MusicRequest,
  seconds: number,
  signal?: AbortSignal,
  ambient?: string | null,
): Promise<MusicBed | null> {
  const mix = (wav: string | null) =>
    ambient
      ? ambientBed(tools, wav, ambient, seconds, request.volume, signal)
      : wav
        ? mixBed(tools, wav, seconds, request.volume, signal)
        : Promise.resolve(null)
  if (!isFixed(request.music)) {
    // A recorded track: made the video's length, then mixed exactly as a composed song is.
    if (!request.file) throw new Error('the chosen track is gone')
    const startMs = await startOf(tools, request, request.file, seconds, signal)
    const wav = await fitToLength(tools, request.file, seconds, signal, startMs / 1000)
    const bed = await mix(wav)
    return bed && { ...bed, trackId: null, ...(startMs > 0 ? { startMs } : {}) }
  }
  const choice = chooseTrack(request)
  if (!choice) {
    const bed = await mix(null)
    return bed && { ...bed, trackId: null }
  }
  const track = tracks[choice.trackId]
  const song = compose({ mood: track.mood, bpm: track.bpm, tonic: track.tonic, seed: choice.seed, seconds })
  const wav = await renderSong(tools, song.smf, signal)
  const bed = await mix(wav)
  return bed && { ...bed, trackId: choice.trackId }
}

/**
 * Where a variant's part of a recorded track starts (ms): its planned start, or one planned now from
 * the track's length, moved onto a loud onset and never into silence (sections.ts); 0 for a video
 * that is not a later variant. The track must outlast the video from there.
 */
async function startOf(
  tools: MusicTools,
  request: MusicRequest,
  file: AudioFile,
  seconds: number,
  signal?: AbortSignal,
): Promise<number> {
  const planned = request.startMs ?? null
  if (!(planned && planned > 0) && !(request.part && request.part.index > 0)) return 0
  const levels = await trackLevels(tools, file, signal)
  const trackMs = levels.length * FRAME_MS
  const videoMs = Math.ceil(seconds * 1000)
  const nominal = planned ?? partStartMs(request.part?.index ?? 0, request.part?.count ?? 1, trackMs, videoMs)
  return nominal > 0 ? snapStartMs(levels, nominal, trackMs - videoMs) : 0
}
