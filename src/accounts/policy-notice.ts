import { and, asc, count, eq, isNotNull, notExists, sql } from 'drizzle-orm'
import { policyNoticeRecipients, policyNotices, users } from '../../db/schema.js'
import type { Db } from '../db.js'
import { sha256 } from '../hashing.js'
import type { MailContext } from '../mail/compose.js'
import { queueMail } from '../mail/outbox.js'
import { notices } from './notices.js'

export type PolicyNoticeResult = { noticeId: string; queuedNow: number; queuedBefore: number; accounts: number }

const BATCH = 500

/**
 * Queues a policy-change mail for every account with a confirmed address, through the outbox as bulk
 * mail (sent at a gentle rate after transactional mail). The notice's id is a hash of its words, so
 * running the command again with the same subject and body resumes where it stopped and never mails
 * an account twice; each batch records its recipients in the transaction that queues their mails.
 */
export function queuePolicyNotice(
  db: Db,
  ctx: MailContext,
  notice: { subject: string; body: string },
  now = Date.now(),
): PolicyNoticeResult {
  const noticeId = sha256(`${notice.subject}\n${notice.body}`).slice(0, 32)
  db.insert(policyNotices)
    .values({ id: noticeId, subject: notice.subject, body: notice.body, createdAt: now })
    .onConflictDoNothing()
    .run()
  const queuedBefore =
    db.select({ n: count() }).from(policyNoticeRecipients).where(eq(policyNoticeRecipients.noticeId, noticeId)).get()
      ?.n ?? 0
  let queuedNow = 0
  for (;;) {
    const batch = db.transaction((tx) => {
      const waiting = tx
        .select({ id: users.id, email: users.email, locale: users.locale })
        .from(users)
        .where(
          and(
            isNotNull(users.emailConfirmedAt),
            notExists(
              tx
                .select({ one: sql`1` })
                .from(policyNoticeRecipients)
                .where(and(eq(policyNoticeRecipients.noticeId, noticeId), eq(policyNoticeRecipients.userId, users.id))),
            ),
          ),
        )
        .orderBy(asc(users.id))
        .limit(BATCH)
        .all()
      for (const user of waiting) {
        queueMail(tx, notices.policyChange(ctx, user, notice.subject, notice.body), {
          userId: user.id,
          bulk: true,
          now,
        })
        tx.insert(policyNoticeRecipients).values({ noticeId, userId: user.id, queuedAt: now }).run()
      }
      return waiting.length
    })
    queuedNow += batch
    if (batch < BATCH) break
  }
  const accounts = db.select({ n: count() }).from(users).where(isNotNull(users.emailConfirmedAt)).get()?.n ?? 0
  return { noticeId, queuedNow, queuedBefore, accounts }
}
