import { execFile } from 'node:child_process'
import { mkdtemp, open, readdir, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

/** Small real clips from lavfi sources and ways to look inside what ffmpeg made. No binary fixtures. */

const run = promisify(execFile)
export const FFMPEG = '/usr/bin/ffmpeg'
export const FFPROBE = '/usr/bin/ffprobe'

export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `stitch-test-${prefix}-`))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

export interface ClipSpec {
  width: number
  height: number
  fps: number
  seconds: number
  /** testsrc2 (moving pattern) or a solid colour, so two frames of the same shot are identical. */
  source?: 'testsrc2' | { color: string }
  audio?: boolean
}

export async function makeClip(file: string, spec: ClipSpec): Promise<string> {
  const { width, height, fps, seconds } = spec
  const video =
    typeof spec.source === 'object'
      ? `color=c=${spec.source.color}:s=${width}x${height}:r=${fps}:d=${seconds}`
      : `testsrc2=s=${width}x${height}:r=${fps}:d=${seconds}`
  const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', video]
  if (spec.audio) args.push('-f', 'lavfi', '-i', `sine=f=440:r=44100:d=${seconds}`, '-c:a', 'aac', '-shortest')
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file)
  await run(FFMPEG, args)
  return file
}

export interface Probe {
  streams: {
    codec_type: string
    codec_name: string
    pix_fmt?: string
    width?: number
    height?: number
    nb_frames?: string
    duration?: string
  }[]
  format: { duration: string; format_name: string }
}

export async function probe(file: string): Promise<Probe> {
  const { stdout } = await run(FFPROBE, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file])
  return JSON.parse(stdout) as Probe
}

/** Top-level MP4 box types in file order (faststart puts moov before mdat). */
export async function topLevelBoxes(file: string): Promise<string[]> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const types: string[] = []
    const header = Buffer.alloc(16)
    let offset = 0
    while (offset + 8 <= size) {
      await handle.read(header, 0, 16, offset)
      let boxSize = header.readUInt32BE(0)
      types.push(header.toString('latin1', 4, 8))
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8))
      else if (boxSize === 0) boxSize = size - offset
      if (boxSize < 8) throw new Error(`bad box size ${boxSize} at ${offset}`)
      offset += boxSize
    }
    return types
  } finally {
    await handle.close()
  }
}

export async function isJpeg(file: string): Promise<boolean> {
  const bytes = await readFile(file)
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes.at(-2) === 0xff && bytes.at(-1) === 0xd9
}

export interface Frame {
  width: number
  height: number
  rgb: Buffer
}

/** One decoded frame at `seconds`, as raw RGB. */
export async function frameAt(file: string, seconds: number): Promise<Frame> {
  const { stdout: dims } = await run(FFPROBE, [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height',
    '-of',
    'csv=p=0',
    file,
  ])
  const [width, height] = dims.trim().split(',').map(Number) as [number, number]
  const { stdout } = await run(
    FFMPEG,
    [
      '-v',
      'error',
      '-ss',
      String(seconds),
      '-i',
      file,
      '-frames:v',
      '1',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      'pipe:1',
    ],
    { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
  )
  return { width, height, rgb: stdout }
}

/** Every frame a filtergraph output produces, decoded losslessly (no encoder in between). */
export async function renderFrames(args: string[], width: number, height: number): Promise<Buffer[]> {
  const { stdout } = await run(FFMPEG, ['-v', 'error', ...args, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'], {
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
  })
  const size = width * height * 3
  const frames: Buffer[] = []
  for (let o = 0; o + size <= stdout.length; o += size) frames.push(stdout.subarray(o, o + size))
  return frames
}

/** Pixels in rows [y0, y1) whose colour differs by more than `threshold` in any channel. */
export function differingPixels(a: Buffer, b: Buffer, width: number, rows: [number, number], threshold = 0): number {
  let count = 0
  for (let y = rows[0]; y < rows[1]; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      if (Math.max(...[0, 1, 2].map((c) => Math.abs((a[i + c] ?? 0) - (b[i + c] ?? 0)))) > threshold) count++
    }
  }
  return count
}

/** Files left in a directory (recursively, names only). */
export async function leftovers(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String)
}

/** Live processes whose command line mentions `marker` (Linux /proc). */
export async function processesMentioning(marker: string): Promise<number[]> {
  const pids: number[] = []
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue
    try {
      const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8')
      if (cmdline.includes(marker)) pids.push(Number(entry))
    } catch {
      // the process ended while we looked
    }
  }
  return pids
}

/**
 * Renders the exact filtergraphs stitchVideo would run, piece after piece, but to raw frames
 * instead of x264: pixels can then be compared exactly. The poster output is discarded.
 */
export async function renderPlanFrames(
  plan: { pieces: { inputArgs: string[]; filtergraph: string; poster: boolean }[] },
  width: number,
  height: number,
): Promise<Buffer[]> {
  const frames: Buffer[] = []
  for (const piece of plan.pieces) {
    const poster = piece.poster ? ['-map', '[poster]', '-f', 'null', '-'] : []
    const args = [...piece.inputArgs, '-filter_complex', piece.filtergraph, ...poster, '-map', '[vout]']
    frames.push(...(await renderFrames(args, width, height)))
  }
  return frames
}
