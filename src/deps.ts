import type { Logger } from 'pino'
import { KeyReveal } from './accounts/key-reveal.js'
import { useScryptParams } from './accounts/passwords.js'
import type { Config } from './config.js'
import type { Db } from './db.js'
import type { AppDeps, AppRuntime } from './http/env.js'
import { SlidingWindowLimiter } from './http/rate-limit.js'

// Ten tries per 15 minutes, per client address and per email.
export const AUTH_LIMIT = { tries: 10, windowMs: 15 * 60 * 1000 }

export function createDeps(db: Db, config: Config, logger: Logger, runtime: AppRuntime): AppDeps {
  useScryptParams(config.scrypt)
  return {
    db,
    config,
    logger,
    limits: {
      signIn: new SlidingWindowLimiter(AUTH_LIMIT.tries, AUTH_LIMIT.windowMs),
      signUp: new SlidingWindowLimiter(AUTH_LIMIT.tries, AUTH_LIMIT.windowMs),
    },
    keyReveal: new KeyReveal(),
    runtime,
  }
}
