import type { Logger } from 'pino'
import { useScryptParams } from './accounts/passwords.js'
import type { Config } from './config.js'
import type { Db } from './db.js'
import type { AppDeps, AppRuntime } from './http/env.js'
import { FixedWindowLimiter } from './http/fixed-window.js'
import { KeyReveal } from './http/key-reveal.js'
import { SlidingWindowLimiter } from './http/rate-limit.js'

// Ten tries per 15 minutes, per client address and per email.
export const AUTH_LIMIT = { tries: 10, windowMs: 15 * 60 * 1000 }

const MINUTE = 60 * 1000
/** API calls a minute per key: generous for reads, tighter for writes, tightest for uploads and renders. */
export const API_LIMITS = { read: 300, write: 60, costly: 10 }

export function createDeps(db: Db, config: Config, logger: Logger, runtime: AppRuntime): AppDeps {
  useScryptParams(config.scrypt)
  return {
    db,
    config,
    logger,
    limits: {
      signIn: new SlidingWindowLimiter(AUTH_LIMIT.tries, AUTH_LIMIT.windowMs),
      signUp: new SlidingWindowLimiter(AUTH_LIMIT.tries, AUTH_LIMIT.windowMs),
      apiKeyFailures: new SlidingWindowLimiter(AUTH_LIMIT.tries, AUTH_LIMIT.windowMs),
      api: {
        read: new FixedWindowLimiter(API_LIMITS.read, MINUTE),
        write: new FixedWindowLimiter(API_LIMITS.write, MINUTE),
        costly: new FixedWindowLimiter(API_LIMITS.costly, MINUTE),
      },
    },
    keyReveal: new KeyReveal(),
    runtime,
  }
}
