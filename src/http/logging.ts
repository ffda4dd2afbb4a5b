import pino, { type Logger } from 'pino'
import type { Config } from '../config.js'

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
