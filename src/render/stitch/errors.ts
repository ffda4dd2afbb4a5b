/**
 * One error type for the stitching boundary: a typed error with a kind, never a thrown string.
 * `reason` is a sentence a user may see; `message` and `stderrTail` are for the operator's log.
 * Neither holds caption text: ffmpeg runs with `-loglevel error`, which never echoes it.
 */
export type StitchErrorKind =
  | 'invalid_input' // the request itself is wrong (bad colour, odd size, no clips…)
  | 'missing_clip' // a clip file does not exist or cannot be read
  | 'bad_clip' // a clip exists but is not a video ffprobe can read
  | 'ffmpeg_unavailable' // the ffmpeg/ffprobe binary cannot be started
  | 'ffmpeg_failed' // ffmpeg ran and exited with an error
  | 'timeout' // timeoutMs elapsed; ffmpeg was killed
  | 'aborted' // the caller's AbortSignal fired; ffmpeg was killed
  | 'output' // the result could not be written or moved into place

export class StitchError extends Error {
  override name = 'StitchError'
  readonly kind: StitchErrorKind
  /** A short sentence a person can understand. */
  readonly reason: string
  /** 1-based shot number the error is about, when there is one. */
  readonly shot: number | null
  /** ffmpeg's last stderr lines, for the log only. */
  readonly stderrTail: readonly string[]

  constructor(init: {
    kind: StitchErrorKind
    reason: string
    message?: string
    shot?: number | null
    stderrTail?: readonly string[]
    cause?: unknown
  }) {
    super(init.message ?? init.reason, init.cause === undefined ? undefined : { cause: init.cause })
    this.kind = init.kind
    this.reason = init.reason
    this.shot = init.shot ?? null
    this.stderrTail = init.stderrTail ?? []
  }
}

export function isStitchError(e: unknown): e is StitchError {
  return e instanceof StitchError
}
