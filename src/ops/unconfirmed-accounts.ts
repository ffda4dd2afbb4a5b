import type { Logger } from 'pino'
import { deleteUnconfirmedAccounts } from '../accounts/unconfirmed.js'
import type { Db } from '../db.js'

const DAY = 24 * 60 * 60 * 1000

export type UnconfirmedAccountsJob = {
  stop(): void
  /** One run, as the timer does it: how many accounts it deleted (0 when it failed, logged); while one runs, that one. */
  tick(): Promise<number>
}

/**
 * Once a day, and at start (so a restart never skips one): deletes the accounts whose email was not
 * confirmed within 7 days of sign-up (src/accounts/unconfirmed.ts). The log line and `deleted` (the
 * Prometheus counter) carry a count only, never an address or an id.
 */
export function startUnconfirmedAccountsJob(options: {
  db: Db
  dataDir: string
  logger: Pick<Logger, 'info' | 'error'>
  /** Told how many accounts each run deleted (the metrics). */
  deleted?: ((count: number) => void) | undefined
  intervalMs?: number
  now?: () => number
}): UnconfirmedAccountsJob {
  const { db, dataDir, logger, deleted, intervalMs = DAY, now = Date.now } = options
  let running: Promise<number> | undefined

  const run = async (): Promise<number> => {
    // Runs from a timer: an exception here would crash the app, so a failure is logged instead.
    try {
      const count = await deleteUnconfirmedAccounts(db, dataDir, now())
      deleted?.(count)
      if (count > 0) logger.info({ accounts: count }, 'deleted accounts left unconfirmed for 7 days')
      return count
    } catch (err) {
      const e = err as NodeJS.ErrnoException
      logger.error(
        { err: { message: e?.message ?? String(err), code: e?.code } },
        'deleting unconfirmed accounts failed',
      )
      return 0
    }
  }
  const tick = (): Promise<number> => {
    running ??= run().finally(() => {
      running = undefined
    })
    return running
  }

  void tick()
  const timer = setInterval(() => void tick(), intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer), tick }
}
