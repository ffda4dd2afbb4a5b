import type { IncomingMessage, ServerResponse } from 'node:http'
import { LIBTV_ERROR_CODES } from '../codes.js'
import type { Fault, TaskOutcome } from './faults.js'

/** One request as the simulator received it: enough to prove what left the app for LibTV. */
export type RecordedRequest = {
  at: number
  method: string
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  /** Parsed JSON; for multipart the fields in order (the file as its size); else the text. */
  body: unknown
  /** For a submit the simulator accepted: the task it created (what was charged, answer lost or not). */
  createdTask?: string
  /** A submit accepted, or an upload stored, whose answer was dropped on purpose (fault 'lost-answer'). */
  answerLost?: boolean
  /** The fault this request was answered with, if any. */
  fault?: Fault['type']
  /** For a submit that created a task: how the task was set to end. */
  taskOutcome?: TaskOutcome['type']
}

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new BodyTooLarge()
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

export function describeBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return null
  if (contentType?.startsWith('multipart/')) return null // filled in by the upload route once parsed
  const text = raw.toString('utf8')
  try {
    return JSON.parse(text)
  } catch {
    return text.slice(0, 4000)
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const body = JSON.stringify(value)
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    ...headers,
  })
  res.end(body)
}

/** LibTV's envelope: {code, msg, data} (docs/libtv.md#envelope). */
export function sendEnvelope(res: ServerResponse, data: unknown): void {
  sendJson(res, 200, { code: 0, msg: '', data })
}

/** A LibTV error code. 401/403/429 also go out as HTTP status (the doc does not say which; the client handles both). */
export function sendError(
  res: ServerResponse,
  code: number,
  opts: { msg?: string; httpStatus?: number; retryAfterSeconds?: number } = {},
): void {
  const httpStatus = opts.httpStatus ?? ([401, 403, 429].includes(code) ? code : 200)
  const headers: Record<string, string> =
    opts.retryAfterSeconds !== undefined ? { 'Retry-After': String(opts.retryAfterSeconds) } : {}
  sendJson(res, httpStatus, { code, msg: opts.msg ?? LIBTV_ERROR_CODES[code]?.meaning ?? 'error', data: null }, headers)
}

export function sendText(res: ServerResponse, status: number, text: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

/** Answers with an injected fault. A hang answers nothing: the caller's timeout has to fire. */
export function sendFault(req: IncomingMessage, res: ServerResponse, fault: Fault): void {
  switch (fault.type) {
    case 'hang':
      return
    case 'reset':
    case 'lost-answer':
      req.socket.destroy()
      return
    case 'malformed':
      return sendText(res, 200, GATEWAY_PAGE, 'text/html')
    case 'truncated': {
      // A complete HTTP answer whose JSON stops halfway, as a proxy that cut the body sends it.
      const whole = JSON.stringify({ code: 0, msg: '', data: { generateUuid: '0'.repeat(32), generateStatus: 2 } })
      return sendText(res, 200, whole.slice(0, Math.floor(whole.length / 2)), 'application/json')
    }
    case 'incomplete':
      return sendJson(res, 200, { code: 0, msg: '', data: {} })
    case 'http': {
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {}
      res.writeHead(fault.status, { 'Content-Type': 'text/plain', ...headers })
      res.end(`simulated HTTP ${fault.status}`)
      return
    }
    case 'code':
      return sendError(res, fault.code, {
        ...(fault.msg !== undefined && { msg: fault.msg }),
        ...(fault.httpStatus !== undefined && { httpStatus: fault.httpStatus }),
        ...(fault.retryAfterSeconds !== undefined && { retryAfterSeconds: fault.retryAfterSeconds }),
      })
  }
}

export const GATEWAY_PAGE = '<html><body><h1>502 Bad Gateway</h1></body></html>'
