// Backups and restores: `make backup`, `make restore` and `npm run backup -- <command>` all run this.
//   npx tsx src/cli/backup.ts <command> …        (development; `npm run backup -- <command> …`)
//   node dist/src/cli/backup.js <command> …      (compiled: make, the container)
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import pino from 'pino'
import { type Config, ConfigError, loadConfig } from '../config.js'
import { openDatabase } from '../db.js'
import { runBackup } from '../ops/backup.js'
import { litestreamConfigFile } from '../ops/litestream.js'
import { connectOffsite, listOffsiteManifests, pruneOffsite, restoreOffsiteFiles } from '../ops/offsite.js'
import { keepOwner, RestoreError, type RestoreSource, readTombstonesFrom, restore } from '../ops/restore.js'
import { listSnapshots, pruneSnapshots, readManifest } from '../ops/snapshots.js'

const USAGE = `usage: backup <command> [--data-dir DIR] [--backup-dir DIR]

  snapshot                  take a snapshot now: the database and the user files, checked and
                            listed in a manifest; then prune, then copy the user files off-site
                            (when a bucket is configured). The app may keep running.
  list [--offsite]          the snapshots in BACKUP_DIR (or the manifests in the bucket), newest first
  restore latest|NAME|PATH  restore a snapshot: the database and the user files
  restore --from replica [--at TIME]
                            restore the database from the Litestream replica, to its latest state
                            or to TIME (ISO 8601 with a zone, e.g. 2026-11-25T03:00:00Z)
  restore-files [latest|NAME]
                            bring back the user files missing from DATA_DIR/users from the off-site
                            copy (after the disk died); never overwrites or deletes a file
  prune                     apply the retention (7 daily, 4 weekly, nothing older than 30 days)
                            to the snapshots and to the off-site copy

  --data-dir DIR            defaults to $DATA_DIR, then ./data
  --backup-dir DIR          defaults to $BACKUP_DIR, then DATA_DIR/backups

A restore refuses while the app (or Litestream) has the database open: stop it first. It moves the
current database (with its -wal/-shm) and users/ aside to *.before-restore-<time>, never deletes
them, and deletes again every account deleted after the restored data was taken.
Exit status: 0 done, 1 refused or failed, 2 bad arguments.`

export type CliIo = { out: (text: string) => void; err: (text: string) => void }

/** Thrown to end the run: exit 2 for a usage mistake, 1 for a refused or failed command. */
class Exit extends Error {
  constructor(
    readonly code: 1 | 2,
    message: string,
  ) {
    super(message)
  }
}

function fail(message: string, code: 1 | 2): never {
  throw new Exit(code, `backup: ${message}${code === 2 ? ' (see --help)' : ''}`)
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** The whole command, callable in-process by tests; resolves to the exit code. Errors are one line. */
export async function backupCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  try {
    await run(argv, env, io)
    return 0
  } catch (err) {
    if (!(err instanceof Exit)) throw err
    io.err(`${err.message}\n`)
    return err.code
  }
}

const OPTIONS = {
  'data-dir': { type: 'string' },
  'backup-dir': { type: 'string' },
  from: { type: 'string' },
  at: { type: 'string' },
  offsite: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

function parseCli(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS })
  } catch (err) {
    return fail((err as Error).message.split(/\. To specify|\n/)[0] ?? 'bad arguments', 2)
  }
}

/** Only the variables backups use, so an unrelated bad setting cannot block a restore. */
function backupConfig(env: Record<string, string | undefined>, dataDir?: string, backupDir?: string): Config {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([k]) => k === 'DATA_DIR' || /^(BACKUP|LITESTREAM)_/.test(k)),
  )
  try {
    return loadConfig({
      ...relevant,
      ...(dataDir !== undefined ? { DATA_DIR: dataDir } : {}),
      ...(backupDir !== undefined ? { BACKUP_DIR: backupDir } : {}),
    })
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2)
    throw err
  }
}

