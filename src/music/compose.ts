import { createRandom, type Random } from '../screenplay/random.js'
import type { Tone } from '../screenplay/tones.js'
import { type BassStyle, type ChordStyle, type DrumBar, type Mood, moods, type Part, SCALES } from './moods.js'
import { type MidiEvent, type MidiSong, type MidiTrack, TICKS_PER_BEAT, writeSmf } from './smf.js'

/**
 * The composer: a mood, a tempo, a key and a seed in; a song of chords, pad, bass, drums and a
 * lead out, as long as the video and ending on a held final chord. Same inputs ⇒ same notes.
 */
export interface Composition {
  mood: Tone
  bpm: number
  /** MIDI note of the tonic in the bass's octave. */
  tonic: number
  seed: string
  /** The video's length: the final chord rings for the last 1.5–3 s of it. */
  seconds: number
}

export interface ComposedSong {
  smf: Uint8Array
  song: MidiSong
  /** When the final chord is struck, in seconds from the start. */
  finalChordSeconds: number
}

const BAR = TICKS_PER_BEAT * 4
const EIGHTH = TICKS_PER_BEAT / 2
const SIXTEENTH = TICKS_PER_BEAT / 4
/** The final chord rings at least this long (the fade-out is about as long). */
const RING_SECONDS = 1.5
const DRUMS = 9
const CHANNEL = { lead: 0, chords: 1, pad: 2, bass: 3 } as const
const CRASH = 49
/** Rows of a groove heard in the intro: hats and shakers, no kick or snare yet. */
const LIGHT_DRUMS = new Set([42, 46, 54, 70])

