import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { english, type Said } from '../i18n/said.js'
import { MIN_TRACK_SECONDS } from '../music/index.js'

/**
 * The gate of a person's own track: ffprobe says what the file is (never its name or the type the
 * browser claimed), anything but audio in one of the four formats is refused, as is a track over
 * 5 minutes or under 5 s; what passes is re-encoded to one format (AAC-LC in MP4, 48 kHz stereo)
 * with every tag, chapter and cover picture left behind. Both tools run with an argument array,
 * no shell, at nice 10 and within a time limit.
 */
export const trackLimits = { maxBytes: 20 * 1024 * 1024, maxSeconds: 300, minSeconds: MIN_TRACK_SECONDS }
export const TRACK_BITRATE = '192k'
const run = promisify(execFile)
const PROBE_TIMEOUT_MS = 20_000
const ENCODE_TIMEOUT_MS = 120_000

/** ffprobe's format names for what we take: MP3, MP4/M4A (AAC, ALAC), raw AAC (ADTS), WAV, Ogg. */
const FORMATS = ['mp3', 'mov,mp4,m4a,3gp,3g2,mj2', 'aac', 'wav', 'ogg'] as const

export class TrackRejected extends Error {
  constructor(readonly said: Said) {
    super(english(said))
  }
}

export type ProbedAudio = { seconds: number; format: string }

type ProbeJson = {
  format?: { format_name?: string; duration?: string }
  streams?: { codec_type?: string; duration?: string; disposition?: { attached_pic?: number } }[]
}

export async function probeAudio(ffprobe: string, file: string, signal?: AbortSignal): Promise<ProbedAudio> {
  let json: ProbeJson
  try {
    const { stdout } = await run(
      ffprobe,
      [
        '-v',
        'error',
        '-show_entries',
        'format=format_name,duration:stream=codec_type,duration:stream_disposition=attached_pic',
        '-of',
        'json',
        `file:${file}`,
      ],
      { timeout: PROBE_TIMEOUT_MS, maxBuffer: 1024 * 1024, ...(signal ? { signal } : {}) },
    )
    json = JSON.parse(stdout) as ProbeJson
  } catch {
    throw new TrackRejected({ key: 'music.upload.notAudio' })
  }
  const format = json.format?.format_name ?? ''
  const streams = json.streams ?? []
  const audio = streams.filter((s) => s.codec_type === 'audio')
  // A cover picture in an MP3 or M4A is fine (it is dropped); a film is not a track.
  const pictures = streams.filter((s) => s.codec_type === 'video' && s.disposition?.attached_pic !== 1)
  if (!(FORMATS as readonly string[]).includes(format) || audio.length === 0 || pictures.length > 0)
    throw new TrackRejected({ key: 'music.upload.notAudio' })
  const seconds = Number(json.format?.duration ?? audio[0]?.duration)
  if (!Number.isFinite(seconds) || seconds <= 0) throw new TrackRejected({ key: 'music.upload.notAudio' })
  if (seconds > trackLimits.maxSeconds + 0.5)
    throw new TrackRejected({ key: 'music.upload.tooLong', values: { length: clock(seconds) } })
  if (seconds < trackLimits.minSeconds) throw new TrackRejected({ key: 'music.upload.tooShort' })
  return { seconds, format }
}

/**
 * Re-encodes the first audio stream to `out` (AAC in MP4, no tags) and answers the seconds of what
 * was written, which is what the page shows and the mix trusts. A file ffprobe read but ffmpeg
 * cannot decode is "not audio" too.
 */
export async function encodeTrack(ffmpeg: string, file: string, out: string, signal?: AbortSignal): Promise<void> {
  try {
    await run(
      'nice',
      [
        '-n',
        '10',
        ffmpeg,
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-y',
        '-i',
        `file:${file}`,
        '-map',
        '0:a:0',
        '-vn',
        '-sn',
        '-dn',
        '-map_metadata',
        '-1',
        '-map_chapters',
        '-1',
        '-t',
        String(trackLimits.maxSeconds),
        '-c:a',
        'aac',
        '-b:a',
        TRACK_BITRATE,
        '-ar',
        '48000',
        '-ac',
        '2',
        // No "encoder" tag either: the file says nothing but its sound.
        '-fflags',
        '+bitexact',
        '-flags:a',
        '+bitexact',
        '-movflags',
        '+faststart',
        '-f',
        'mp4',
        `file:${out}`,
      ],
      { timeout: ENCODE_TIMEOUT_MS, maxBuffer: 1024 * 1024, ...(signal ? { signal } : {}) },
    )
  } catch (err) {
    if (signal?.aborted) throw err
    throw new TrackRejected({ key: 'music.upload.notAudio' })
  }
}

/** 3:07: minutes and seconds, as players show a length. */
export function clock(seconds: number): string {
  const whole = Math.round(seconds)
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}
