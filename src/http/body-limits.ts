import type { IncomingMessage, ServerOptions } from 'node:http'
import type { Context, MiddlewareHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { Config } from '../config.js'
import type { MessageKey } from '../i18n/catalogs/index.js'

const KB = 1024
const MB = 1024 * KB

// The refusals' words are message keys (src/i18n): src/http/errors.tsx says them in the page's
// language, or in the one the API's Accept-Language asks for.

/** The photo rule, in the words every page and the API use. */
export const PHOTO_TOO_LARGE = 'http.photoTooLarge' satisfies MessageKey

/** Said to a client whose body stopped arriving (see BODY_IDLE_SECONDS). */
export const BODY_STALLED = 'http.bodyStalled' satisfies MessageKey

// Each route that reads a body puts one of these in front of its validator, so the limit is
// where the route is. The app adds the largest one to every request with a body as a net.
export const bodyLimits = {
  // A screenplay of 8 shots with 2000-character Chinese prompts (9 bytes a character once
  // form-encoded), far below anything that could hurt.
  form: { maxSize: 256 * KB, message: 'error.tooLarge' },
  // Photos may be 15 MB; a little more lets an oversized photo get a friendly form message.
  upload: { maxSize: 20 * MB, message: PHOTO_TOO_LARGE },
  api: { maxSize: 1 * MB, message: 'api.problem.bodyTooLarge' },
} as const satisfies Record<string, { maxSize: number; message: MessageKey }>

/**
 * Node's own limits on a request: its headers within 20 s, all of it within 3 minutes (a 20 MB
 * upload at about 1 Mbit/s). Checked every 5 s instead of Node's 30 s. A body that stops moving
 * for BODY_IDLE_SECONDS is cut off sooner, by the body limit below.
 */
export const serverTimeouts: ServerOptions = {
  headersTimeout: 20_000,
  requestTimeout: 180_000,
  connectionsCheckingInterval: 5_000,
}

type OnRefusal = (c: Context) => Response | Promise<Response>

/**
 * A body limit that never holds the body: hono's own bodyLimit buffers a chunked body whole
 * before counting it. This one refuses a declared Content-Length over the limit at once, and
 * otherwise hands the route a stream that counts as it is read, failing with 413 past the limit
 * and with 408 when the client sends nothing for BODY_IDLE_SECONDS. The failure reaches
 * whichever reader the route uses (form parser, upload stream); afterwards the answer is set
 * here, so it is the route's own 413 even if a reader turned the failure into something else.
 */
export function bodyLimit(
  maxSize: number,
  onTooLarge: OnRefusal,
  onStalled: OnRefusal = () => {
    throw new HTTPException(408, { message: BODY_STALLED })
  },
): MiddlewareHandler {
  return async (c, next) => {
    const declared = c.req.header('content-length')
    // A step before this one read the body whole, past this limit and its parsers' own limits
    // (it was once the API's Idempotency-Key): a mistake in the route's order, never let through.
    if (Object.keys((c.req as unknown as { bodyCache: object }).bodyCache).length > 0) {
      throw new Error('The request body was read before its body limit; put the limit first.')
    }
    const source = bodySource(c)
    if (!source) return next()
    if (declared !== undefined && Number(declared) > maxSize) return onTooLarge(c)
    const idleMs = (c.var.config as Config | undefined)?.bodyIdleMs ?? 30_000
    const state: BodyState = { over: false, stalled: false }
    // A new Request, not one made from c.req.raw: the server adapter's Request starts reading the
    // socket into a queue of its own as soon as its real Request is made (see chunksOf).
    c.req.raw = new Request(c.req.url, {
      method: c.req.method,
      headers: c.req.raw.headers,
      signal: c.req.raw.signal,
      body: countingStream(source, maxSize, idleMs, state),
      duplex: 'half',
    } as RequestInit)
    counted.add(c.req.raw)
    await next()
    // An inner limit (the route's) that saw the same failure has answered already, in its words.
    if ((!state.over && !state.stalled) || refused.has(c)) return
    refused.add(c)
    c.res = await (state.over ? onTooLarge(c) : onStalled(c))
  }
}

/** Where the body comes from: the socket for the first limit, the outer limit's stream inside it. */
function bodySource(c: Context): ChunkSource | null {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  if (incoming && !counted.has(c.req.raw)) {
    const chunked = c.req.header('transfer-encoding') !== undefined
    return chunked || Number(c.req.header('content-length') ?? 0) > 0 ? chunksOf(incoming) : null
  }
  const body = c.req.raw.body
  return body ? chunksOfStream(body) : null
}

type BodyState = { over: boolean; stalled: boolean }
type ChunkSource = () => Promise<IteratorResult<Uint8Array>>

/** Requests whose body is already one of ours, so an inner limit counts what the outer one passes on. */
const counted = new WeakSet<Request>()
/** Requests a limit has answered with its refusal. */
const refused = new WeakSet<Context>()

/**
 * The request's own socket stream, read a chunk at a time: Node's stream keeps at most its 16 kB
 * high-water mark and TCP holds back the rest until the route reads on. The web stream the server
 * adapter offers reads eagerly through Readable.toWeb, which on Node 20 queues without limit when
 * the reader is slower than the network (an upload written to a busy disk), so it is never
 * touched. The socket stream is never destroyed here: that would close the connection before our
 * answer; the server drains or closes it once it has answered.
 */
function chunksOf(incoming: IncomingMessage): ChunkSource {
  let iterator: AsyncIterator<Uint8Array> | undefined
  return () => {
    iterator ??= incoming[Symbol.asyncIterator]() // only once someone reads
    return iterator.next()
  }
}

function chunksOfStream(body: ReadableStream<Uint8Array>): ChunkSource {
  const reader = body.getReader()
  return () => reader.read() as Promise<IteratorResult<Uint8Array>>
}

function countingStream(
  next: ChunkSource,
  maxSize: number,
  idleMs: number,
  state: BodyState,
): ReadableStream<Uint8Array> {
  let size = 0
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let timer: NodeJS.Timeout | undefined
        const quiet = new Promise<'quiet'>((resolve) => {
          timer = setTimeout(() => resolve('quiet'), idleMs)
        })
        try {
          const read = await Promise.race([next(), quiet])
          if (read === 'quiet') {
            state.stalled = true
            throw new HTTPException(408, { message: BODY_STALLED })
          }
          if (read.done) return controller.close()
          size += read.value.byteLength
          if (size > maxSize) {
            state.over = true
            throw new HTTPException(413, { message: bodyLimits.form.message })
          }
          controller.enqueue(read.value)
        } catch (err) {
          if (err instanceof HTTPException && err.status === 408) state.stalled = true // from an outer limit
          // The source is left as it is (see chunksOf): whoever reads this stream sees the failure.
          controller.error(err)
        } finally {
          clearTimeout(timer)
        }
      },
    },
    // Read only when the route reads: the idle clock runs only while someone waits for the body.
    { highWaterMark: 0 },
  )
}

function limit({ maxSize, message }: { maxSize: number; message: string }): MiddlewareHandler {
  return bodyLimit(maxSize, () => {
    throw new HTTPException(413, { message })
  })
}

export const formBody = limit(bodyLimits.form)
export const uploadBody = limit(bodyLimits.upload)
export const apiBody = limit(bodyLimits.api)

// Well above the largest route limit, so a route's own limit (and its own message) answers first.
const net = limit({ maxSize: 2 * bodyLimits.upload.maxSize, message: bodyLimits.form.message })

/** The net under every route: no request body much larger than the largest route limit is ever read. */
export const anyBody: MiddlewareHandler = (c, next) =>
  c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : net(c, next)
