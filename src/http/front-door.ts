import { randomUUID } from 'node:crypto'
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeader,
  type OutgoingHttpHeaders,
  type RequestListener,
  type ServerOptions,
  ServerResponse,
} from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ServerType, serve } from '@hono/node-server'
import type { Hono } from 'hono'
import type { Logger } from 'pino'
import type { Config } from '../config.js'
import type { Locale } from '../i18n/locales.js'
import { localeFromAcceptLanguage } from '../i18n/negotiate.js'
import { serverTimeouts } from './body-limits.js'
import type { AppEnv } from './env.js'
import { securityHeaders } from './security.js'

/**
 * A request id a proxy in front of us may pass on. Any client can send one too, and it lands in
 * the log line and the X-Request-Id header, so only a short id of plain characters is taken as
 * it is; anything else (a second id, spaces, quotes, other scripts, over 64) gets a fresh one.
 */
const INCOMING_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/

const requestIds = new WeakMap<IncomingMessage, string>()
const HTML = ['Content-Type', 'text/html; charset=UTF-8']
/** Pages follow Accept-Language, so a cache must keep one copy per language (the app says the same). */
export const VARY = ['Vary', 'Accept-Language']

/** The id the front door gave this request (in its log line and its X-Request-Id header). */
export function requestIdOf(incoming: IncomingMessage | undefined): string {
  return (incoming && requestIds.get(incoming)) ?? 'none'
}

/**
 * What every request gets before the app sees it, done on Node's own request and response where
 * it costs least: a request id, the security headers (added by the response class below to
 * every answer: pages, API, files, errors), and one log line once the answer is sent. A header
 * a route sets itself wins, which routes use only to be stricter (`Referrer-Policy: no-referrer`
 * on pages holding a token in their URL).
 *
 * The log line: method, path (never the query string, which may carry signed tokens), status,
 * duration and request id. No emails, keys, tokens or client addresses, so it skips the
 * logger's redaction pass, which would cost more than the rest of the line.
 */
export function frontDoor(
  handle: RequestListener,
  logger: Logger,
  visitorPages?: VisitorPages,
): (req: IncomingMessage, res: ServerResponse) => void {
  const requestLog = logger.child({}, { redact: { paths: [] } })
  return (req, res) => {
    const started = performance.now()
    const incomingId = req.headers['x-request-id']
    const reqId = typeof incomingId === 'string' && INCOMING_REQUEST_ID.test(incomingId) ? incomingId : randomUUID()
    requestIds.set(req, reqId)
    res.once('close', () => {
      const url = req.url ?? ''
      const query = url.indexOf('?')
      const line = {
        reqId,
        method: req.method,
        path: (query === -1 ? url : url.slice(0, query)).slice(0, 200),
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      }
      // The connection closed before the whole answer went out: the client gave up (or the
      // network did). The status is what we had sent, if anything.
      if (!res.writableFinished) {
        requestLog.info({ ...line, status: res.headersSent ? res.statusCode : null }, 'request aborted')
      } else if (line.status === 503) {
        // The app shedding load on purpose (photos waiting to be decoded), not a failure.
        requestLog.warn(line, 'request refused: busy')
      } else if (line.status >= 500) requestLog.error(line, 'request failed')
      else requestLog.info(line, 'request')
    })
    // A signed-out page the same for every visitor who reads its language, for a request that
    // carries no cookie (so no session, nothing to check or renew): the app's own bytes, without
    // its routing, in the locale Accept-Language asks for (a `?lang=` choice goes to the app).
    const page =
      req.method === 'GET' && req.headers.cookie === undefined
        ? visitorPages?.pages.get(req.url ?? '')?.[localeFromAcceptLanguage(req.headers['accept-language'])]
        : undefined
    if (page) {
      res.writeHead(200, [...HTML, ...VARY, 'Content-Length', String(page.byteLength)])
      res.end(page)
      visitorPages?.served?.(req.url ?? '', (performance.now() - started) / 1000)
      return
    }
    handle(req, res)
  }
}

/** The kept pages: by exact path (a query string goes to the app), then by locale. */
export type VisitorPageSet = ReadonlyMap<string, Readonly<Record<Locale, Uint8Array>>>

/** Pages the front door answers itself. */
export type VisitorPages = {
  pages: VisitorPageSet
  /** Told of each one served (the request metrics). */
  served?: ((path: string, seconds: number) => void) | undefined
}

type OutgoingHeaders = OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined

/**
 * Node's response, adding the security headers and the request id to whatever the app writes,
 * in the one writeHead call (setting them one by one beforehand cost more than the rest of a
 * small answer). A header the app sets itself wins.
 */
function secureResponse(config: Pick<Config, 'baseUrl'>): typeof ServerResponse {
  const ours = securityHeaders(config)
  class SecureResponse extends ServerResponse {
    override writeHead(statusCode: number, message?: string | OutgoingHeaders, headers?: OutgoingHeaders): this {
      const theirs = typeof message === 'string' ? headers : message
      const flat: OutgoingHttpHeader[] = []
      // Headers set earlier with setHeader count as the app's own too.
      const named = new Set<string>(this.getHeaderNames())
      if (Array.isArray(theirs)) {
        for (let i = 0; i < theirs.length; i += 2) named.add(String(theirs[i]).toLowerCase())
        flat.push(...theirs)
      } else if (theirs) {
        for (const [name, value] of Object.entries(theirs)) {
          if (value === undefined) continue
          named.add(name.toLowerCase())
          if (Array.isArray(value)) for (const v of value) flat.push(name, v)
          else flat.push(name, value)
        }
      }
      for (const [name, value] of ours) if (!named.has(name.toLowerCase())) flat.push(name, value)
      if (!named.has('x-request-id')) flat.push('X-Request-Id', requestIdOf(this.req))
      return typeof message === 'string'
        ? super.writeHead(statusCode, message, flat as OutgoingHttpHeader[])
        : super.writeHead(statusCode, flat as OutgoingHttpHeader[])
    }
  }
  return SecureResponse as typeof ServerResponse
}

/** Serves the app over HTTP behind the front door, with Node's timeouts: main.ts and the tests alike. */
export function serveApp(
  app: Hono<AppEnv>,
  options: {
    config: Pick<Config, 'baseUrl'>
    logger: Logger
    port: number
    hostname: string
    visitorPages?: VisitorPages
  },
  onListening?: (info: AddressInfo) => void,
): ServerType {
  return serve(
    {
      fetch: app.fetch,
      port: options.port,
      hostname: options.hostname,
      serverOptions: serverTimeouts,
      createServer: ((serverOptions: ServerOptions, handle: RequestListener) =>
        createServer(
          { ...serverOptions, ServerResponse: secureResponse(options.config) },
          frontDoor(handle, options.logger, options.visitorPages),
        )) as typeof createServer,
    },
    onListening,
  )
}
