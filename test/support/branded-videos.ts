// Issue 25's "Done when", measured on the files: a seller's own track at −14 LUFS (±1), their logo
// on each end card, three visibly different variants. Shared by the journey in chromium
// (test/e2e/brand-music-variants.test.ts) and the same through the API (test/api/brand-music-variants.test.ts).
import { execFile } from 'node:child_process'
import path from 'node:path'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { expect } from 'vitest'
import { loudness } from '../music/helpers.js'
import { FFMPEG, probeMedia } from './render.js'

const run = promisify(execFile)

/** A 300×200 PNG: a magenta disc on a transparent background (no clip, card or caption has this colour). */
export function magentaLogo(): Promise<Buffer> {
  return sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"><circle cx="150" cy="100" r="90" fill="#FF00FF"/></svg>',
    ),
  )
    .png()
    .toBuffer()
}

/**
 * A short melody (four sine notes, looped to 40 s) as an MP3, written by Debian's ffmpeg: what a
 * seller's own track is here. Its pitch (G4, B4, D5, G5) is none of the built-in tracks'.
 */
export async function melodyMp3(dir: string, name = 'launch-theme'): Promise<string> {
  const file = path.join(dir, `${name}.mp3`)
  const notes = [392, 494, 587, 784]
  const expr = notes.map((hz, i) => `between(mod(t,2),${i * 0.5},${i * 0.5 + 0.49})*sin(2*PI*${hz}*t)`).join('+')
  await run(FFMPEG, [
    '-hide_banner',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `aevalsrc='0.4*(${expr})':s=44100:d=40`,
    '-ac',
    '2',
    '-c:a',
    'libmp3lame',
    '-b:a',
    '96k',
    file,
  ])
  return file
}

/**
 * A 640×480 product photo with texture for the camera moves to show (a checker over a red-to-blue
 * ramp), and not one magenta pixel: red and blue add up to 255, so never both above 190.
 */
export function texturedPhoto(): Promise<Buffer> {
  const [width, height] = [640, 480]
  const raw = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const red = Math.round((x * 255) / width)
      const checker = ((x >> 5) + (y >> 5)) & 1
      raw.set([red, checker ? 210 : 40 + Math.round((y * 60) / height), 255 - red], (y * width + x) * 3)
    }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** Whether an RGB pixel is the logo's magenta. */
const isMagenta = (rgb: Buffer, i: number) => rgb[i]! > 190 && rgb[i + 1]! < 80 && rgb[i + 2]! > 190

function magentaPixels(rgb: Buffer): number {
  let n = 0
  for (let i = 0; i < rgb.length; i += 3) if (isMagenta(rgb, i)) n++
  return n
}

/** One frame at `t` seconds as raw bytes (`rgb24` or `gray`), scaled to `width` unless 0. */
export function frame(file: string, t: number, format: 'rgb24' | 'gray', width = 0): Promise<Buffer> {
  const scale = width ? `scale=${width}:-2,` : ''
  return new Promise((resolve, reject) =>
    execFile(
      FFMPEG,
      [
        '-v',
        'error',
        '-ss',
        String(t),
        '-i',
        file,
        '-frames:v',
        '1',
        '-vf',
        `${scale}format=${format}`,
        '-f',
        'rawvideo',
        '-',
      ],
      { encoding: 'buffer', maxBuffer: 16 << 20 },
      (err, stdout) => (err ? reject(err) : resolve(stdout)),
    ),
  )
}

/** Mean absolute difference of two grey frames, 0–255. */
export function meanDifference(a: Buffer, b: Buffer): number {
  const n = Math.min(a.length, b.length)
  let sum = 0
  for (let i = 0; i < n; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0))
  return sum / n
}

export type VideoFigures = {
  seconds: number
  /** Integrated loudness (LUFS) and true peak (dBTP) of the whole file. */
  lufs: number
  truePeak: number
  /** Magenta pixels in frames through the last second (the end card), and in the first shot. */
  endCardMagenta: number[]
  firstShotMagenta: number
}

/** What the "Done when" asks of one video, measured. */
export async function measure(file: string): Promise<VideoFigures> {
  const media = await probeMedia(file)
  const seconds = media.duration
  const last = [0.9, 0.5, 0.1].map((back) => Math.max(0, seconds - back))
  const [figures, endCardMagenta, firstShotMagenta] = await Promise.all([
    loudness(file),
    Promise.all(last.map(async (t) => magentaPixels(await frame(file, t, 'rgb24')))),
    frame(file, 1, 'rgb24').then(magentaPixels),
  ])
  return { seconds, lufs: figures.integrated, truePeak: figures.truePeak, endCardMagenta, firstShotMagenta }
}

/**
 * Mean grey-level difference (0–255) of each pair of videos over the same moments, one a second
 * through the shots (the end cards, alike by design, are left out). 5 is plainly visible.
 */
export async function pairDifferences(files: string[], shotSeconds: number): Promise<Record<string, number>> {
  const times = Array.from({ length: Math.max(1, Math.floor(shotSeconds - 0.5)) }, (_, i) => 0.5 + i)
  const pictures = await Promise.all(files.map((f) => Promise.all(times.map((t) => frame(f, t, 'gray', 128)))))
  const out: Record<string, number> = {}
  for (let a = 0; a < files.length; a++)
    for (let b = a + 1; b < files.length; b++) {
      const d = times.map((_, i) => meanDifference(pictures[a]![i]!, pictures[b]![i]!))
      out[`${a + 1}-${b + 1}`] = d.reduce((s, x) => s + x, 0) / d.length
    }
  return out
}

/** One contact-sheet row per video (a frame every 2 s), to look at. */
export async function contactSheets(files: string[], dir: string, prefix: string): Promise<string[]> {
  return Promise.all(
    files.map(async (file, i) => {
      const out = path.join(dir, `${prefix}-${i + 1}.png`)
      await run(FFMPEG, [
        '-v',
        'error',
        '-y',
        '-i',
        file,
        '-vf',
        'fps=0.5:start_time=1,scale=-2:240,tile=8x1',
        '-frames:v',
        '1',
        out,
      ])
      return out
    }),
  )
}

/**
 * Issue 25's "Done when" on three finished variants: each at −14 LUFS (±1) with headroom, the
 * logo on every end-card frame of the last second and not on the first shot, and every pair of
 * videos visibly different. Logs the figures under `label`.
 */
export async function expectBrandedVariants(files: string[], label: string): Promise<void> {
  const figures = await Promise.all(files.map(measure))
  console.log(`${label}:`, JSON.stringify(figures))
  for (const [i, f] of figures.entries()) {
    expect(Math.abs(f.lufs + 14), `variant ${i + 1}: ${f.lufs} LUFS`).toBeLessThanOrEqual(1)
    expect(f.truePeak, `variant ${i + 1}`).toBeLessThanOrEqual(-1)
    for (const n of f.endCardMagenta) expect(n, `variant ${i + 1} end card`).toBeGreaterThan(800)
    expect(f.firstShotMagenta, `variant ${i + 1} first shot`).toBe(0)
  }
  const differences = await pairDifferences(files, Math.min(...figures.map((f) => f.seconds)) - 2)
  console.log(`${label}, mean frame differences:`, JSON.stringify(differences))
  for (const [pair, d] of Object.entries(differences)) expect(d, `variants ${pair}`).toBeGreaterThan(5)
}
