import { eq } from 'drizzle-orm'
import { videos } from '../../db/schema.js'
import type { Db } from '../db.js'

/** Polls the video's row until it finishes: 'done', 'failed' or 'canceled'. */
export async function waitForExample(db: Db, videoId: string, timeoutMs = 30 * 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const status = db.select({ status: videos.status }).from(videos).where(eq(videos.id, videoId)).get()?.status
    if (status === 'done' || status === 'failed' || status === 'canceled') return status
    if (status === undefined) return 'was deleted'
    if (Date.now() > deadline) return 'is still not done after 30 minutes'
    await new Promise((r) => setTimeout(r, 2000))
  }
}
