import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import type { TestApp } from './app.js'
import type { BrowserClient } from './browser-client.js'

export type StreamedAnswer = { status: number; headers: Record<string, string>; body: string }

/**
 * A multipart upload written by hand on a socket of its own, the photo read from a file on disk,
 * so this process (which also runs the server) never holds the photo in memory. The body can be
 * sent in parts and held (send(), then finish()), so a test can look at the server while it is
 * receiving. A raw socket rather than http.request: Node's client drops an answer that arrives
 * while it is still writing once its next write fails, and a server that refuses early is
 * exactly what some tests look at.
 */
export function startUpload(
  app: TestApp,
  /** A signed-in browser (its cookie and origin are sent), or null for an API call (see `headers`). */
  client: BrowserClient | null,
  path: string,
  opts: {
    /** `field` is the form field's name: "photo" on the pages (the default), "image" in the API. */
    photo: { file: string; name: string; type: string; field?: string }
    fields?: Record<string, string | string[]>
    chunked?: boolean
    htmx?: boolean
    /** Sent as well, e.g. an API key and an Idempotency-Key. */
    headers?: Record<string, string>
  },
) {
  const boundary = `----lumina-test-${randomUUID()}`
  let head = ''
  for (const [name, value] of Object.entries(opts.fields ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      head += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`
    }
  }
  head += `--${boundary}\r\nContent-Disposition: form-data; name="${opts.photo.field ?? 'photo'}"; filename="${opts.photo.name}"\r\n`
  head += `Content-Type: ${opts.photo.type}\r\n\r\n`
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const photoBytes = fs.statSync(opts.photo.file).size
  const total = Buffer.byteLength(head) + photoBytes + tail.length
  const { host } = new URL(app.url)
  const lines = [
    `POST ${path} HTTP/1.1`,
    `Host: ${host}`,
    `Content-Type: multipart/form-data; boundary=${boundary}`,
    ...(client
      ? [`Origin: ${client.origin}`, `Cookie: ${[...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ')}`]
      : []),
    opts.chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${total}`,
    ...(opts.htmx ? ['HX-Request: true'] : []),
    ...Object.entries(opts.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
  ]
  const socket = net.connect(Number(new URL(app.url).port), new URL(app.url).hostname)
  socket.write(`${lines.join('\r\n')}\r\n\r\n`)
  const received: Buffer[] = []
  let responded = false
  // Keep-alive, as a browser sends it (with Connection: close the server would close as soon as it
  // has answered a refusal, racing the client's next write): the answer ends at its length.
  const answer = new Promise<StreamedAnswer>((resolve) => {
    const done = () => {
      resolve(parseAnswer(Buffer.concat(received)))
      socket.destroy()
    }
    socket.on('data', (d: Buffer) => {
      responded = true
      received.push(d)
      if (answerComplete(Buffer.concat(received))) done()
    })
    socket.on('close', done)
  })
  // The server may close the connection once it has answered, before reading everything.
  socket.on('error', () => {})

  const write = async (bytes: Buffer) => {
    if (socket.destroyed || responded) return
    const framed = opts.chunked
      ? Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')])
      : bytes
    // A server that has answered may close at any time: a failed write ends the sending, quietly
    // (the answer, if any, is still read). Not events.once, which rejects on 'error'.
    try {
      if (!socket.write(framed, () => {})) {
        await new Promise((resolve) => socket.once('drain', resolve).once('close', resolve))
      }
    } catch {
      socket.destroy()
    }
  }
  let headSent = false
  /** Sends the form up to `bytes` of the photo (all of it by default); stops if the server answers. */
  const send = async (bytes = photoBytes) => {
    if (!headSent) await write(Buffer.from(head))
    headSent = true
    const stream = fs.createReadStream(opts.photo.file, { start: 0, end: bytes - 1, highWaterMark: 64 * 1024 })
    for await (const chunk of stream) {
      if (responded || socket.destroyed) break
      await write(chunk as Buffer)
    }
    stream.destroy()
  }
  return {
    total,
    photoBytes,
    answer,
    send,
    finish: async () => {
      await write(tail)
      if (opts.chunked && !responded && !socket.destroyed) socket.write('0\r\n\r\n')
      return answer
    },
    abort: () => void socket.destroy(),
  }
}

/** True once the answer's head and its whole body (by Content-Length or the last chunk) are in. */
function answerComplete(raw: Buffer): boolean {
  const end = raw.indexOf('\r\n\r\n')
  if (end < 0) return false
  const head = raw.subarray(0, end).toString('latin1')
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1]
  if (length !== undefined) return raw.length - end - 4 >= Number(length)
  return /\r\ntransfer-encoding:\s*chunked/i.test(head) && raw.subarray(end).includes('\r\n0\r\n\r\n')
}

/** Status, headers and body of an HTTP/1.1 answer (Content-Length, chunked, or until close). */
function parseAnswer(raw: Buffer): StreamedAnswer {
  const end = raw.indexOf('\r\n\r\n')
  if (end < 0) return { status: 0, headers: {}, body: '' }
  const [statusLine, ...headerLines] = raw.subarray(0, end).toString('latin1').split('\r\n')
  const headers: Record<string, string> = {}
  for (const line of headerLines) {
    const colon = line.indexOf(':')
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim()
  }
  let body = raw.subarray(end + 4)
  if (headers['transfer-encoding'] === 'chunked') body = dechunk(body)
  return { status: Number(statusLine?.split(' ')[1] ?? 0), headers, body: body.toString('utf8') }
}

function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const lineEnd = body.indexOf('\r\n', at)
    if (lineEnd < 0) break
    const size = Number.parseInt(body.subarray(at, lineEnd).toString('latin1'), 16)
    if (!size) break
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size))
    at = lineEnd + 2 + size + 2
  }
  return Buffer.concat(parts)
}
