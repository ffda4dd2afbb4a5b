import type { Db } from '../db.js'
import { dueMail, markFailed, markSent } from './outbox.js'
import type { MailTransport } from './transport.js'

const HOUR_MS = 60 * 60 * 1000

export type MailDeliveryOptions = {
  db: Db
  transport: MailTransport
  from: string
  /** Ids and counts only: never an address or a subject. */
  log: (event: string, fields: Record<string, unknown>) => void
  intervalMs?: number
  /** At most one bulk mail (a policy notice) per this many ms: a gentle rate for the mail server. */
  bulkIntervalMs?: number
  /** Wait before the next try after `attempts` failed ones: a minute doubling, at most an hour. */
  retryDelayMs?: (attempts: number) => number
  /** A mail that could not be sent for this long is given up (and counted as failed). */
  giveUpAfterMs?: number
}

const defaultDelay = (attempts: number) => Math.min(60_000 * 2 ** (attempts - 1), HOUR_MS)

/**
 * The background loop: sends what is due, one at a time, transactional mail before bulk mail.
 * A failing or slow server only delays mail; each mail stays in the outbox until it is accepted.
 */
export function startMailDelivery(options: MailDeliveryOptions) {
  const { db, transport } = options
  const retryDelay = options.retryDelayMs ?? defaultDelay
  const giveUpAfter = options.giveUpAfterMs ?? 3 * 24 * HOUR_MS
  const bulkInterval = options.bulkIntervalMs ?? 2000
  let lastBulkAt = 0
  let running: Promise<void> | undefined
  let stopped = false

  const sendDue = async () => {
    for (const mail of dueMail(db, 10)) {
      if (stopped) return
      if (mail.bulk) {
        if (Date.now() - lastBulkAt < bulkInterval) return
        lastBulkAt = Date.now()
      }
      try {
        await transport.send({
          from: options.from,
          to: mail.toAddress,
          kind: mail.kind,
          subject: mail.subject,
          text: mail.text,
          html: mail.html,
        })
        markSent(db, mail.id)
        options.log('mail sent', { mailId: mail.id, kind: mail.kind, attempts: mail.attempts + 1 })
      } catch (err) {
        const now = Date.now()
        const attempts = mail.attempts + 1
        const retryAt = now + retryDelay(attempts)
        const giveUp = retryAt > mail.createdAt + giveUpAfter
        // The server's answer may quote the address: keep only its first words, and out of the logs.
        const error = err instanceof Error ? err.message.slice(0, 200) : 'failed'
        markFailed(db, mail, error, giveUp ? null : retryAt, now)
        options.log(giveUp ? 'mail given up' : 'mail failed', { mailId: mail.id, kind: mail.kind, attempts })
      }
    }
  }

  const tick = async () => {
    if (running || stopped) return running
    running = sendDue()
      .catch((err: Error) => options.log('mail loop failed', { error: err.message }))
      .finally(() => {
        running = undefined
      })
    return running
  }

  const timer = setInterval(() => void tick(), options.intervalMs ?? 1000)
  timer.unref()
  return {
    /** Sends what is due now (tests, and a nudge after queueing). */
    tick,
    /** Waits for the mail being sent, then stops. */
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
      transport.close()
    },
  }
}
