import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { StitchError } from './errors.js'
import { progressMicros, type RunResult, runTool } from './ffmpeg.js'
import type { PlannedPiece, StitchPlan } from './plan.js'

/**
 * x264's speed against size at the same look. With superfast at CRF 26 a stitch takes a third
 * less CPU than with veryfast at CRF 23, and is as close to a lossless render of the same
 * filtergraph (SSIM, README, Performance), for files about a third larger: superfast has no
 * macroblock-tree rate control. No B-frames: x264 holds fewer frames, and a piece's first frame
 * is shown at time 0, so the pieces join without a gap.
 */
const X264_QUALITY = ['-preset', 'superfast', '-crf', '26', '-x264-params', 'bframes=0'] as const

/**
 * 1080p is the file a seller uploads, and every platform encodes it again: a master at CRF 21
 * survives that second encode where CRF 26 turns to mush. The VBV cap (8 Mbit/s, 2 s buffer)
 * keeps grainy footage from growing without bound (each piece may start a little over it, from
 * its full buffer). README, Performance, has the SSIM and sizes measured.
 */
const X264_QUALITY_1080 = [
  '-preset',
  'superfast',
  '-crf',
  '21',
  '-maxrate',
  '8M',
  '-bufsize',
  '16M',
  '-x264-params',
  'bframes=0',
] as const

/** 1080-class frames (1080 or more on the short side) get the upload-master settings. */
export function x264Quality(size: { width: number; height: number }): readonly string[] {
  return Math.min(size.width, size.height) >= 1080 ? X264_QUALITY_1080 : X264_QUALITY
}

/** Pieces encoded at once: one core each (their runs are single-threaded). */
export const PIECES_AT_ONCE = 2

export interface EncodeOptions {
  ffmpeg: string
  fps: number
  /** The stitch's own temporary folder: the pieces and their list are written there. */
  workDir: string
  /** Where the joined video and the poster go (the stitch renames them into place). */
  output: string
  poster: string
  signal: AbortSignal
  /** The frame size: 1080-class output is encoded as an upload master (x264Quality). */
  size: { width: number; height: number }
  /** From progressReporter(): told how many frames each piece has encoded. */
  report: ProgressReport
  /** The sound track to copy in (never rejects), or null for the plan's silence, if any. */
  music?: Promise<string | null>
  /** Tags for the MP4 when the music is in it (a library track's credit: comment, copyright). */
  musicMetadata?: { comment?: string; copyright?: string }
}

/**
 * Encodes the plan's pieces, PIECES_AT_ONCE at a time, then joins them by stream copy into one
 * MP4 with the music (or the silent audio track) and the index at the front (playback starts while
 * downloading). The first piece also writes the poster.
 */
export async function encodeInPieces(plan: StitchPlan, opts: EncodeOptions): Promise<void> {
  const { report } = opts
  const pieceFiles = plan.pieces.map((_, k) => path.join(opts.workDir, `piece-${k}.mp4`))
  await encodePieces(plan.pieces, opts.signal, (piece, k, signal) => {
    const onLine = (line: string) => {
      const micros = progressMicros(line)
      if (micros !== null) report.piece(k, Math.min(piece.frames, (micros / 1e6) * opts.fps))
    }
    const args = pieceArgs(piece, pieceFiles[k] as string, opts)
    return runTool(opts.ffmpeg, args, { signal, onLine, threads: 1 })
  })

  // The concat demuxer reads the pieces' names from a list beside them.
  const list = path.join(opts.workDir, 'pieces.txt')
  await writeFile(list, pieceFiles.map((f) => `file '${path.basename(f)}'\n`).join(''))
  const music = (await opts.music) ?? null
  const audio = music === null ? plan.audioSamples : null
  const join = [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    '-f',
    'concat',
    '-i',
    `file:${list}`,
    ...(music !== null ? ['-i', `file:${music}`] : []),
    ...(audio !== null ? ['-filter_complex', `anullsrc=r=48000:cl=stereo,atrim=end_sample=${audio}[aout]`] : []),
    '-map',
    '0:v',
    '-c:v',
    'copy',
    ...(audio !== null ? ['-map', '[aout]', '-c:a', 'aac', '-b:a', '64k'] : []),
    // The music is already AAC at its final loudness and length: copied, not encoded again.
    ...(music !== null ? ['-map', '1:a:0', '-c:a', 'copy'] : []),
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    // Nothing of the clips' or the track's own tags; only the credit a library licence asks for.
    ...(music !== null ? metadataArgs(opts.musicMetadata) : []),
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    `file:${opts.output}`,
  ]
  await checkRun(await runTool(opts.ffmpeg, join, { signal: opts.signal }), opts.signal)
}

