import { randomUUID } from 'node:crypto'
import { and, asc, count, eq, lte, sql } from 'drizzle-orm'
import { mailDailyCounts, mailOutbox, type OutboxMail } from '../../db/schema.js'
import type { Db } from '../db.js'

/** A mail ready to queue: the words are fixed when the event happens, not when it is sent. */
export type MailMessage = {
  kind: string
  to: string
  subject: string
  text: string
  html: string
}

type Tx = Pick<Db, 'insert'>

/**
 * Queues a mail in the caller's transaction, so the mail exists exactly when the event that causes
 * it does. `userId` lets account deletion find the person's waiting mails; null for a mail that
 * must outlive the account (the notice that it was deleted).
 */
export function queueMail(
  tx: Tx,
  message: MailMessage,
  options: { userId: string | null; bulk?: boolean; now?: number },
): string {
  const id = randomUUID()
  const now = options.now ?? Date.now()
  tx.insert(mailOutbox)
    .values({
      id,
      userId: options.userId,
      kind: message.kind,
      toAddress: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      bulk: options.bulk ?? false,
      nextAttemptAt: now,
      createdAt: now,
    })
    .run()
  return id
}

/** Transactional mail first, oldest first; bulk mail only when none is due. */
export function dueMail(db: Db, limit: number, now = Date.now()): OutboxMail[] {
  const due = (bulk: boolean, n: number) =>
    db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.bulk, bulk), lte(mailOutbox.nextAttemptAt, now)))
      .orderBy(asc(mailOutbox.nextAttemptAt))
      .limit(n)
      .all()
  const urgent = due(false, limit)
  return urgent.length > 0 ? urgent : due(true, 1)
}

function countDay(db: Pick<Db, 'insert'>, outcome: 'sent' | 'failed', now: number): void {
  const day = new Date(now).toISOString().slice(0, 10)
  db.insert(mailDailyCounts)
    .values({ day, [outcome]: 1 })
    .onConflictDoUpdate({ target: mailDailyCounts.day, set: { [outcome]: sql`${mailDailyCounts[outcome]} + 1` } })
    .run()
}

/** A sent mail leaves the outbox at once: the address is not kept longer than needed. */
export function markSent(db: Db, id: string, now = Date.now()): void {
  db.transaction((tx) => {
    tx.delete(mailOutbox).where(eq(mailOutbox.id, id)).run()
    countDay(tx, 'sent', now)
  })
}

/** Tries again later, or gives up (and forgets the mail, counting it) once `giveUp` says so. */
export function markFailed(db: Db, mail: OutboxMail, error: string, retryAt: number | null, now = Date.now()): void {
  db.transaction((tx) => {
    if (retryAt === null) {
      tx.delete(mailOutbox).where(eq(mailOutbox.id, mail.id)).run()
      countDay(tx, 'failed', now)
      return
    }
    tx.update(mailOutbox)
      .set({ attempts: mail.attempts + 1, lastError: error.slice(0, 300), nextAttemptAt: retryAt })
      .where(eq(mailOutbox.id, mail.id))
      .run()
  })
}

/** The person's waiting mails, dropped when the account is deleted. */
export function dropMailFor(tx: Pick<Db, 'delete'>, userId: string): number {
  return tx.delete(mailOutbox).where(eq(mailOutbox.userId, userId)).run().changes
}

export function outboxSize(db: Db): number {
  return db.select({ n: count() }).from(mailOutbox).get()?.n ?? 0
}

export function dailyCounts(db: Db, days = 30): { day: string; sent: number; failed: number }[] {
  return db.select().from(mailDailyCounts).orderBy(sql`${mailDailyCounts.day} DESC`).limit(days).all()
}
