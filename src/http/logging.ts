import type { MiddlewareHandler } from 'hono'
import pino, { type Logger } from 'pino'
import type { Config } from '../config.js'
import type { AppEnv } from './env.js'

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  // Defence in depth: even if someone logs an object carrying these, pino blanks them.
  return pino(
    {
      level: config.logLevel,
      base: undefined,
      redact: {
        paths: [
          'email',
          'password',
          'token',
          'apiKey',
          'key',
          'authorization',
          'cookie',
          '*.email',
          '*.password',
          '*.token',
          '*.apiKey',
        ],
        censor: '[redacted]',
      },
    },
    // Written asynchronously: under load the lines of many requests go out in one write instead
    // of one blocking write each. pino flushes what is left when the process exits (its exit
    // hook calls flushSync), so process.exit() after the last line loses nothing.
    pino.destination({ dest: 1, sync: false }),
  )
}

/**
 * One line per request: method, path (never the query string, which may carry signed tokens),
 * status, duration and request id. No emails, keys, tokens or client addresses.
 */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now()
    await next()
    const status = c.res.status
    const line = {
      reqId: c.var.requestId,
      method: c.req.method,
      path: c.req.path.slice(0, 200),
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    }
    // A 503 is the app shedding load on purpose (photos waiting to be decoded), not a failure.
    if (status === 503) logger.warn(line, 'request refused: busy')
    else if (status >= 500) logger.error(line, 'request failed')
    else logger.info(line, 'request')
  }
}
