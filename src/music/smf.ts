/**
 * A Standard MIDI File writer: format 1, one track chunk per part, a tempo map in the first.
 * Only what the composer uses: notes, program and controller changes, tempo, time signature.
 * Written by hand (the format is a few dozen bytes of framing) so the bytes are ours and stable.
 */

export const TICKS_PER_BEAT = 480

export type MidiEvent =
  | { tick: number; kind: 'note'; channel: number; key: number; velocity: number; ticks: number }
  | { tick: number; kind: 'program'; channel: number; program: number }
  | { tick: number; kind: 'control'; channel: number; controller: number; value: number }

export interface MidiTrack {
  name: string
  events: MidiEvent[]
}

export interface MidiSong {
  bpm: number
  tracks: MidiTrack[]
}

/** The song as SMF bytes. Same song in, same bytes out (events are sorted stably). */
export function writeSmf(song: MidiSong): Uint8Array {
  const tempo = [
    ...[0, ...meta(0x58, [4, 2, 24, 8])], // 4/4
    ...[0, ...meta(0x51, uint(Math.round(60_000_000 / song.bpm), 3))],
  ]
  const chunks = [
    chunk('MThd', [...uint(1, 2), ...uint(song.tracks.length + 1, 2), ...uint(TICKS_PER_BEAT, 2)]),
    chunk('MTrk', [...tempo, 0, ...meta(0x2f, [])]),
    ...song.tracks.map((t) => chunk('MTrk', trackBytes(t))),
  ]
  return Uint8Array.from(chunks.flat())
}

type Timed = { tick: number; order: number; bytes: number[] }

function trackBytes(track: MidiTrack): number[] {
  const timed: Timed[] = [{ tick: 0, order: 0, bytes: meta(0x03, [...Buffer.from(track.name, 'latin1')]) }]
  for (const e of track.events) {
    const ch = clamp(e.channel, 0, 15)
    if (e.kind === 'program') timed.push({ tick: e.tick, order: 1, bytes: [0xc0 | ch, clamp(e.program, 0, 127)] })
    else if (e.kind === 'control')
      timed.push({ tick: e.tick, order: 2, bytes: [0xb0 | ch, clamp(e.controller, 0, 127), clamp(e.value, 0, 127)] })
    else {
      const key = clamp(e.key, 0, 127)
      // Note-offs sort before note-ons at the same tick, so a repeated note is struck again.
      timed.push({ tick: e.tick + Math.max(1, e.ticks), order: 3, bytes: [0x80 | ch, key, 0] })
      timed.push({ tick: e.tick, order: 4, bytes: [0x90 | ch, key, clamp(e.velocity, 1, 127)] })
    }
  }
  timed.sort((a, b) => a.tick - b.tick || a.order - b.order)
  const out: number[] = []
  let now = 0
  for (const t of timed) {
    const tick = Math.max(0, Math.round(t.tick))
    out.push(...varLen(tick - now), ...t.bytes)
    now = tick
  }
  out.push(0, ...meta(0x2f, []))
  return out
}

function meta(type: number, data: number[]): number[] {
  return [0xff, type, ...varLen(data.length), ...data]
}

function chunk(id: string, body: number[]): number[] {
  return [...Buffer.from(id, 'latin1'), ...uint(body.length, 4), ...body]
}

function uint(value: number, bytes: number): number[] {
  return Array.from({ length: bytes }, (_, i) => (value >>> (8 * (bytes - 1 - i))) & 0xff)
}

/** MIDI's variable-length quantity: 7 bits a byte, high bit set on all but the last. */
export function varLen(value: number): number[] {
  let v = Math.max(0, Math.floor(value))
  const out = [v & 0x7f]
  v >>>= 7
  while (v > 0) {
    out.unshift((v & 0x7f) | 0x80)
    v >>>= 7
  }
  return out
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.round(n)))
}
