import { access, constants } from 'node:fs/promises'
import { z } from 'zod'
import { StitchError } from './errors.js'
import { runTool } from './ffmpeg.js'

export interface ClipInfo {
  width: number
  height: number
  /** The video stream's duration (not the container's, which an audio track can stretch). */
  durationSeconds: number
  hasAudio: boolean
}

const probeOutput = z.object({
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        duration: z.string().optional(),
      }),
    )
    .default([]),
  format: z.object({ duration: z.string().optional() }).optional(),
})

/**
 * Input options shared by ffprobe and ffmpeg for clips. Forcing the MP4/MOV demuxer means a
 * downloaded file that is really an HLS playlist or a concat script cannot make ffmpeg open
 * other files or URLs; `file:` keeps a path with a colon from being read as a protocol.
 */
export function clipInputArgs(file: string): string[] {
  return ['-f', 'mov', '-i', `file:${file}`]
}

/** `shot` is 1-based, for messages. `file` must be absolute. */
export async function probeClip(
  ffprobePath: string,
  file: string,
  shot: number,
  signal?: AbortSignal,
): Promise<ClipInfo> {
  try {
    await access(file, constants.R_OK)
  } catch (e) {
    throw new StitchError({
      kind: 'missing_clip',
      reason: `The clip for shot ${shot} is missing.`,
      message: `clip ${shot} not readable: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      shot,
      cause: e,
    })
  }
  const args = [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,width,height,duration:format=duration',
    '-of',
    'json',
  ]
  const run = await runTool(ffprobePath, [...args, ...clipInputArgs(file)], { signal, keepStdout: true })
  if (run.aborted) throw signal?.reason ?? new StitchError({ kind: 'aborted', reason: 'The render was cancelled.' })
  const bad = (detail: string) =>
    new StitchError({
      kind: 'bad_clip',
      reason: `The clip for shot ${shot} is not a playable video.`,
      message: `clip ${shot}: ${detail}`,
      shot,
      stderrTail: run.stderrTail,
    })
  if (run.code !== 0) throw bad(`ffprobe exited with ${run.signal ?? run.code}`)
  let parsed: z.infer<typeof probeOutput>
  try {
    parsed = probeOutput.parse(JSON.parse(run.stdout))
  } catch {
    throw bad('ffprobe output is not the JSON expected')
  }
  const video = parsed.streams.find((s) => s.codec_type === 'video')
  const duration = Number(video?.duration ?? parsed.format?.duration)
  if (!video?.width || !video.height) throw bad('no video stream')
  if (!Number.isFinite(duration) || duration <= 0) throw bad('no duration')
  return {
    width: video.width,
    height: video.height,
    durationSeconds: duration,
    hasAudio: parsed.streams.some((s) => s.codec_type === 'audio'),
  }
}