function metadataArgs(tags: EncodeOptions['musicMetadata']): string[] {
  return Object.entries(tags ?? {}).flatMap(([name, value]) => (value ? ['-metadata', `${name}=${value}`] : []))
}

function pieceArgs(piece: PlannedPiece, file: string, opts: EncodeOptions): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-y',
    '-progress',
    'pipe:1',
    '-nostats',
    ...piece.inputArgs,
    '-filter_complex',
    piece.filtergraph,
    '-map',
    '[vout]',
    '-c:v',
    'libx264',
    ...x264Quality(opts.size),
    '-pix_fmt',
    'yuv420p',
    '-profile:v',
    'high',
    '-g',
    String(opts.fps * 2), // a keyframe every 2 s: seeking in the player stays quick
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1', // nothing of the clips' metadata leaks through
    '-f',
    'mp4',
    `file:${file}`,
    // -update 1: the name is used as is, a % in it is not an image-sequence pattern.
    ...(piece.poster
      ? ['-map', '[poster]', '-frames:v', '1', '-q:v', '3', '-f', 'image2', '-update', '1', `file:${opts.poster}`]
      : []),
  ]
}

/**
 * Runs every piece, PIECES_AT_ONCE at a time, in order of starting. The first failure stops the
 * others (their ffmpeg is killed) and is what the stitch reports; nothing is left running when
 * this returns or throws.
 */
async function encodePieces<P>(
  pieces: readonly P[],
  signal: AbortSignal,
  run: (piece: P, index: number, signal: AbortSignal) => Promise<RunResult>,
): Promise<void> {
  const stop = new AbortController()
  const pieceSignal = AbortSignal.any([signal, stop.signal])
  let next = 0
  let failure: unknown
  const worker = async () => {
    while (next < pieces.length && !pieceSignal.aborted) {
      const k = next++
      try {
        await checkRun(await run(pieces[k] as P, k, pieceSignal), pieceSignal)
      } catch (e) {
        failure ??= e
        stop.abort(e)
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PIECES_AT_ONCE, pieces.length) }, worker))
  signal.throwIfAborted()
  if (failure !== undefined) throw failure
}

export async function checkRun(run: RunResult, signal: AbortSignal): Promise<void> {
  if (run.aborted || signal.aborted) throw signal.reason
  if (run.code === 0) return
  throw new StitchError({
    kind: 'ffmpeg_failed',
    reason: 'The video could not be put together.',
    message: `ffmpeg exited with ${run.signal ?? run.code}: ${run.stderrTail.at(-1) ?? 'no message'}`,
    stderrTail: run.stderrTail,
  })
}

/**
 * Monotonic, throttled to whole percents, and a throwing callback cannot break the render. The
 * pieces report the frames each has encoded; the last 5 % is the join and the renames.
 */
export type ProgressReport = ReturnType<typeof progressReporter>

export function progressReporter(onProgress: ((f: number) => void) | undefined, totalFrames: number) {
  let last = -1
  const done: number[] = []
  const emit = (fraction: number) => {
    if (!onProgress || fraction - last < 0.01) return
    last = fraction
    try {
      onProgress(fraction)
    } catch {
      // the caller's problem, not the render's
    }
  }
  const piece = (k: number, frames: number) => {
    done[k] = Math.max(done[k] ?? 0, frames)
    const sum = done.reduce((a, b) => a + (b ?? 0), 0)
    emit(Math.min(0.95, (sum / Math.max(1, totalFrames)) * 0.95))
  }
  return { piece, done: () => emit(1) }
}
