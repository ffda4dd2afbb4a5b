import fs from 'node:fs'
import { Readable } from 'node:stream'
import type { Context } from 'hono'

type SendFileOptions = {
  contentType: string
  /** Strong validator for conditional requests, e.g. the content hash. */
  etag?: string
  /** `inline` or `attachment; filename="…"`. */
  disposition?: string
  cacheControl?: string
}

/**
 * Streams a file from disk (never read whole into memory), with single-range support so video
 * players can seek. Returns null when the file is missing, so callers answer 404 their own way.
 */
export async function sendFile(c: Context, file: string, options: SendFileOptions): Promise<Response | null> {
  let size: number
  try {
    const stat = await fs.promises.stat(file)
    if (!stat.isFile()) return null
    size = stat.size
  } catch {
    return null
  }
  const headers: Record<string, string> = {
    'Content-Type': options.contentType,
    'Accept-Ranges': 'bytes',
    'Cache-Control': options.cacheControl ?? 'private, no-cache',
    'X-Content-Type-Options': 'nosniff',
  }
  if (options.etag) headers.ETag = `"${options.etag}"`
  if (options.disposition) headers['Content-Disposition'] = options.disposition
  if (options.etag && c.req.header('if-none-match') === `"${options.etag}"`) return c.body(null, 304, headers)

  const range = parseRange(c.req.header('range'), size)
  if (range === 'unsatisfiable') {
    return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${size}` })
  }
  const { start, end } = range ?? { start: 0, end: size - 1 }
  const length = size === 0 ? 0 : end - start + 1
  headers['Content-Length'] = String(length)
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`
  if (c.req.method === 'HEAD' || length === 0) return c.body(null, range ? 206 : 200, headers)
  const stream = Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream<Uint8Array>
  return c.body(stream, range ? 206 : 200, headers)
}

/** One `bytes=a-b`, `bytes=a-` or `bytes=-n` range; anything else is served whole (RFC 9110 allows that). */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return null
  let start: number
  let end: number
  if (match[1] === '') {
    const suffix = Number(match[2])
    if (suffix === 0) return 'unsatisfiable'
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(match[1])
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1)
  }
  if (start >= size || start > end) return 'unsatisfiable'
  return { start, end }
}
