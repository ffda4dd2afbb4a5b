import type { Tone } from '../screenplay/tones.js'

/**
 * How each mood is played: General MIDI instruments, tempo, scale, chord progressions and the
 * patterns the composer fills bars with. One mood per screenplay tone. Every tempo is a multiple
 * of 12 bpm, so a 5 s shot is a whole number of beats and shot cuts land on beats.
 */

export type ChordStyle = 'sustain' | 'halves' | 'stabs' | 'arp' | 'strum'
export type BassStyle = 'roots' | 'pulse' | 'bounce' | 'walk'
export type LeadStyle = 'sparse' | 'motif'

export interface Part {
  /** General MIDI program (0-based: 0 piano, 4 e-piano, 33 fingered bass…). */
  program: number
  /** Channel volume (CC7) and a base note velocity. */
  volume: number
  velocity: number
  /** Reverb send (CC91) and pan (CC10, 64 = centre). */
  reverb: number
  pan: number
}

/**
 * A bar of drums: a GM drum key (channel 10) and 16 sixteenth steps:
 * 'X' accent, 'x' normal, 'o' ghost, '.' rest.
 */
export type DrumBar = ReadonlyArray<readonly [key: number, steps: string]>

export interface Mood {
  id: Tone
  scale: 'major' | 'minor'
  /** Degrees (0 = tonic) of one chord per bar, four bars a phrase: A first, B for the variation. */
  progressions: { a: readonly number[]; b: readonly number[] }
  sevenths: boolean
  pad: Part | null
  chords: Part & { style: ChordStyle }
  bass: Part & { style: BassStyle }
  lead: Part & { style: LeadStyle; octave: number }
  /** Groove A, groove B (the variation) and the last bar of a phrase; null: no drums. */
  drums: { a: DrumBar; b: DrumBar; fill: DrumBar; volume: number } | null
}

const part = (program: number, volume: number, velocity: number, reverb = 40, pan = 64): Part => ({
  program,
  volume,
  velocity,
  reverb,
  pan,
})

// GM drum keys.
const KICK = 36
const SIDE_STICK = 37
const SNARE = 38
const CLAP = 39
const CLOSED_HAT = 42
const OPEN_HAT = 46
const LOW_TOM = 45
const MID_TOM = 47
const HIGH_TOM = 50
const TAMBOURINE = 54
const SHAKER = 70

