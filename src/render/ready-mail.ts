import { eq } from 'drizzle-orm'
import { users, videos } from '../../db/schema.js'
import type { Db } from '../db.js'
import { translatorFor } from '../i18n/translate.js'
import { composeMail, type MailContext } from '../mail/compose.js'
import { queueMail } from '../mail/outbox.js'
import type { Tx } from './queue.js'

/** The render bar's "Email me when it's ready", remembered for the person's next render. */
export function rememberNotifyChoice(db: Db, userId: string, notify: boolean): void {
  db.update(users).set({ notifyWhenReady: notify }).where(eq(users.id, userId)).run()
}

/**
 * When a video the person asked to hear about ends (done or failed), its mail is queued in the
 * transaction that records the end, so it exists exactly when the outcome does. One short mail in
 * the account's language with one button to the video's page (the outbox sends it; the account's
 * deletion drops it). Nothing without a mail context (a worker started without one).
 */
export function queueReadyMail(
  tx: Tx,
  ctx: MailContext | undefined,
  videoId: string,
  outcome: 'done' | 'failed',
  now: number,
): void {
  if (!ctx) return
  const row = tx
    .select({
      notify: videos.notifyWhenReady,
      title: videos.title,
      aspect: videos.aspectRatio,
      userId: users.id,
      email: users.email,
      locale: users.locale,
    })
    .from(videos)
    .innerJoin(users, eq(users.id, videos.userId))
    .where(eq(videos.id, videoId))
    .get()
  if (!row?.notify) return
  const words = translatorFor(row.locale)
  const values = { title: row.title, aspect: row.aspect }
  const done = outcome === 'done'
  const message = composeMail(ctx, words, {
    kind: done ? 'video-ready' : 'video-failed',
    to: row.email,
    subject: words.t(done ? 'nextsteps.mail.readySubject' : 'nextsteps.mail.failedSubject'),
    paragraphs: [words.t(done ? 'nextsteps.mail.readyBody' : 'nextsteps.mail.failedBody', values)],
    action: { label: words.t('nextsteps.mail.action'), path: `/videos/${videoId}` },
  })
  queueMail(tx, message, { userId: row.userId, now })
}
