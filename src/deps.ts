import os from 'node:os'
import type { Logger } from 'pino'
import { useScryptParams } from './accounts/passwords.js'
import type { Config } from './config.js'
import type { Db } from './db.js'
import type { AppDeps, AppRuntime } from './http/env.js'
import { FixedWindowLimiter } from './http/fixed-window.js'
import { KeyReveal } from './http/key-reveal.js'
import { SlidingWindowLimiter } from './http/rate-limit.js'
import { WorkQueue } from './http/work-queue.js'

// Ten tries per 15 minutes, per client address and per email.
export const AUTH_LIMIT = { tries: 10, windowMs: 15 * 60 * 1000 }

const MINUTE = 60 * 1000
// Confirmation links resent on request: three an hour per account is plenty for a lost mail and
// keeps the form from mailing someone's inbox full.
export const MAIL_RESEND_LIMIT = { tries: 3, windowMs: 60 * MINUTE }
/** API calls a minute per key: generous for reads, tighter for writes, tightest for uploads and renders. */
export const API_LIMITS = { read: 300, write: 60, costly: 10 }
// Thirty photos an hour per person: far more than making briefs needs, and it bounds what one
// account can make the server decode (a 15 MB photo can cost seconds of a core).
export const UPLOAD_LIMIT = { tries: 30, windowMs: 60 * 60 * 1000 }

// One photo decoded at a time on a 2-core VM (two from 4 cores), so a core stays free for pages
// and sign-ins; eight more may wait, at most two of them (running or waiting) per person.
export const IMAGE_QUEUE = {
  concurrency: os.availableParallelism() >= 4 ? 2 : 1,
  maxWaiting: 8,
  maxPerKey: 2,
}

export function createDeps(db: Db, config: Config, logger: Logger, runtime: AppRuntime): AppDeps {
  useScryptParams(config.scrypt)
  return {
    db,
    config,
    logger,
    limits: {
      signIn: new SlidingWindowLimiter(AUTH_LIMIT.tries, AUTH_LIMIT.windowMs),
      signUp: new SlidingWindowLimiter(AUTH_LIMIT.tries, AUTH_LIMIT.windowMs),
      passwordReset: new SlidingWindowLimiter(AUTH_LIMIT.tries, AUTH_LIMIT.windowMs),
      mailResend: new SlidingWindowLimiter(MAIL_RESEND_LIMIT.tries, MAIL_RESEND_LIMIT.windowMs),
      lockNotice: new SlidingWindowLimiter(1, AUTH_LIMIT.windowMs),
      apiKeyFailures: new SlidingWindowLimiter(AUTH_LIMIT.tries, AUTH_LIMIT.windowMs),
      metricsTokenFailures: new SlidingWindowLimiter(AUTH_LIMIT.tries, AUTH_LIMIT.windowMs),
      api: {
        read: new FixedWindowLimiter(API_LIMITS.read, MINUTE),
        write: new FixedWindowLimiter(API_LIMITS.write, MINUTE),
        costly: new FixedWindowLimiter(API_LIMITS.costly, MINUTE),
      },
      upload: new SlidingWindowLimiter(UPLOAD_LIMIT.tries, UPLOAD_LIMIT.windowMs),
    },
    imageQueue: new WorkQueue(IMAGE_QUEUE),
    keyReveal: new KeyReveal(),
    runtime,
  }
}