export const moods: Readonly<Record<Tone, Mood>> = {
  premium: {
    id: 'premium',
    scale: 'minor',
    progressions: { a: [0, 5, 2, 6], b: [3, 5, 0, 4] },
    sevenths: true,
    pad: part(89, 70, 60, 70, 50), // warm pad
    chords: { ...part(4, 88, 68, 55, 76), style: 'halves' }, // e-piano
    bass: { ...part(33, 100, 86, 20), style: 'roots' }, // fingered bass
    lead: { ...part(0, 92, 74, 60, 58), style: 'sparse', octave: 5 }, // grand piano
    drums: {
      volume: 84,
      a: [
        [KICK, 'X.......x.x.....'],
        [SIDE_STICK, '....x.......x...'],
        [CLOSED_HAT, '..o...o...o...o.'],
      ],
      b: [
        [KICK, 'X.......x.x...o.'],
        [SIDE_STICK, '....x.......x...'],
        [SHAKER, 'o.o.o.o.o.o.o.o.'],
      ],
      fill: [
        [KICK, 'X.......x.x.....'],
        [SIDE_STICK, '....x.......x.o.'],
        [OPEN_HAT, '..............x.'],
      ],
    },
  },
  playful: {
    id: 'playful',
    scale: 'major',
    progressions: { a: [0, 4, 5, 3], b: [3, 0, 4, 4] },
    sevenths: false,
    pad: null,
    chords: { ...part(0, 84, 70, 35, 78), style: 'stabs' }, // piano, off-beat stabs
    bass: { ...part(34, 100, 90, 15), style: 'bounce' }, // picked bass
    lead: { ...part(12, 104, 92, 45, 52), style: 'motif', octave: 5 }, // marimba
    drums: {
      volume: 92,
      a: [
        [KICK, 'X..x..x.X...x...'],
        [CLAP, '....X.......X...'],
        [SHAKER, 'xoxoxoxoxoxoxoxo'],
      ],
      b: [
        [KICK, 'X..x..x.X..x....'],
        [CLAP, '....X.......X..o'],
        [TAMBOURINE, '..x...x...x...x.'],
        [SHAKER, 'xoxoxoxoxoxoxoxo'],
      ],
      fill: [
        [KICK, 'X..x..x.X.......'],
        [CLAP, '....X.......'.padEnd(16, '.')],
        [SNARE, '............xoxX'],
      ],
    },
  },
  energetic: {
    id: 'energetic',
    scale: 'minor',
    progressions: { a: [0, 5, 2, 6], b: [5, 6, 0, 0] },
    sevenths: false,
    pad: part(50, 72, 64, 50, 64), // synth strings
    chords: { ...part(27, 86, 80, 30, 84), style: 'stabs' }, // clean electric guitar
    bass: { ...part(38, 96, 96, 10), style: 'pulse' }, // synth bass
    lead: { ...part(81, 70, 78, 45, 48), style: 'motif', octave: 5 }, // saw lead, kept down in the mix
    drums: {
      volume: 100,
      a: [
        [KICK, 'X...X...X...X...'],
        [SNARE, '....X.......X...'],
        [CLOSED_HAT, 'x.x.x.x.x.x.x.x.'],
        [OPEN_HAT, '..o...o...o...o.'],
      ],
      b: [
        [KICK, 'X...X...X...X.x.'],
        [CLAP, '....X.......X...'],
        [SNARE, '....x.......x...'],
        [CLOSED_HAT, 'xoxoxoxoxoxoxoxo'],
      ],
      fill: [
        [KICK, 'X...X...X...X...'],
        [SNARE, '....X.......xoxo'],
        [HIGH_TOM, '........x.......'],
        [MID_TOM, '..........x.....'],
        [LOW_TOM, '...........x....'],
      ],
    },
  },
  minimal: {
    id: 'minimal',
    scale: 'major',
    progressions: { a: [0, 3, 5, 3], b: [5, 3, 0, 4] },
    sevenths: true,
    pad: part(88, 64, 56, 70, 64), // new-age pad
    chords: { ...part(0, 84, 62, 60, 70), style: 'arp' }, // piano arpeggios
    bass: { ...part(33, 92, 78, 25), style: 'walk' },
    lead: { ...part(11, 88, 72, 65, 56), style: 'sparse', octave: 5 }, // vibraphone
    drums: {
      volume: 74,
      a: [
        [KICK, 'x.......x.......'],
        [SHAKER, '..o...o...o...o.'],
      ],
      b: [
        [KICK, 'x.......x.......'],
        [SIDE_STICK, '............x...'],
        [SHAKER, '..o...o...o...o.'],
      ],
      fill: [
        [KICK, 'x.......x.....o.'],
        [SIDE_STICK, '....x.......x...'],
      ],
    },
  },
  warm: {
    id: 'warm',
    scale: 'major',
    progressions: { a: [0, 5, 3, 4], b: [0, 2, 3, 3] },
    sevenths: false,
    pad: part(48, 66, 56, 60, 56), // string ensemble
    chords: { ...part(25, 90, 74, 40, 80), style: 'strum' }, // steel-string guitar
    bass: { ...part(32, 100, 84, 20), style: 'walk' }, // acoustic bass
    lead: { ...part(4, 92, 76, 55, 48), style: 'motif', octave: 5 }, // e-piano
    drums: {
      volume: 84,
      a: [
        [KICK, 'X.....x.X.......'],
        [SIDE_STICK, '....x.......x...'],
        [SHAKER, 'xoxoxoxoxoxoxoxo'],
      ],
      b: [
        [KICK, 'X.....x.X.....x.'],
        [SIDE_STICK, '....x.......x...'],
        [TAMBOURINE, '....x.......x...'],
        [SHAKER, 'xoxoxoxoxoxoxoxo'],
      ],
      fill: [
        [KICK, 'X.....x.X.......'],
        [SIDE_STICK, '....x.......x.x.'],
        [OPEN_HAT, '..............x.'],
      ],
    },
  },
}

export const SCALES = {
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
} as const
