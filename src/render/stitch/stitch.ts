import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { ambientTrack } from './ambient.js'
import { encodeInPieces, progressReporter } from './encode.js'
import { isStitchError, StitchError } from './errors.js'
import { type StitchInput, type StitchResult, validate } from './input.js'
import { planStitch } from './plan.js'
import type { ClipInfo } from './probe.js'
import { probeClip } from './probe.js'
import type { ProductBox } from './product-box.js'
import { findProductBox } from './product-box.js'

export type { StitchInput, StitchResult }

const DEFAULT_TIMEOUT_MS = 10 * 60_000

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
