// Reading the outcome of a run straight from the server's SQLite file (read-only, beside it).
import Database from 'better-sqlite3'
import { sleep } from './stats.js'

export type VideoOutcome = { id: string; status: string; failure_reason: string | null }
const FINISHED = new Set(['done', 'failed', 'canceled'])

/** Waits until every video is done, failed or canceled, or the time is up; returns their rows. */
export async function waitForVideos(databasePath: string, ids: readonly string[], timeoutMs: number) {
  const db = new Database(databasePath, { readonly: true })
  db.pragma('busy_timeout = 5000')
  const started = Date.now()
  try {
    for (;;) {
      const rows = ids.map(
        (id) => db.prepare('select id, status, failure_reason from videos where id = ?').get(id) as VideoOutcome,
      )
      const open = rows.filter((r) => !r || !FINISHED.has(r.status))
      if (open.length === 0 || Date.now() - started > timeoutMs) {
        return { rows, open, waitedMs: Date.now() - started }
      }
      await sleep(500)
    }
  } finally {
    db.close()
  }
}
