import type { KeyObject } from 'node:crypto'
import type { HttpBindings } from '@hono/node-server'
import type { Logger } from 'pino'
import type { Session, User } from '../../db/schema.js'
import type { Config } from '../config.js'
import type { Db } from '../db.js'
import type { FixedWindowLimiter } from './fixed-window.js'
import type { KeyReveal } from './key-reveal.js'
import type { SlidingWindowLimiter } from './rate-limit.js'
import type { WorkQueue } from './work-queue.js'

/** Everything the routes need, built once at start-up (or per test) and handed to createApp. */
export type AppDeps = {
  db: Db
  config: Config
  logger: Logger
  /** Sign-in's also counts every password asked again; upload's is per user id. */
  limits: {
    signIn: SlidingWindowLimiter
    signUp: SlidingWindowLimiter
    /** Reset requests per address and per email, apart from sign-in's: a flood of wrong passwords never blocks a reset. */
    passwordReset: SlidingWindowLimiter
    /** Confirmation links resent, per account. */
    mailResend: SlidingWindowLimiter
    /** One "sign-in paused" notice per email per window. */
    lockNotice: SlidingWindowLimiter
    upload: SlidingWindowLimiter
    /** Failed API key lookups, per client address. */
    apiKeyFailures: SlidingWindowLimiter
    /** Wrong or missing tokens at /metrics, per client address. */
    metricsTokenFailures: SlidingWindowLimiter
    /**
     * API calls per key owner: reads, and the writes that cost (uploads and renders) or store.
     * `costly` also counts the account page's export (src/accounts/export-limit.tsx).
     */
    api: { read: FixedWindowLimiter; write: FixedWindowLimiter; costly: FixedWindowLimiter }
  }
  /** Photo decoding, a few at a time (src/briefs/uploads.ts). */
  imageQueue: WorkQueue
  keyReveal: KeyReveal
  runtime: AppRuntime
}

/** What start-up decided beyond the config: generated secrets, where LibTV really is. */
export type AppRuntime = {
  urlSigningSecret: string
  /** Seals and opens the webhook signing secrets kept in the database (src/webhooks/secret-box.ts). */
  webhookSecretsKey: KeyObject
  /** The base URL the LibTV client talks to: the real service, or the built-in simulator. */
  libtvBaseUrl: string
  simulatedRenders: boolean
  /** Tells the render worker a job is waiting (it also polls, so a lost nudge loses nothing). */
  nudgeRenderer: () => void
  /** Free bytes on the data disk; unset, it is read with statfs. Tests inject a reading. */
  freeDiskBytes?: (dir: string) => Promise<number>
}

export type AppEnv = {
  /** Node's own request and response, from @hono/node-server. */
  Bindings: HttpBindings
  Variables: {
    deps: AppDeps
    db: Db
    config: Config
    requestId: string
    user?: User
    session?: Session
  }
}

/** Behind requireUser: a signed-in person with a browser session. */
export type SignedInEnv = { Variables: AppEnv['Variables'] & { user: User; session: Session } }

/** Behind requireApiKey: the key's owner (no browser session). */
export type ApiEnv = { Variables: AppEnv['Variables'] & { user: User } }
