import type { Logger } from 'pino'
import type { BackupSettings } from '../config.js'
import type { Db } from '../db.js'
import { ensureSigningKey, SIGNING_KEY_VARIABLE, type SigningKey } from './manifest-signing.js'
import {
  connectOffsite,
  copySnapshotOffsite,
  type OffsiteCopyReport,
  type OffsitePruneReport,
  pruneOffsite,
} from './offsite.js'
import { listSnapshots, pruneSnapshots, type TakenSnapshot, takeSnapshot } from './snapshots.js'

/**
 * One backup, the same from the daily schedule and from `make backup`: a snapshot (database and
 * user files), the local retention, then the off-site copy of the user files and its retention.
 * Logs carry names, counts, sizes and durations only: never a row, an email or a user id.
 */

const HOUR = 60 * 60 * 1000

export type BackupReport = {
  snapshot: TakenSnapshot
  /** The key the manifest was signed with (its id and where it came from, never the key itself). */
  signedWith: Pick<SigningKey, 'id' | 'from'> & { created: boolean }
  pruned: string[]
  /** null when no bucket is configured. */
  offsite: { copied: OffsiteCopyReport; pruned: OffsitePruneReport } | null
  /** Set when the off-site copy failed: the local snapshot stands, the next backup sends what is missing. */
  offsiteError?: string
}

export async function runBackup(options: {
  db: Db
  dataDir: string
  backups: BackupSettings
  logger: Logger
  now?: number
}): Promise<BackupReport> {
  const { db, dataDir, backups, logger } = options
  const now = options.now ?? Date.now()
  const { key, created } = ensureSigningKey(dataDir, backups.signingKey)
  if (created) {
    // Once per data folder: the operator must copy it off this disk, or a lost disk takes with it
    // the only way to check every snapshot (the key itself is never logged).
    logger.warn(
      { file: key.from, keyId: key.id },
      `backup signing key generated: keep a copy as ${SIGNING_KEY_VARIABLE} with the off-site settings`,
    )
  }
  const snapshot = await takeSnapshot(db, { dataDir, backupDir: backups.dir, signingKey: key, now })
  logger.info(
    {
      snapshot: snapshot.name,
      dbBytes: snapshot.manifest.database.bytes,
      files: snapshot.files.files,
      fileBytes: snapshot.files.bytes,
      copied: snapshot.files.copied,
      linked: snapshot.files.linked,
      keyId: key.id,
      ms: snapshot.ms,
    },
    'snapshot taken',
  )
  const pruned = pruneSnapshots(backups.dir, now)
  if (pruned.length > 0) logger.info({ deleted: pruned }, 'old snapshots deleted')
  const report: BackupReport = {
    snapshot,
    signedWith: { id: key.id, from: key.from, created },
    pruned,
    offsite: null,
  }
  if (backups.offsite) {
    const started = performance.now()
    try {
      const offsite = connectOffsite(backups.offsite)
      const copied = await copySnapshotOffsite(offsite, snapshot)
      const prunedOffsite = await pruneOffsite(offsite, now)
      report.offsite = { copied, pruned: prunedOffsite }
      logger.info(
        {
          snapshot: snapshot.name,
          uploaded: copied.uploaded,
          bytes: copied.bytes,
          alreadyThere: copied.alreadyThere,
          manifestsDeleted: prunedOffsite.manifests.length,
          objectsDeleted: prunedOffsite.objects,
          ms: Math.round(performance.now() - started),
        },
        'off-site copy done',
      )
    } catch (err) {
      const e = err as Error & { Code?: string; code?: string }
      report.offsiteError = e.message
      logger.error({ err: { message: e.message, code: e.Code ?? e.code } }, 'off-site copy failed')
    }
  }
  return report
}

export type BackupScheduleOptions = {
  db: Db
  dataDir: string
  backups: BackupSettings
  logger: Logger
  intervalMs?: number
  /** A backup is taken when the newest snapshot is at least this old (or there is none). */
  maxAgeMs?: number
  now?: () => number
}

export type BackupSchedule = {
  stop(): void
  /** One check, as the timer does it: the backup taken, or null (not due, or failed and logged); while one runs, that one. */
  tick(): Promise<BackupReport | null>
}

/**
 * Checks at start and then every `intervalMs` whether the newest snapshot is older than
 * `maxAgeMs`; if so takes one; prunes on every check (so nothing outlives 30 days even while no new
 * snapshot is due). Deciding by the newest snapshot rather than by a timer means restarts and
 * deploys neither skip a day nor pile up snapshots.
 */
export function startBackupSchedule(options: BackupScheduleOptions): BackupSchedule {
  const { db, dataDir, backups, logger, intervalMs = HOUR, maxAgeMs = 24 * HOUR, now = Date.now } = options
  if (!(intervalMs > 0)) throw new RangeError(`intervalMs must be positive (got ${intervalMs})`)
  let running: Promise<BackupReport | null> | undefined

  const check = async (): Promise<BackupReport | null> => {
    // Runs from a timer: an exception here would crash the app, so every failure is logged.
    try {
      const time = now()
      // Only full snapshots count: an older release's database-only file does not cover the user files.
      const newest = listSnapshots(backups.dir).find((s) => s.kind === 'full')
      if (!newest || time - newest.time >= maxAgeMs) {
        return await runBackup({ db, dataDir, backups, logger, now: time })
      }
      const deleted = pruneSnapshots(backups.dir, time)
      if (deleted.length > 0) logger.info({ deleted }, 'old snapshots deleted')
      return null
    } catch (err) {
      const e = err as NodeJS.ErrnoException
      logger.error({ err: { message: e?.message ?? String(err), code: e?.code } }, 'snapshot failed')
      return null
    }
  }
  const tick = (): Promise<BackupReport | null> => {
    if (running) return running
    running = check().finally(() => {
      running = undefined
    })
    return running
  }

  void tick()
  const timer = setInterval(() => void tick(), intervalMs)
  timer.unref()
  return { stop: () => clearInterval(timer), tick }
}