export function compose(c: Composition): ComposedSong {
  const mood = moods[c.mood]
  const random = createRandom(`music:${c.mood}:${c.bpm}:${c.tonic}:${c.seed}`)
  const beatSeconds = 60 / c.bpm
  const ticksPerSecond = (TICKS_PER_BEAT * c.bpm) / 60
  // The final chord on the last downbeat that leaves 1.5–3 s to ring; else on the last beat that does.
  const lastBeat = Math.max(1, Math.floor((c.seconds - RING_SECONDS) / beatSeconds + 1e-9))
  const barBeat = lastBeat - (lastBeat % 4)
  const finalBeat = barBeat > 0 && c.seconds - barBeat * beatSeconds <= 3 ? barBeat : lastBeat
  const finalTick = finalBeat * TICKS_PER_BEAT
  const endTick = Math.ceil((c.seconds + 1) * ticksPerSecond)
  const bars = Math.ceil(finalBeat / 4)
  const intro = bars >= 10 ? 2 : bars >= 4 ? 1 : 0

  const scale = SCALES[mood.scale]
  const pitch = (base: number, degree: number) =>
    base + 12 * Math.floor(degree / 7) + (scale[((degree % 7) + 7) % 7] as number)
  const chordDegrees = (root: number) => [root, root + 2, root + 4, ...(mood.sevenths ? [root + 6] : [])]
  const degreeOf = (bar: number) => {
    // The intro opens on the tonic (the first chords of A); the phrases then start A again.
    if (bar < intro) return mood.progressions.a[bar] as number
    const inBody = bar - intro
    const progression = inBody >= 0 && Math.floor(inBody / 4) % 2 === 1 ? mood.progressions.b : mood.progressions.a
    return progression[(((inBody % 4) + 4) % 4) as number] as number
  }

  const parts = {
    lead: [] as MidiEvent[],
    chords: [] as MidiEvent[],
    pad: [] as MidiEvent[],
    bass: [] as MidiEvent[],
    drums: [] as MidiEvent[],
  }
  const note = (list: MidiEvent[], channel: number, tick: number, key: number, velocity: number, ticks: number) => {
    if (tick >= finalTick) return
    list.push({ tick, kind: 'note', channel, key, velocity, ticks: Math.min(ticks, finalTick - tick) })
  }
  const human = (tick: number) => (tick === 0 ? 0 : Math.max(0, tick + Math.round((random.next() - 0.5) * 16)))
  const vel = (base: number, accent = 1) => Math.round(base * accent * (0.9 + random.next() * 0.18))

  const motifs = [makeMotif(mood, random), makeMotif(mood, random)]
  let previousLead = 4 // scale degrees above the lead's tonic
  for (let bar = 0; bar < bars; bar++) {
    const at = bar * BAR
    const root = degreeOf(bar)
    const nextRoot = degreeOf(bar + 1)
    const voicing = voice(chordDegrees(root).map((d) => pitch(c.tonic + 12, d)))
    const phrase = Math.floor((bar - intro) / 4)
    const inPhrase = (((bar - intro) % 4) + 4) % 4
    const lastOfPhrase = bar >= intro && (inPhrase === 3 || bar === bars - 1)

    if (mood.pad) for (const k of voicing) note(parts.pad, CHANNEL.pad, at, k - 12, vel(mood.pad.velocity), BAR - 20)
    playChords(mood.chords.style, voicing, at, random, (tick, key, v, len) =>
      note(parts.chords, CHANNEL.chords, human(tick), key, vel(mood.chords.velocity, v), len),
    )
    const bassRoot = pitch(c.tonic, root)
    const bassNext = pitch(c.tonic, nextRoot)
    if (bar >= intro || mood.bass.style !== 'pulse')
      playBass(mood.bass.style, bassRoot, bassNext, at, (tick, key, v, len) =>
        note(parts.bass, CHANNEL.bass, human(tick), key, vel(mood.bass.velocity, v), len),
      )

    if (mood.drums) {
      const groove =
        bar < intro ? mood.drums.a : lastOfPhrase ? mood.drums.fill : phrase % 2 ? mood.drums.b : mood.drums.a
      const rows = bar < intro ? groove.filter(([key]) => LIGHT_DRUMS.has(key)) : groove
      playDrums(rows, at, (tick, key, v) => note(parts.drums, DRUMS, tick, key, vel(100, v), SIXTEENTH))
      if (bar === intro && intro > 0 && (c.mood === 'energetic' || c.mood === 'playful'))
        note(parts.drums, DRUMS, at, CRASH, vel(96), BAR)
    }

    if (bar >= intro) {
      const motif = motifs[phrase % 2] as Motif
      // Bars 1–3 of a phrase state the motif over the chords; the 4th answers it and rests on a chord tone.
      const cells = inPhrase === 3 ? cadence(mood) : (motif[inPhrase % 2] as Cell[])
      for (const cell of cells) {
        const strong = cell.tick % TICKS_PER_BEAT === 0 && (cell.tick / TICKS_PER_BEAT) % 2 === 0
        let degree = previousLead + cell.step
        if (strong || cell.ticks >= TICKS_PER_BEAT * 2) degree = nearestChordTone(degree, root, mood.sevenths)
        // A tenth above the tonic at most: bright enough to lead, not shrill.
        degree = Math.max(0, Math.min(9, degree))
        previousLead = degree
        const leadBase = 12 * mood.lead.octave + (c.tonic % 12)
        note(
          parts.lead,
          CHANNEL.lead,
          human(at + cell.tick),
          pitch(leadBase, degree),
          vel(mood.lead.velocity, strong ? 1.08 : 0.94),
          cell.ticks,
        )
      }
    }
  }

  // The ending: the tonic chord, rolled on the chords, held on the pad, the bass low, a crash.
  const finalVoicing = voice(chordDegrees(0).map((d) => pitch(c.tonic + 12, d)))
  const ring = endTick - finalTick
  const end = (list: MidiEvent[], channel: number, tick: number, key: number, velocity: number) =>
    list.push({ tick, kind: 'note', channel, key, velocity, ticks: ring - (tick - finalTick) })
  for (const [i, k] of finalVoicing.entries())
    end(parts.chords, CHANNEL.chords, finalTick + i * 30, k, vel(mood.chords.velocity))
  end(parts.chords, CHANNEL.chords, finalTick + finalVoicing.length * 30, (finalVoicing[0] as number) + 12, vel(70))
  if (mood.pad) for (const k of finalVoicing) end(parts.pad, CHANNEL.pad, finalTick, k - 12, vel(mood.pad.velocity))
  end(parts.bass, CHANNEL.bass, finalTick, pitch(c.tonic, 0), vel(mood.bass.velocity))
  end(
    parts.lead,
    CHANNEL.lead,
    finalTick + 40,
    pitch(12 * mood.lead.octave + (c.tonic % 12), 7),
    vel(mood.lead.velocity),
  )
  if (mood.drums) {
    end(parts.drums, DRUMS, finalTick, 36, vel(110))
    end(parts.drums, DRUMS, finalTick, CRASH, vel(100))
  }

  const tracks: MidiTrack[] = [
    { name: 'lead', events: [...setup(CHANNEL.lead, mood.lead), ...parts.lead] },
    { name: 'chords', events: [...setup(CHANNEL.chords, mood.chords), ...parts.chords] },
    ...(mood.pad ? [{ name: 'pad', events: [...setup(CHANNEL.pad, mood.pad), ...parts.pad] }] : []),
    { name: 'bass', events: [...setup(CHANNEL.bass, mood.bass), ...parts.bass] },
    ...(mood.drums
      ? [{ name: 'drums', events: [...setup(DRUMS, { ...drumKit, volume: mood.drums.volume }), ...parts.drums] }]
      : []),
  ]
  const song = { bpm: c.bpm, tracks }
  return { smf: writeSmf(song), song, finalChordSeconds: finalBeat * beatSeconds }
}

