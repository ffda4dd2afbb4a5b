import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import { captionFaces } from '../../formats/fonts.js'
import { ambientTrack } from './ambient.js'
import { encodeInPieces, progressReporter } from './encode.js'
import { isStitchError, StitchError } from './errors.js'
import type { Transition } from './filtergraph.js'
import type { AspectRatio, ChineseWrap, Language, SafeZone, Size } from './layout.js'
import { ASPECT_VALUES, DEFAULT_SIZES } from './layout.js'
import { type PlanBrand, planStitch } from './plan.js'
import type { ClipInfo } from './probe.js'
import { probeClip } from './probe.js'
import type { ProductBox } from './product-box.js'
import { findProductBox } from './product-box.js'

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
const DEFAULT_TIMEOUT_MS = 10 * 60_000

function invalid(message: string): StitchError {
  return new StitchError({ kind: 'invalid_input', reason: 'The video request is not valid.', message })
}

function validate(input: StitchInput) {
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

/** A sibling of `target`, so the final rename stays on one filesystem and is atomic. */
function partName(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID().slice(0, 8)}.part`)
}

/**
 * Stitches clips into one H.264 MP4 with captions and an end card burned in, plus a JPEG
 * poster. Output and poster appear at their paths only when both are complete.
 */
export async function stitchVideo(input: StitchInput): Promise<StitchResult> {
  const opts = validate(input)
  const ffmpeg = opts.ffmpegPath ?? 'ffmpeg'
  const ffprobe = opts.ffprobePath ?? 'ffprobe'

  // One signal for everything: the caller's cancel and our timeout both kill what is running.
  const controller = new AbortController()
  const { signal } = controller
  const timer = setTimeout(
    () => controller.abort(new StitchError({ kind: 'timeout', reason: 'Putting the video together took too long.' })),
    opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  )
  const onCallerAbort = () =>
    controller.abort(new StitchError({ kind: 'aborted', reason: 'The render was cancelled.' }))
  if (input.signal?.aborted) onCallerAbort()
  else input.signal?.addEventListener('abort', onCallerAbort, { once: true })

  const partOutput = partName(opts.outputPath)
  const partPoster = partName(opts.posterPath)
  let textDir: string | null = null
  let music: Promise<string | null> = Promise.resolve(null)
  let musicError: unknown
  let ambientError: unknown
  try {
    const infos = await probeAll(
      ffprobe,
      opts.clips.map((c) => path.resolve(c.path)),
      signal,
    )
    signal.throwIfAborted()
    textDir = await mkdtemp(path.join(opts.tempBase, 'lumina-stitch-'))
    const photo = opts.photoPath ? await findPhoto(path.resolve(opts.photoPath)) : null
    signal.throwIfAborted()
    const plan = await planStitch(
      {
        clips: opts.clips.map((c, i) => ({
          path: path.resolve(c.path),
          caption: c.caption,
          transition: c.transition ?? 'cut',
          info: infos[i] as ClipInfo,
        })),
        endCard: {
          ...opts.endCard,
          seconds: opts.endCard.seconds ?? 2.5,
          transition: opts.endCard.transition ?? 'dissolve',
        },
        photo,
        aspectRatio: opts.aspectRatio,
        language: opts.language,
        safeZone: opts.safeZone ?? null,
        chineseWrap: opts.chineseWrap ?? null,
        brand: opts.brand
          ? { ...opts.brand, logoPath: opts.brand.logoPath ? path.resolve(opts.brand.logoPath) : null }
          : null,
        size: opts.size,
        fps: opts.fps,
        silentAudio: opts.silentAudio ?? true,
      },
      textDir,
    )
    await makeDirs([opts.outputPath, opts.posterPath])

    // The music is prepared beside the pictures; its failure is caught here, once.
    // The clips' own sound, when asked, goes to the music first; a clip that cannot give it is
    // never worth the music.
    const askMusic = input.music
    const ambient =
      askMusic && opts.ambient
        ? ambientTrack(
            ffmpeg,
            opts.clips.map((c, i) => ({ path: path.resolve(c.path), hasAudio: (infos[i] as ClipInfo).hasAudio })),
            plan,
            textDir,
            signal,
          ).catch((e: unknown) => {
            ambientError = e
            return null
          })
        : Promise.resolve(null)
    music = askMusic
      ? ambient
          .then((wav) => askMusic(plan.durationSeconds, signal, wav))
          .catch((e: unknown) => {
            musicError = e
            return null
          })
      : Promise.resolve(null)
    const report = progressReporter(input.onProgress, plan.totalFrames)
    let musicFile: string | null = null
    await encodeInPieces(plan, {
      music: music.then((file) => {
        musicFile = file
        return file
      }),
      ...(opts.musicMetadata ? { musicMetadata: opts.musicMetadata } : {}),
      ffmpeg,
      fps: opts.fps,
      size: opts.size,
      workDir: textDir,
      output: partOutput,
      poster: partPoster,
      signal,
      report,
    })

    try {
      await rename(partPoster, opts.posterPath)
      // The video last: a video at outputPath always has its poster. If this rename fails, the
      // new poster is withdrawn again rather than left beside an old or missing video.
      await rename(partOutput, opts.outputPath).catch(async (e: unknown) => {
        await rm(opts.posterPath, { force: true })
        throw e
      })
    } catch (e) {
      throw new StitchError({
        kind: 'output',
        reason: 'The finished video could not be saved.',
        message: `rename: ${String(e)}`,
        cause: e,
      })
    }
    report.done()
    return {
      outputPath: opts.outputPath,
      posterPath: opts.posterPath,
      durationSeconds: plan.durationSeconds,
      ...opts.size,
      audio: musicFile ? 'music' : plan.audioSamples !== null ? 'silence' : 'none',
      ...(musicError !== undefined ? { musicError } : {}),
      ...(ambientError !== undefined ? { ambientError } : {}),
    }
  } catch (e) {
    if (signal.aborted && isStitchError(signal.reason)) throw signal.reason
    if (isStitchError(e)) throw e
    throw new StitchError({
      kind: 'output',
      reason: 'The video could not be put together.',
      message: `stitch: ${String(e)}`,
      cause: e,
    })
  } finally {
    clearTimeout(timer)
    input.signal?.removeEventListener('abort', onCallerAbort)
    // A failed stitch stops the music's tools too, and waits for them: nothing outlives the stitch.
    if (!signal.aborted) controller.abort(new StitchError({ kind: 'aborted', reason: 'The stitch has ended.' }))
    await music
    await Promise.all([
      textDir ? rm(textDir, { recursive: true, force: true }) : undefined,
      rm(partOutput, { force: true }),
      rm(partPoster, { force: true }),
    ]).catch(() => {})
  }
}

/** The photo's product box; a photo that cannot be read is a failed stitch, said plainly. */
async function findPhoto(file: string): Promise<{ path: string; found: ProductBox }> {
  try {
    return { path: file, found: await findProductBox(file) }
  } catch (e) {
    throw new StitchError({
      kind: 'invalid_input',
      reason: 'The product photo could not be read.',
      message: `photo: ${e instanceof Error ? e.message : String(e)}`,
      cause: e,
    })
  }
}

/** Four ffprobes at a time; all settle before we answer, so none outlives a failure. */
async function probeAll(ffprobe: string, files: string[], signal: AbortSignal): Promise<ClipInfo[]> {
  const infos: ClipInfo[] = []
  for (let i = 0; i < files.length; i += 4) {
    const batch = await Promise.allSettled(
      files.slice(i, i + 4).map((f, k) => probeClip(ffprobe, f, i + k + 1, signal)),
    )
    for (const r of batch) {
      if (r.status === 'rejected') throw r.reason
      infos.push(r.value)
    }
  }
  return infos
}

async function makeDirs(files: string[]): Promise<void> {
  try {
    await Promise.all(files.map((f) => mkdir(path.dirname(f), { recursive: true })))
  } catch (e) {
    throw new StitchError({
      kind: 'output',
      reason: 'The video could not be saved.',
      message: `mkdir: ${String(e)}`,
      cause: e,
    })
  }
}
