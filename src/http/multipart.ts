import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import busboy from 'busboy'
import type { MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Config } from '../config.js'
import type { MessageKey } from '../i18n/catalogs/index.js'
import { uploadTempDir } from '../storage.js'
import { bodyLimit, bodyLimits } from './body-limits.js'
import { BadFormError } from './forms.js'

/**
 * A file of a multipart form, kept in a temporary file under DATA_DIR/tmp instead of memory. It
 * is a File (backed by the file on disk, read only if asked), so form validation treats it like
 * any upload; code that can read from a path uses `path`. Only the first `keepBytes` are kept:
 * `sentBytes` says how large the file really was, so its size can still be told to the person,
 * and `sha256` is the digest of all it sent (what an Idempotency-Key compares, without reading
 * the file again).
 */
export class DiskFile extends File {
  constructor(
    blob: Blob,
    name: string,
    type: string,
    readonly path: string,
    readonly sentBytes: number,
    readonly sha256: string,
  ) {
    super([blob], name, { type })
  }
}

export type StreamedFormLimits = {
  /** Bytes of each file written to disk; the rest is counted and dropped. */
  keepBytes: number
  /** Text of all fields together (names and values), and the whole body when it is not multipart. */
  maxTextBytes: number
  maxFields: number
  maxFiles: number
}

// Message keys: src/http/errors.tsx says them in the request's language.
const TOO_MANY_PARTS = 'http.tooManyParts' satisfies MessageKey
const INTERRUPTED = 'http.uploadInterrupted' satisfies MessageKey
const UNREADABLE = 'http.formUnreadable' satisfies MessageKey

/**
 * For routes that take a photo: parses a multipart body as it arrives, each file streamed to a
 * temporary file, and hands the form to the validator (through hono's body cache) with the files
 * as DiskFiles. The temporary files are removed when the request ends, whatever happened. The
 * route's body limit (before this) caps the whole body while it streams; a body that is not
 * multipart cannot carry a file and is capped at maxTextBytes.
 */
export function streamedForm(limits: StreamedFormLimits): MiddlewareHandler {
  const textOnly = bodyLimit(limits.maxTextBytes, () => {
    throw new HTTPException(413, { message: bodyLimits.form.message })
  })
  return async (c, next) => {
    const type = c.req.header('content-type') ?? ''
    // The body limits before this (the app's net, the route's) made c.req.raw one of theirs, so
    // this is their counting stream, read with backpressure (see body-limits.ts).
    const body = c.req.raw.body
    if (!body) return next()
    if (!/^multipart\/form-data\s*;/i.test(type)) return textOnly(c, next)
    const dir = uploadTempDir((c.var.config as Config).dataDir)
    const temps: string[] = []
    try {
      c.req.bodyCache.formData = await parseToDisk(body, type, dir, temps, limits)
      await next()
    } finally {
      await Promise.all(temps.map((file) => fs.promises.rm(file, { force: true })))
    }
  }
}

type Entry = [name: string, value: string | DiskFile]

async function parseToDisk(
  body: ReadableStream<Uint8Array>,
  contentType: string,
  dir: string,
  temps: string[],
  limits: StreamedFormLimits,
): Promise<FormData> {
  let parser: busboy.Busboy
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      limits: {
        fieldSize: limits.maxTextBytes,
        fields: limits.maxFields,
        files: limits.maxFiles,
        parts: limits.maxFields + limits.maxFiles,
        // A backstop only: the route's body limit stops a larger body first.
        fileSize: bodyLimits.upload.maxSize,
      },
    })
  } catch {
    throw new BadFormError(400, UNREADABLE)
  }
  await fs.promises.mkdir(dir, { recursive: true })
  // Entries keep the order they came in (repeated fields become lists in that order).
  const entries: Entry[] = []
  const writes: Promise<void>[] = []
  let refusal: Error | undefined
  const refuse = (err: Error) => {
    refusal ??= err
    parser.destroy(err)
  }
  let textBytes = 0
  parser.on('field', (name, value, info) => {
    textBytes += Buffer.byteLength(name) + Buffer.byteLength(value)
    if (info.valueTruncated || textBytes > limits.maxTextBytes) {
      refuse(new HTTPException(413, { message: bodyLimits.form.message }))
    } else entries.push([name, value])
  })
  parser.on('file', (name, stream, info) => {
    const file = path.join(dir, `upload-${randomUUID()}.part`)
    temps.push(file)
    const at = entries.push([name, '']) - 1
    writes.push(
      keepToDisk(stream, file, limits.keepBytes).then(async ({ sentBytes, sha256 }) => {
        const blob = await fs.openAsBlob(file, { type: info.mimeType })
        entries[at] = [name, new DiskFile(blob, info.filename ?? '', info.mimeType, file, sentBytes, sha256)]
      }),
    )
  })
  for (const event of ['fieldsLimit', 'filesLimit', 'partsLimit'] as const) {
    parser.on(event, () => refuse(new BadFormError(400, TOO_MANY_PARTS)))
  }

  try {
    await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream), parser)
    await Promise.all(writes)
  } catch (err) {
    // Every file write has stopped before the temporary files are removed.
    await Promise.allSettled(writes)
    if (refusal) throw refusal
    // The body limit's own 413 and 408 pass as they are; anything else means the body broke off.
    if (err instanceof HTTPException) throw err
    if (err instanceof Error && /Unexpected end of form|Malformed/i.test(err.message)) {
      throw new BadFormError(400, UNREADABLE)
    }
    throw new HTTPException(400, { message: INTERRUPTED })
  }
  const form = new FormData()
  for (const [name, value] of entries) form.append(name, value)
  return form
}

/** Writes the first keepBytes of a file part to disk; counts and digests all of it. */
async function keepToDisk(
  stream: Readable,
  file: string,
  keepBytes: number,
): Promise<{ sentBytes: number; sha256: string }> {
  let sent = 0
  const digest = createHash('sha256')
  const keep = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const room = keepBytes - sent
      sent += chunk.length
      digest.update(chunk)
      done(null, room <= 0 ? undefined : room >= chunk.length ? chunk : chunk.subarray(0, room))
    },
  })
  await pipeline(stream, keep, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }))
  return { sentBytes: sent, sha256: digest.digest('hex') }
}