const drumKit: Part = { program: 0, volume: 100, velocity: 100, reverb: 30, pan: 64 }

function setup(channel: number, p: Part): MidiEvent[] {
  return [
    { tick: 0, kind: 'program', channel, program: p.program },
    { tick: 0, kind: 'control', channel, controller: 7, value: p.volume },
    { tick: 0, kind: 'control', channel, controller: 10, value: p.pan },
    { tick: 0, kind: 'control', channel, controller: 91, value: p.reverb },
    { tick: 0, kind: 'control', channel, controller: 93, value: 12 },
  ]
}

/** Chord tones moved into one octave around E4, lowest first: close voicings that move little. */
function voice(keys: number[]): number[] {
  return keys.map((k) => 55 + ((((k - 55) % 12) + 12) % 12)).sort((a, b) => a - b)
}

function nearestChordTone(degree: number, root: number, sevenths: boolean): number {
  const tones = [0, 2, 4, ...(sevenths ? [6] : [])].map((t) => (root + t) % 7)
  for (let d = 0; d <= 3; d++) {
    if (tones.includes((((degree - d) % 7) + 7) % 7)) return degree - d
    if (tones.includes((((degree + d) % 7) + 7) % 7)) return degree + d
  }
  return degree
}

type Play = (tick: number, key: number, accent: number, ticks: number) => void

function playChords(style: ChordStyle, voicing: number[], at: number, random: Random, play: Play): void {
  const all = (tick: number, accent: number, len: number, roll = 0) => {
    for (const [i, k] of voicing.entries()) play(tick + i * roll, k, accent, len)
  }
  if (style === 'sustain') all(at, 1, BAR - 20)
  if (style === 'halves') {
    all(at, 1, BAR / 2 - 40, 8)
    all(at + BAR / 2, 0.85, BAR / 2 - 40, 8)
  }
  if (style === 'stabs') {
    const offbeats = random.next() < 0.5 ? [1, 3, 5, 7] : [1, 3, 4, 6]
    for (const e of offbeats) all(at + e * EIGHTH, e % 2 ? 1 : 0.85, EIGHTH - 60)
  }
  if (style === 'arp') {
    const up = [...voicing, (voicing[0] as number) + 12]
    const order = [0, 1, 2, 3, 4, 3, 2, 1].map((i) => up[Math.min(i, up.length - 1)] as number)
    for (const [i, k] of order.entries()) play(at + i * EIGHTH, k, i === 0 ? 1.1 : 0.85, EIGHTH * 2)
  }
  if (style === 'strum') {
    // Down, down-up, up-down-up on eighths: the strum every acoustic player knows.
    const strokes: Array<[number, 'down' | 'up']> = [
      [0, 'down'],
      [2, 'down'],
      [3, 'up'],
      [5, 'up'],
      [6, 'down'],
      [7, 'up'],
    ]
    const strings = [voicing[0] as number, ...voicing, (voicing[0] as number) + 12]
    for (const [e, way] of strokes) {
      const keys = way === 'down' ? strings : strings.slice(-3).reverse()
      for (const [i, k] of keys.entries()) play(at + e * EIGHTH + i * 12, k, way === 'down' ? 1 : 0.7, EIGHTH * 2 - 30)
    }
  }
}

