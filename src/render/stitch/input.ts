/** What a stitch is asked for: the input's shape, its checks, and what comes back. */
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import { captionFaces } from '../../formats/fonts.js'
import { StitchError } from './errors.js'
import type { Transition } from './filtergraph.js'
import type { AspectRatio, ChineseWrap, Language, SafeZone, Size } from './layout.js'
import { ASPECT_VALUES, DEFAULT_SIZES } from './layout.js'
import type { PlanBrand } from './plan.js'

export interface StitchInput {
  /** Clip MP4s in order. `transition` is how the clip enters from the previous one (default cut). */
  clips: { path: string; caption: string; transition?: Transition }[]
  /** Shown last, with the product and a button in the brand colour; enters with `transition` (default dissolve). */
  endCard: { title: string; callToAction: string; brandColor?: string; seconds?: number; transition?: Transition }
  /**
   * The product photo the clips were made from: captions keep clear of the product, and the end
   * card shows it. Without one, captions sit at the bottom and the card is text only.
   */
  photoPath?: string
  aspectRatio: AspectRatio
  language: Language
  /** A platform preset's caption margins (fractions of the frame); default: the ratio's own safe area. */
  safeZone?: SafeZone
  /** A preset's wrap for Chinese captions: characters a line and lines at most. */
  chineseWrap?: ChineseWrap
  /** The brand kit: logo, handle, accent, caption face, corner logo (plan.ts). None: unbranded. */
  brand?: PlanBrand
  outputPath: string
  posterPath: string
  /** Default from the aspect: 720×1280, 1280×720, 720×720, 720×960, 720×900. Even numbers, matching the aspect. */
  size?: Size
  /** Default 24. */
  fps?: number
  /** A silent AAC track (default true): some players and upload pages expect one. */
  silentAudio?: boolean
  /**
   * The sound track for the planned length: an AAC file (48 kHz stereo, normalised, faded) copied
   * into the MP4 as it is, or null for none. Asked once the length is known, while the pictures
   * encode. A failure never fails the stitch: the video gets the silent track instead.
   * `ambient` is the clips' own sound on the video's timeline (a WAV), when `ambient` is asked
   * and some clip has sound: the music mixes it under the bed.
   */
  music?: (durationSeconds: number, signal: AbortSignal, ambient: string | null) => Promise<string | null>
  /** Keep the clips' own sound (the video model's ambient sound), mixed by `music`; default false. */
  ambient?: boolean
  /** Written into the MP4 with the music (a library track's credit), left out when the music failed. */
  musicMetadata?: { comment?: string; copyright?: string }
  ffmpegPath?: string
  ffprobePath?: string
  signal?: AbortSignal
  /** Whole stitch, probing included (default 10 minutes). */
  timeoutMs?: number
  /** Where the per-run folder of text files goes (default os.tmpdir()); plain characters only. */
  tempDir?: string
  /** 0…1, from ffmpeg's encoded time against the planned duration; 1 once the files are in place. */
  onProgress?: (fraction: number) => void
}

export interface StitchResult {
  outputPath: string
  posterPath: string
  durationSeconds: number
  width: number
  height: number
  /** What the sound track is; 'silence' with `musicError` when the music failed. */
  audio: 'music' | 'silence' | 'none'
  musicError?: unknown
  /** The clips' sound could not be read: the music went without it. */
  ambientError?: unknown
}

const transition = z.enum(['cut', 'fade', 'dissolve', 'slide'])
const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/)
const evenSide = z.number().int().min(64).max(3840).multipleOf(2)
const inputSchema = z.object({
  clips: z
    .array(z.object({ path: z.string().min(1), caption: z.string().max(5000), transition: transition.optional() }))
    .min(1)
    .max(60),
  endCard: z.object({
    title: z.string().max(5000),
    callToAction: z.string().max(5000),
    brandColor: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/)
      .optional(),
    seconds: z.number().min(0.5).max(15).optional(),
    transition: transition.optional(),
  }),
  photoPath: z.string().min(1).optional(),
  aspectRatio: z.enum(['9:16', '16:9', '1:1', '3:4', '4:5']),
  language: z.enum(['en', 'zh-CN', 'zh-HK']),
  safeZone: z
    .object({
      top: z.number().min(0).max(0.45),
      bottom: z.number().min(0).max(0.45),
      left: z.number().min(0).max(0.45),
      right: z.number().min(0).max(0.45),
    })
    .optional(),
  chineseWrap: z
    .object({ charsPerLine: z.number().int().min(4).max(60), lines: z.number().int().min(1).max(4) })
    .optional(),
  brand: z
    .object({
      logoPath: z.string().min(1).nullish(),
      handle: z.string().max(200).nullish(),
      accentColor: hexColour.nullish(),
      primaryColor: hexColour.nullish(),
      face: z.enum(captionFaces).optional(),
      cornerLogo: z.object({ lastSeconds: z.number().min(0.5).max(60).optional() }).nullish(),
    })
    .optional(),
  outputPath: z.string().min(1),
  posterPath: z.string().min(1),
  size: z.object({ width: evenSide, height: evenSide }).optional(),
  fps: z.number().int().min(10).max(60).optional(),
  silentAudio: z.boolean().optional(),
  ambient: z.boolean().optional(),
  musicMetadata: z
    .object({ comment: z.string().max(500).optional(), copyright: z.string().max(500).optional() })
    .optional(),
  ffmpegPath: z.string().min(1).optional(),
  ffprobePath: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().optional(),
  tempDir: z.string().min(1).optional(),
})

/** The temp folder's path goes into the filtergraph (escaped); plain characters are defence in depth. */
const PLAIN_PATH = /^[A-Za-z0-9._/-]+$/

function invalid(message: string): StitchError {
  return new StitchError({ kind: 'invalid_input', reason: 'The video request is not valid.', message })
}

export function validate(input: StitchInput) {
  const parsed = inputSchema.safeParse(input)
  if (!parsed.success)
    throw invalid(`stitch input: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  const data = parsed.data
  const size = data.size ?? DEFAULT_SIZES[data.aspectRatio]
  if (Math.abs(size.width / size.height / ASPECT_VALUES[data.aspectRatio] - 1) > 0.02) {
    throw invalid(`size ${size.width}x${size.height} does not match ${data.aspectRatio}`)
  }
  const outputPath = path.resolve(data.outputPath)
  const posterPath = path.resolve(data.posterPath)
  if (outputPath === posterPath) throw invalid('outputPath and posterPath are the same file')
  const tempBase = path.resolve(data.tempDir ?? os.tmpdir())
  if (!PLAIN_PATH.test(tempBase)) throw invalid('the temp directory path has characters other than A-Z a-z 0-9 . _ / -')
  return { ...data, size, outputPath, posterPath, tempBase, fps: data.fps ?? 24 }
}
