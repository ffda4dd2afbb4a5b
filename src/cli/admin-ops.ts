import fs from 'node:fs'
import path from 'node:path'
import { asc, count, inArray } from 'drizzle-orm'
import pino from 'pino'
import { renderJobs } from '../../db/schema.js'
import { claimableJobStates, jobStates } from '../../db/states.js'
import { runBackup } from '../ops/backup.js'
import { listSnapshots, pruneSnapshots } from '../ops/snapshots.js'
import { failRender, type OperatorOutcome, requeueRender } from '../render/operator.js'
import { freeDiskBytes } from '../storage.js'
import { type AdminCommand, folderBytes, formatAge, formatBytes, refuse } from './admin-kit.js'

// Renders, backups and the disk.

const VIDEO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
/** Snapshots kept by `prune`, as the daily schedule keeps them (src/ops/snapshots.ts). */

function videoId(input: string): string {
  if (!VIDEO_ID.test(input)) refuse(`"${input}" is not a video id (a UUID, as in /videos/<id>)`)
  return input
}

function refuseUnless(
  outcome: OperatorOutcome,
  id: string,
): asserts outcome is Extract<OperatorOutcome, { done: true }> {
  if (outcome.done) return
  if (outcome.why === 'no-such-video') refuse(`no render for video ${id}`)
  refuse(`the render of ${id} has already ended (${outcome.state}); nothing changed`)
}

export const queueCommands: Record<string, AdminCommand> = {
  queue: {
    args: '',
    help: 'render jobs by state, and the unfinished ones, oldest first',
    arity: 0,
    run({ db, now, say }) {
      const byState = db
        .select({ state: renderJobs.state, n: count() })
        .from(renderJobs)
        .groupBy(renderJobs.state)
        .all()
      say(`jobs: ${jobStates.map((s) => `${s} ${byState.find((r) => r.state === s)?.n ?? 0}`).join(', ')}`)
      const open = db
        .select()
        .from(renderJobs)
        .where(inArray(renderJobs.state, claimableJobStates))
        .orderBy(asc(renderJobs.createdAt))
        .limit(50)
        .all()
      const oldestQueued = open.find((j) => j.state === 'queued')
      say(`oldest queued: ${oldestQueued ? `${formatAge(now - oldestQueued.createdAt)} ago` : 'none'}`)
      for (const job of open) {
        const lease =
          job.leaseExpiresAt === null
            ? 'no lease'
            : job.leaseExpiresAt >= now
              ? `lease ${formatAge(job.leaseExpiresAt - now)} left`
              : `lease expired ${formatAge(now - job.leaseExpiresAt)} ago`
        const retry =
          job.nextAttemptAt !== null && job.nextAttemptAt > now
            ? `, retry in ${formatAge(job.nextAttemptAt - now)}`
            : ''
        say(
          `  video ${job.videoId}  ${job.state.padEnd(7)}  attempts ${job.attempts}  age ${formatAge(now - job.createdAt)}  ${lease}${retry}`,
        )
      }
    },
  },

  requeue: {
    args: '<videoId>',
    help: 'put a stuck render back in the queue now (shots sent to LibTV are polled, not sent again)',
    arity: 1,
    run({ db, now, say }, [input = '']) {
      const id = videoId(input)
      const outcome = requeueRender(db, id, now)
      refuseUnless(outcome, id)
      say(
        `video ${id}: requeued (was ${outcome.job.state}, ${outcome.job.attempts} attempts); the worker takes it within seconds`,
      )
    },
  },

  fail: {
    args: '<videoId> --reason "…"',
    help: 'fail a stuck render: its owner sees the reason; it counts only if LibTV charged for it',
    arity: 1,
    flags: ['reason'],
    async run({ db, dataDir, now, say }, [input = ''], { reason }) {
      const id = videoId(input)
      const text = reason?.trim() ?? ''
      if (!text) refuse('say why with --reason "…": the video\'s owner reads it on the video page')
      if (text.length > 500) refuse(`--reason is ${text.length} characters; keep it under 500`)
      const outcome = await failRender(db, dataDir, id, text, now)
      refuseUnless(outcome, id)
      const usage = outcome.counted ? 'still counts (LibTV charged for its work)' : 'usage voided'
      say(`video ${id}: failed (was ${outcome.job.state}); ${usage}, its files removed, webhook queued`)
    },
  },
}

export const backupCommands: Record<string, AdminCommand> = {
  backups: {
    args: '',
    help: 'the snapshots in DATA_DIR/backups, newest first',
    arity: 0,
    run({ backups, now, say }) {
      const dir = backups.dir
      const snapshots = listSnapshots(dir)
      const [newest] = snapshots
      if (!newest) {
        say(`no snapshots in ${dir}`)
        return
      }
      say(`newest snapshot: ${formatAge(now - newest.time)} old (${snapshots.length} in ${dir})`)
      for (const s of snapshots)
        say(
          `  ${s.name}  ${new Date(s.time).toISOString()}  ${s.kind === 'full' ? 'database and user files' : 'database only       '}  ${formatAge(now - s.time)} old`,
        )
    },
  },

  disk: {
    args: '',
    help: 'free space on the data disk, and what the database, snapshots and user files take',
    arity: 0,
    async run({ dataDir, backups, say }) {
      const database = ['lumina.db', 'lumina.db-wal', 'lumina.db-shm']
        .map((name) => fs.statSync(path.join(dataDir, name), { throwIfNoEntry: false })?.size ?? 0)
        .reduce((a, b) => a + b, 0)
      say(`free:       ${formatBytes(await freeDiskBytes(dataDir))} (${dataDir})`)
      say(`database:   ${formatBytes(database)} (with its -wal and -shm)`)
      say(`snapshots:  ${formatBytes(await folderBytes(backups.dir))}`)
      say(`user files: ${formatBytes(await folderBytes(path.join(dataDir, 'users')))}`)
    },
  },

  snapshot: {
    args: '',
    help: 'take a verified snapshot now, prune and copy off-site (as the daily one does)',
    arity: 0,
    async run({ db, dataDir, backups, say }) {
      const report = await runBackup({ db, dataDir, backups, logger: pino({ level: 'silent' }) })
      const { snapshot } = report
      say(
        `snapshot taken: ${snapshot.path} (database ${formatBytes(snapshot.manifest.database.bytes)}, ${snapshot.files.files} user files, integrity_check ok, ${snapshot.ms} ms)`,
      )
      for (const name of report.pruned) say(`deleted ${name}`)
      if (report.offsiteError) say(`off-site copy failed: ${report.offsiteError}`)
    },
  },

  prune: {
    args: '',
    help: 'delete snapshots the retention rules no longer keep (7 daily, 4 weekly, none past 30 days)',
    arity: 0,
    run({ backups, say }) {
      const deleted = pruneSnapshots(backups.dir)
      if (deleted.length === 0) say('nothing to prune: every snapshot is still kept')
      for (const name of deleted) say(`deleted ${name}`)
    },
  },
}
