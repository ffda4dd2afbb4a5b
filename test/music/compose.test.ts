import { describe, expect, it } from 'vitest'
import { compose } from '../../src/music/compose.js'
import { moods } from '../../src/music/moods.js'
import { TICKS_PER_BEAT, varLen } from '../../src/music/smf.js'
import { trackIds, tracks } from '../../src/music/tracks.js'
import { toneIds } from '../../src/screenplay/tones.js'

const song = (id: (typeof trackIds)[number], seconds = 17.5, seed = tracks[id].seed) =>
  compose({ ...tracks[id], seed, seconds })

describe('the composer', () => {
  it('writes the same MIDI bytes for the same seed, and other bytes for another seed', () => {
    const a = song('velvet-hour')
    expect(Buffer.from(song('velvet-hour').smf).equals(Buffer.from(a.smf))).toBe(true)
    expect(Buffer.from(song('velvet-hour', 17.5, 'another').smf).equals(Buffer.from(a.smf))).toBe(false)
  })

  it('plays each mood differently: other instruments, other notes', () => {
    const programs = toneIds.map((tone) => {
      const id = trackIds.find((t) => tracks[t].mood === tone) as (typeof trackIds)[number]
      return song(id)
        .song.tracks.flatMap((t) => t.events.filter((e) => e.kind === 'program').map((e) => e.program))
        .join(',')
    })
    expect(new Set(programs).size).toBe(toneIds.length)
    const bytes = trackIds.map((id) => Buffer.from(song(id).smf).toString('hex'))
    expect(new Set(bytes).size).toBe(trackIds.length)
  })

  it('has a track for every tone, at tempos where 5 s is a whole number of beats', () => {
    for (const tone of toneIds) expect(trackIds.some((id) => tracks[id].mood === tone)).toBe(true)
    for (const id of trackIds) expect((tracks[id].bpm * 5) / 60).toSatisfy(Number.isInteger)
  })

  it('uses real instruments: chords, bass and a lead, drums on channel 10 where the mood has them', () => {
    for (const id of trackIds) {
      const parts = song(id).song.tracks
      const names = parts.map((t) => t.name)
      expect(names).toEqual(expect.arrayContaining(['lead', 'chords', 'bass']))
      for (const t of parts) expect(t.events.filter((e) => e.kind === 'note').length).toBeGreaterThan(3)
      const drums = parts.find((t) => t.name === 'drums')
      if (moods[tracks[id].mood].drums) expect(drums?.events.every((e) => e.channel === 9)).toBe(true)
    }
    expect(moods.energetic.drums).not.toBeNull()
    expect(moods.playful.drums).not.toBeNull()
  })

  it('humanises velocities and varies the lead between phrases (not one bleep repeated)', () => {
    const { song: s } = song('bubblegum', 40)
    const notes = (name: string) =>
      s.tracks.find((t) => t.name === name)?.events.flatMap((e) => (e.kind === 'note' ? [e] : [])) ?? []
    expect(new Set(notes('drums').map((n) => n.velocity)).size).toBeGreaterThan(10)
    const lead = notes('lead')
    expect(new Set(lead.map((n) => n.key)).size).toBeGreaterThan(5)
    // Bars 2–5 against bars 6–9 (the B phrase): different melodies.
    const bar = TICKS_PER_BEAT * 4
    const phrase = (from: number) =>
      lead
        .filter((n) => n.tick >= from * bar && n.tick < (from + 4) * bar)
        .map((n) => n.key)
        .join()
    expect(phrase(2)).not.toBe(phrase(6))
  })

  it('ends on a held tonic chord that rings for the last 1.5–3 s', () => {
    for (const seconds of [15, 17.5, 30, 62.5]) {
      for (const id of trackIds) {
        const { finalChordSeconds, song: s } = song(id, seconds)
        const ring = seconds - finalChordSeconds
        expect(ring).toBeGreaterThanOrEqual(1.5)
        expect(ring).toBeLessThanOrEqual(3.01)
        const finalTick = Math.round((finalChordSeconds * TICKS_PER_BEAT * tracks[id].bpm) / 60)
        const bassEnd = s.tracks
          .find((t) => t.name === 'bass')
          ?.events.filter((e) => e.kind === 'note' && e.tick === finalTick)
        expect(bassEnd?.length).toBe(1)
        // Nothing else starts after the final chord (its roll takes a few ticks).
        const late = s.tracks.flatMap((t) => t.events).filter((e) => e.kind === 'note' && e.tick > finalTick + 200)
        expect(late).toEqual([])
      }
    }
  })

  it('writes a Standard MIDI File: header, tempo and one chunk per part', () => {
    const { smf, song: s } = song('full-throttle')
    const bytes = Buffer.from(smf)
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('MThd')
    expect(bytes.readUInt16BE(8)).toBe(1) // format 1
    expect(bytes.readUInt16BE(10)).toBe(s.tracks.length + 1)
    expect(bytes.readUInt16BE(12)).toBe(TICKS_PER_BEAT)
    // The tempo meta event: 60 000 000 / 132 µs a beat.
    const tempo = bytes.indexOf(Buffer.from([0xff, 0x51, 0x03]))
    expect(bytes.readUIntBE(tempo + 3, 3)).toBe(Math.round(60_000_000 / 132))
    let chunks = 0
    for (let at = 14; at < bytes.length; chunks++) {
      expect(bytes.subarray(at, at + 4).toString('latin1')).toBe('MTrk')
      at += 8 + bytes.readUInt32BE(at + 4)
      expect(bytes.subarray(at - 3, at)).toEqual(Buffer.from([0xff, 0x2f, 0x00]))
    }
    expect(chunks).toBe(s.tracks.length + 1)
    expect(varLen(0)).toEqual([0])
    expect(varLen(0x80)).toEqual([0x81, 0x00])
    expect(varLen(0x0fffffff)).toEqual([0xff, 0xff, 0xff, 0x7f])
  })
})