/** `--at`: an instant, with its zone stated, so a restore never depends on the machine's time zone. */
function parseAt(text: string): Date {
  const time = Date.parse(text)
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i.test(text) || Number.isNaN(time)) {
    fail(`--at wants a time such as 2026-11-25T03:00:00Z (got ${JSON.stringify(text)})`, 2)
  }
  if (time > Date.now()) fail(`--at ${text} is in the future`, 2)
  return new Date(time)
}

async function run(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<void> {
  const { values, positionals } = parseCli(argv)
  if (values.help || positionals.length === 0) {
    if (positionals.length === 0 && !values.help)
      fail('say which command: snapshot, list, restore, restore-files or prune', 2)
    io.out(`${USAGE}\n`)
    return
  }
  const [command = '', ...rest] = positionals
  for (const name of ['data-dir', 'backup-dir', 'from', 'at'] as const) {
    if (values[name] === '') fail(`--${name} needs a value`, 2)
  }
  const onlyFor = (option: 'from' | 'at' | 'offsite', commands: string[]) => {
    if (values[option] !== undefined && !commands.includes(command))
      fail(`--${option} is not an option of ${command}`, 2)
  }
  onlyFor('from', ['restore'])
  onlyFor('at', ['restore'])
  onlyFor('offsite', ['list'])
  const config = backupConfig(env, values['data-dir'], values['backup-dir'])

  switch (command) {
    case 'snapshot':
      if (rest.length > 0) fail(`snapshot takes no arguments (got ${rest.join(' ')})`, 2)
      return snapshotCommand(config, io)
    case 'list':
      if (rest.length > 0) fail(`list takes no arguments (got ${rest.join(' ')})`, 2)
      return values.offsite ? listOffsiteCommand(config, io) : listCommand(config, io)
    case 'restore':
      return restoreCommand(config, env, rest, values.from, values.at, io)
    case 'restore-files':
      if (rest.length > 1) fail(`restore-files takes one manifest at most (got ${rest.join(' ')})`, 2)
      return restoreFilesCommand(config, rest[0] ?? 'latest', io)
    case 'prune':
      if (rest.length > 0) fail(`prune takes no arguments (got ${rest.join(' ')})`, 2)
      return pruneCommand(config, io)
    default:
      fail(`unknown command ${JSON.stringify(command)}`, 2)
  }
}

function requireOffsite(config: Config) {
  if (!config.backups.offsite) {
    fail('no off-site bucket is configured (set LITESTREAM_REPLICA_URL=s3://… or BACKUP_S3_BUCKET)', 1)
  }
  return connectOffsite(config.backups.offsite)
}

async function snapshotCommand(config: Config, io: CliIo): Promise<void> {
  if (!fs.existsSync(config.databasePath)) fail(`no database at ${config.databasePath}`, 1)
  const db = openDatabase(config.databasePath)
  let report: Awaited<ReturnType<typeof runBackup>>
  try {
    report = await runBackup({
      db,
      dataDir: config.dataDir,
      backups: config.backups,
      logger: pino({ level: 'silent' }),
    })
  } catch (err) {
    fail(`snapshot failed: ${(err as Error).message}`, 1)
  } finally {
    db.$client.close()
  }
  const { snapshot, pruned, offsite } = report
  const m = snapshot.manifest
  io.out(`snapshot ${snapshot.path}\n`)
  io.out(
    `  database: ${formatBytes(m.database.bytes)} gzipped (${formatBytes(m.database.uncompressedBytes)}), integrity_check ok, sha256 ${m.database.sha256}\n`,
  )
  io.out(
    `  schema ${m.schema.migration ?? 'unknown'}, app ${m.app.version}, ${plural(m.tombstones.length, 'tombstone')}\n`,
  )
  io.out(
    `  user files: ${plural(snapshot.files.files, 'file')} (${formatBytes(snapshot.files.bytes)}): ${snapshot.files.copied} copied, ${snapshot.files.linked} hard-linked to the previous snapshot\n`,
  )
  io.out(`  took ${snapshot.ms} ms\n`)
  if (pruned.length > 0) io.out(`deleted old snapshots: ${pruned.join(', ')}\n`)
  if (offsite) {
    const { copied, pruned: gone } = offsite
    io.out(
      `off-site: ${plural(copied.uploaded, 'file')} sent (${formatBytes(copied.bytes)}), ${copied.alreadyThere} already there; manifest ${copied.manifest}\n`,
    )
    if (gone.manifests.length > 0 || gone.objects > 0) {
      io.out(
        `off-site: deleted ${plural(gone.manifests.length, 'old manifest')} and ${plural(gone.objects, 'unreferenced file')}\n`,
      )
    }
  } else if (!config.backups.offsite) {
    io.out('off-site: no bucket configured; the user files are only on this disk\n')
  }
  if (report.offsiteError) fail(`the snapshot is taken, but the off-site copy failed: ${report.offsiteError}`, 1)
}

function listCommand(config: Config, io: CliIo): void {
  const snapshots = listSnapshots(config.backups.dir)
  if (snapshots.length === 0) {
    io.out(`no snapshots in ${config.backups.dir}\n`)
    return
  }
  io.out(`snapshots in ${config.backups.dir} (newest first):\n`)
  for (const s of snapshots) {
    let detail: string
    if (s.kind === 'database') {
      detail = `database only (${formatBytes(fs.statSync(s.path).size)})`
    } else {
      try {
        const m = readManifest(s.path)
        const fileBytes = m.files.reduce((sum, f) => sum + f.bytes, 0)
        detail = `database ${formatBytes(m.database.bytes)}, ${plural(m.files.length, 'file')} (${formatBytes(fileBytes)}), schema ${m.schema.migration ?? 'unknown'}`
      } catch (err) {
        detail = `unreadable: ${(err as Error).message}`
      }
    }
    io.out(`  ${s.name}  ${new Date(s.time).toISOString()}  ${detail}\n`)
  }
}

async function listOffsiteCommand(config: Config, io: CliIo): Promise<void> {
  const offsite = requireOffsite(config)
  const where = `s3://${offsite.settings.bucket}/${offsite.settings.prefix}manifests/`
  let manifests: Awaited<ReturnType<typeof listOffsiteManifests>>
  try {
    manifests = await listOffsiteManifests(offsite)
  } catch (err) {
    fail(`cannot list ${where}: ${(err as Error).message}`, 1)
  }
  if (manifests.length === 0) io.out(`no manifests under ${where}\n`)
  else io.out(`manifests under ${where} (newest first):\n`)
  for (const m of manifests) io.out(`  ${m.name}  ${new Date(m.time).toISOString()}\n`)
}

async function restoreCommand(
  config: Config,
  env: Record<string, string | undefined>,
  rest: string[],
  from: string | undefined,
  at: string | undefined,
  io: CliIo,
): Promise<void> {
  let source: RestoreSource
  if (from !== undefined) {
    if (from !== 'replica') fail(`--from takes 'replica' (got ${JSON.stringify(from)})`, 2)
    if (rest.length > 0) fail(`restore --from replica takes no snapshot (got ${rest.join(' ')})`, 2)
    if (!config.backups.litestream.replicaUrl) {
      fail('LITESTREAM_REPLICA_URL is not set: there is no replica to restore from', 2)
    }
    source = { kind: 'replica', ...(at !== undefined ? { at: parseAt(at) } : {}) }
  } else {
    if (at !== undefined) fail('--at goes with --from replica (snapshots are restored as they were taken)', 2)
    if (rest.length > 1) fail(`expected one snapshot, got ${rest.length}: ${rest.join(' ')}`, 2)
    const [which] = rest
    if (which === undefined) fail("say which snapshot to restore: a name from the list, a path, or 'latest'", 2)
    source = { kind: 'snapshot', which }
  }
  let result: Awaited<ReturnType<typeof restore>>
  try {
    result = await restore({
      dataDir: config.dataDir,
      backupDir: config.backups.dir,
      source,
      litestream: { configFile: litestreamConfigFile(config.backups.litestream.configFile), env },
    })
  } catch (err) {
    if (err instanceof RestoreError) fail(err.message, 1)
    fail(`failed: ${(err as Error).message}`, 1)
  }
  const m = result.manifest
  io.out(
    m
      ? `verified ${result.source}: SHA-256 of the database and of ${plural(m.files.length, 'file')}, integrity_check ok\n` +
          `  taken ${m.createdAt} by app ${m.app.version}, schema ${m.schema.migration ?? 'unknown'}\n`
      : `verified ${result.source}: integrity_check ok\n`,
  )
  for (const warning of result.warnings) io.out(`warning: ${warning}\n`)
  if (result.movedAside.length === 0) io.out('nothing to move aside (no database or user files were there)\n')
  for (const [from, to] of result.movedAside) io.out(`moved ${from} -> ${to}\n`)
  io.out(`restored ${result.database} (${formatBytes(result.bytes)})\n`)
  io.out(
    result.files
      ? `restored ${plural(result.files.count, 'user file')} (${formatBytes(result.files.bytes)}) into ${path.join(config.dataDir, 'users')}\n`
      : `user files: left as they were in ${path.join(config.dataDir, 'users')} (this source holds the database only; \`restore-files\` brings them back from the off-site copy)\n`,
  )
  io.out(
    `rows: ${Object.entries(result.tables)
      .map(([table, count]) => `${table} ${count}`)
      .join(', ')}\n`,
  )
  const t = result.tombstones
  io.out(
    `deleted accounts: ${t.accountsRemoved} deleted again from the restored data; ${plural(t.known, 'tombstone')} kept (from ${t.sources.join(', ') || 'the restored data alone'})\n`,
  )
  io.out('Start the app. Once satisfied, delete the *.before-restore-* files: they hold personal data too.\n')
}

async function restoreFilesCommand(config: Config, which: string, io: CliIo): Promise<void> {
  const offsite = requireOffsite(config)
  // The restored database knows of deletions newer than the newest manifest.
  let tombstones: ReturnType<typeof readTombstonesFrom> = []
  if (fs.existsSync(config.databasePath)) {
    try {
      tombstones = readTombstonesFrom(config.databasePath)
    } catch (err) {
      io.out(`warning: could not read tombstones from ${config.databasePath}: ${(err as Error).message}\n`)
    }
  }
  let report: Awaited<ReturnType<typeof restoreOffsiteFiles>>
  try {
    report = await restoreOffsiteFiles(offsite, { dataDir: config.dataDir, which, tombstones })
  } catch (err) {
    fail(`restore-files failed: ${(err as Error).message}`, 1)
  }
  const usersDir = path.join(config.dataDir, 'users')
  if (fs.existsSync(usersDir)) keepOwner(usersDir, config.dataDir)
  io.out(`manifest ${report.manifest} from s3://${offsite.settings.bucket}/${offsite.settings.prefix}\n`)
  io.out(
    `restored ${plural(report.restored, 'file')} (${formatBytes(report.bytes)}) into ${usersDir}, each SHA-256 checked\n`,
  )
  io.out(`${report.present} already in place\n`)
  if (report.deletedAccounts > 0) io.out(`skipped the files of ${plural(report.deletedAccounts, 'deleted account')}\n`)
  if (report.differing.length > 0) {
    io.out(
      `kept ${plural(report.differing.length, 'local file')} that differ from the off-site copy (not overwritten):\n`,
    )
    for (const p of report.differing) io.out(`  ${p}\n`)
  }
}

async function pruneCommand(config: Config, io: CliIo): Promise<void> {
  const deleted = pruneSnapshots(config.backups.dir)
  io.out(deleted.length > 0 ? `deleted snapshots: ${deleted.join(', ')}\n` : 'no local snapshot is due for deletion\n')
  if (!config.backups.offsite) return
  try {
    const gone = await pruneOffsite(connectOffsite(config.backups.offsite))
    io.out(
      `off-site: deleted ${plural(gone.manifests.length, 'old manifest')} and ${plural(gone.objects, 'unreferenced file')}\n`,
    )
  } catch (err) {
    fail(`off-site prune failed: ${(err as Error).message}`, 1)
  }
}

// Run only when started as a program, so tests can import backupCli.
const entry = process.argv[1]
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  process.exitCode = await backupCli(process.argv.slice(2), process.env, {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  })
}