function playBass(style: BassStyle, root: number, next: number, at: number, play: Play): void {
  const fifth = root + 7
  const approach = next > root ? next - 1 : next + 1
  if (style === 'roots') {
    play(at, root, 1, BAR * 0.7)
    play(at + 6 * EIGHTH, root, 0.8, EIGHTH - 20)
    play(at + 7 * EIGHTH, fifth, 0.75, EIGHTH - 20)
  }
  if (style === 'pulse') {
    for (let e = 0; e < 8; e++) play(at + e * EIGHTH, e === 5 ? root + 12 : root, e % 2 ? 0.82 : 1, EIGHTH - 50)
  }
  if (style === 'bounce') {
    play(at, root, 1, TICKS_PER_BEAT - 60)
    play(at + 3 * EIGHTH, root, 0.8, EIGHTH - 30)
    play(at + 4 * EIGHTH, fifth, 0.9, EIGHTH - 30)
    play(at + 6 * EIGHTH, root + 12, 0.9, EIGHTH - 30)
    play(at + 7 * EIGHTH, fifth, 0.8, EIGHTH - 30)
  }
  if (style === 'walk') {
    play(at, root, 1, TICKS_PER_BEAT * 2 - 40)
    play(at + 2 * TICKS_PER_BEAT, fifth, 0.85, TICKS_PER_BEAT - 40)
    play(at + 3 * TICKS_PER_BEAT, approach, 0.8, TICKS_PER_BEAT - 40)
  }
}

function playDrums(rows: DrumBar, at: number, play: (tick: number, key: number, accent: number) => void): void {
  for (const [key, steps] of rows)
    for (let s = 0; s < 16; s++) {
      const hit = steps[s]
      if (hit === 'X') play(at + s * SIXTEENTH, key, 1.05)
      else if (hit === 'x') play(at + s * SIXTEENTH, key, 0.85)
      else if (hit === 'o') play(at + s * SIXTEENTH, key, 0.5)
    }
}

/** One note of a melody: where in the bar, how long, and its move in scale steps from the last. */
interface Cell {
  tick: number
  ticks: number
  step: number
}
/** Two bars of melody, made once per song from the seed and repeated with variation. */
type Motif = [Cell[], Cell[]]

// Rhythms a beat can take, in eighths from the beat: [start, length].
const BUSY_BEATS: ReadonlyArray<ReadonlyArray<[number, number]>> = [
  [[0, 2]],
  [
    [0, 1],
    [1, 1],
  ],
  [[1, 1]],
  [[0, 1]],
  [],
]
const SPARSE_BARS: ReadonlyArray<ReadonlyArray<[number, number]>> = [
  [
    [0, 3],
    [3, 1],
    [4, 4],
  ],
  [
    [0, 4],
    [5, 3],
  ],
  [
    [2, 2],
    [4, 2],
    [6, 2],
  ],
  [
    [0, 2],
    [2, 6],
  ],
]

function makeMotif(mood: Mood, random: Random): Motif {
  const steps = () => random.pick([-2, -1, -1, 1, 1, 2, 0, 3, -3])
  const bar = (): Cell[] => {
    if (mood.lead.style === 'sparse')
      return random.pick(SPARSE_BARS).map(([s, l]) => ({ tick: s * EIGHTH, ticks: l * EIGHTH - 20, step: steps() }))
    const cells: Cell[] = []
    for (let beat = 0; beat < 4; beat++) {
      // The first beat always sounds, the last often rests: the phrase breathes.
      const choices = beat === 0 ? BUSY_BEATS.slice(0, 2) : beat === 3 ? BUSY_BEATS.slice(2) : BUSY_BEATS
      for (const [s, l] of random.pick(choices))
        cells.push({ tick: beat * TICKS_PER_BEAT + s * EIGHTH, ticks: l * EIGHTH - 30, step: steps() })
    }
    return cells
  }
  return [bar(), bar()]
}

/** The answer at a phrase's end: a pickup and a long note that settles on a chord tone. */
function cadence(mood: Mood): Cell[] {
  return mood.lead.style === 'sparse'
    ? [{ tick: 0, ticks: BAR - 120, step: -1 }]
    : [
        { tick: 0, ticks: EIGHTH - 30, step: 1 },
        { tick: EIGHTH, ticks: EIGHTH - 30, step: -1 },
        { tick: TICKS_PER_BEAT, ticks: TICKS_PER_BEAT * 2 + EIGHTH, step: -1 },
      ]
}
