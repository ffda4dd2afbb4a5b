import { randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { open, rename, unlink } from 'node:fs/promises'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { BUSY_REASON } from './codes.js'
import { LibtvError } from './errors.js'
import { type FetchPolicy, fetchAllowed } from './fetch-policy.js'
import { type FetchLike, parseRetryAfter, withTimeout } from './transport.js'

const EXPIRED_REASON =
  'The rendered clip is no longer available from the video service; the shot has to be rendered again.'
const BAD_FILE_REASON = 'The video service returned a file that is not a usable MP4.'
const BAD_LINK_REASON = 'The video service returned a link to a place we do not download from.'

function downloadError(
  message: string,
  reason: string,
  retryable = false,
  code: number | null = null,
  retryAfterMs: number | null = null,
): LibtvError {
  return new LibtvError({
    kind: retryable ? 'unavailable' : 'download',
    retryable,
    reason,
    code,
    message,
    retryAfterMs,
  })
}

/**
 * A 2xx whose body is not a whole MP4 (a gateway's HTML page, a body cut short): asking again is
 * safe, so it is retried; if every attempt gets the same, the shot fails with the file's reason.
 */
function notWholeMp4(message: string): LibtvError {
  return new LibtvError({ kind: 'download', retryable: true, reason: BAD_FILE_REASON, message })
}

/**
 * One attempt at copying a result MP4 to `destPath`. The URL (and every redirect) must be one
 * the policy allows; the whole attempt, body included, must end within `timeoutMs`. The bytes
 * stream to a temporary file beside it (never whole in memory), are capped at `maxBytes`, must
 * start with an MP4 `ftyp` box, and the file appears at `destPath` only complete, by an atomic rename.
 */
export async function downloadOnce(opts: {
  url: string
  destPath: string
  maxBytes: number
  fetch: FetchLike
  policy: FetchPolicy
  timeoutMs: number
  signal?: AbortSignal | undefined
}): Promise<{ bytes: number }> {
  const tmpPath = `${opts.destPath}.${randomUUID()}.part`
  try {
    return await withTimeout('download', opts.timeoutMs, opts.signal, async (signal) => {
      const { url, policy, fetch } = opts
      const res = await fetchAllowed({ op: 'download', url, policy, fetch, reason: BAD_LINK_REASON, signal })
      if (!res.ok) {
        await res.body?.cancel().catch(() => {})
        // LibTV's result URLs expire after 7 days; OSS answers 403 for an expired link, 404 when gone.
        if ([403, 404, 410].includes(res.status)) {
          throw downloadError(`LibTV download: HTTP ${res.status}`, EXPIRED_REASON, false, res.status)
        }
        const transient = res.status === 429 || res.status >= 500
        throw downloadError(
          `LibTV download: HTTP ${res.status}`,
          transient ? BUSY_REASON : BAD_FILE_REASON,
          transient,
          res.status,
          parseRetryAfter(res.headers.get('retry-after'), Date.now()),
        )
      }
      const declared = Number(res.headers.get('content-length') ?? NaN)
      if (declared > opts.maxBytes || !res.body) {
        await res.body?.cancel().catch(() => {})
        throw downloadError(
          `LibTV download: ${res.body ? `${declared} bytes is over the cap` : 'empty answer'}`,
          BAD_FILE_REASON,
        )
      }
      const guard = mp4Guard(opts.maxBytes)
      try {
        await pipeline(
          Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>),
          guard.stream,
          createWriteStream(tmpPath, { flags: 'wx' }),
        )
      } catch (e) {
        if (e instanceof LibtvError) throw e
        // A local write failure is ours, not LibTV's: do not retry it as if the network failed.
        const local = e as { syscall?: unknown; code?: unknown }
        if (typeof local.syscall === 'string') {
          throw downloadError(
            `LibTV download: cannot write the file (${String(local.code)})`,
            'The clip could not be saved on this server.',
          )
        }
        throw e
      }
      if (Number.isFinite(declared) && declared !== guard.bytes())
        throw notWholeMp4(`LibTV download: ${guard.bytes()} of ${declared} bytes`)
      await checkMp4Boxes(tmpPath, guard.bytes())
      await rename(tmpPath, opts.destPath)
      return { bytes: guard.bytes() }
    })
  } finally {
    await unlink(tmpPath).catch(() => {}) // gone already after a successful rename
  }
}

/** Counts bytes against the cap and checks bytes 4..8 are "ftyp" (ISO BMFF's first box). */
function mp4Guard(maxBytes: number): { stream: Transform; bytes: () => number } {
  let total = 0
  let head = Buffer.alloc(0)
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length
      if (total > maxBytes) return done(downloadError(`LibTV download: more than ${maxBytes} bytes`, BAD_FILE_REASON))
      if (head.length < 8) {
        head = Buffer.concat([head, chunk.subarray(0, 8 - head.length)])
        if (head.length >= 8 && head.toString('latin1', 4, 8) !== 'ftyp') {
          return done(notWholeMp4('LibTV download: not an MP4 (no ftyp box)'))
        }
      }
      done(null, chunk)
    },
    flush(done) {
      done(head.length < 8 ? notWholeMp4('LibTV download: file too short to be an MP4') : null)
    },
  })
  return { stream, bytes: () => total }
}

/**
 * An MP4 is a chain of boxes, each starting with its size: the top-level ones must end exactly at
 * the end of the file and include the movie header (moov) and the media (mdat). A file cut short
 * anywhere fails this, even when its Content-Length was cut to match.
 */
async function checkMp4Boxes(file: string, size: number): Promise<void> {
  const fh = await open(file, 'r')
  try {
    const header = Buffer.alloc(16)
    const seen = new Set<string>()
    let at = 0
    while (at < size) {
      const { bytesRead } = await fh.read(header, 0, 16, at)
      if (bytesRead < 8) break
      let boxSize = header.readUInt32BE(0)
      const type = header.toString('latin1', 4, 8)
      if (boxSize === 1 && bytesRead >= 16) boxSize = Number(header.readBigUInt64BE(8))
      else if (boxSize === 0) boxSize = size - at // "to the end of the file"
      if (boxSize < 8) break
      seen.add(type)
      at += boxSize
    }
    if (at !== size || !seen.has('moov') || !seen.has('mdat'))
      throw notWholeMp4(`LibTV download: an incomplete MP4 (${size} bytes, boxes end at ${at})`)
  } finally {
    await fh.close()
  }
}
