import { type MusicTrackId, musicTrackIds } from '../../db/states.js'
import type { Tone } from '../screenplay/tones.js'

/**
 * The built-in tracks a brief may choose by id: a mood played at a tempo in a key. A chosen
 * track always has the same notes (its own seed); "auto" picks one of the tone's tracks and
 * seeds it from the video's id, so every video gets its own variation.
 */
export interface TrackSpec {
  mood: Tone
  /** A multiple of 12: 5 s is then a whole number of beats. */
  bpm: number
  /** The tonic as a MIDI note number in the bass's octave (45 = A2). */
  tonic: number
  seed: string
}

export const trackIds = musicTrackIds
export type TrackId = MusicTrackId

export const tracks: Readonly<Record<TrackId, TrackSpec>> = {
  'velvet-hour': { mood: 'premium', bpm: 84, tonic: 45, seed: 'velvet-hour' }, // A minor
  'gold-leaf': { mood: 'premium', bpm: 72, tonic: 38, seed: 'gold-leaf' }, // D minor
  bubblegum: { mood: 'playful', bpm: 120, tonic: 41, seed: 'bubblegum' }, // F major
  'paper-kites': { mood: 'playful', bpm: 108, tonic: 43, seed: 'paper-kites' }, // G major
  'full-throttle': { mood: 'energetic', bpm: 132, tonic: 40, seed: 'full-throttle' }, // E minor
  'night-run': { mood: 'energetic', bpm: 120, tonic: 45, seed: 'night-run' }, // A minor
  'white-space': { mood: 'minimal', bpm: 96, tonic: 36, seed: 'white-space' }, // C major
  'still-water': { mood: 'minimal', bpm: 84, tonic: 39, seed: 'still-water' }, // Eb major
  'sunday-kitchen': { mood: 'warm', bpm: 96, tonic: 43, seed: 'sunday-kitchen' }, // G major
  'golden-porch': { mood: 'warm', bpm: 84, tonic: 38, seed: 'golden-porch' }, // D major
}

export function isTrackId(value: string): value is TrackId {
  return (trackIds as readonly string[]).includes(value)
}

/** The tracks of one mood, in catalog order ("auto" picks among them). */
export function tracksOf(mood: Tone): TrackId[] {
  return trackIds.filter((id) => tracks[id].mood === mood)
}
