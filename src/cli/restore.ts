// Restores a daily snapshot into DATA_DIR/lumina.db. Stop the app (and litestream) first.
//   npx tsx src/cli/restore.ts [--data-dir DIR] [--list] [SNAPSHOT_FILE|latest]
//   node dist/src/cli/restore.js …  (in the container)
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { ConfigError, loadConfig } from '../config.js'
import { RestoreError, restoreSnapshot } from '../ops/restore.js'
import { defaultSnapshotDir, listSnapshots } from '../ops/snapshots.js'

const USAGE = `usage: restore [--data-dir DIR] [--list] [SNAPSHOT_FILE|latest]

  --list            show the snapshots in DATA_DIR/backups, newest first
  SNAPSHOT_FILE     a name from --list or a path to a snapshot file
  latest            the newest snapshot
  --data-dir DIR    defaults to $DATA_DIR, then ./data

The app must be stopped. The current database and its -wal/-shm files are renamed to
lumina.db.before-restore-<time> (never deleted), then the verified snapshot takes its place.`

export type CliIo = { out: (text: string) => void; err: (text: string) => void }

/** Thrown to end the run: exit 2 for a usage mistake, 1 for a refused or failed restore. */
class Exit extends Error {
  constructor(
    readonly code: 1 | 2,
    message: string,
  ) {
    super(message)
  }
}

function fail(message: string, code: 1 | 2): never {
  throw new Exit(code, `restore: ${message}${code === 2 ? ' (see --help)' : ''}`)
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/** The whole command, callable in-process by tests; returns the exit code. Errors are one line. */
export function restoreCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): number {
  try {
    run(argv, env, io)
    return 0
  } catch (err) {
    if (!(err instanceof Exit)) throw err
    io.err(`${err.message}\n`)
    return err.code
  }
}

const OPTIONS = {
  'data-dir': { type: 'string' },
  list: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

function parseCli(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: OPTIONS })
  } catch (err) {
    return fail((err as Error).message.split(/\. To specify|\n/)[0] ?? 'bad arguments', 2)
  }
}

function run(argv: string[], env: Record<string, string | undefined>, io: CliIo): void {
  const parsed = parseCli(argv)
  const { values, positionals } = parsed
  if (values.help) {
    io.out(`${USAGE}\n`)
    return
  }
  if (positionals.length > 1) fail(`expected one snapshot, got ${positionals.length}: ${positionals.join(' ')}`, 2)
  const which = positionals[0]
  if (values.list && which) fail('--list takes no snapshot argument', 2)
  if (!values.list && !which) fail("say which snapshot to restore: a name from --list, a path, or 'latest'", 2)
  if (values['data-dir'] === '') fail('--data-dir needs a directory', 2)

  // Same rule as the app (config.ts) for where the database lives; only DATA_DIR matters here,
  // so an unrelated bad variable cannot block a restore.
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig({ DATA_DIR: values['data-dir'] ?? env.DATA_DIR })
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 2)
    throw err
  }
  const snapshotDir = defaultSnapshotDir(config.dataDir)

  if (values.list) {
    const snapshots = listSnapshots(snapshotDir)
    if (snapshots.length === 0) {
      io.out(`no snapshots in ${snapshotDir}\n`)
      return
    }
    io.out(`snapshots in ${snapshotDir} (newest first):\n`)
    for (const s of snapshots) {
      io.out(`  ${s.name}  ${new Date(s.time).toISOString()}  ${formatBytes(s.bytes)}\n`)
    }
    return
  }

  try {
    const result = restoreSnapshot({ database: config.databasePath, snapshotDir, snapshot: which! })
    io.out(`verified ${result.snapshot} (integrity_check ok)\n`)
    if (result.warning) io.out(`warning: ${result.warning}\n`)
    if (result.movedAside.length === 0) io.out(`there was no database at ${result.database}; nothing moved aside\n`)
    for (const [from, to] of result.movedAside) io.out(`moved ${from} -> ${to}\n`)
    io.out(`restored ${result.database} (${formatBytes(result.bytes)})\n`)
    io.out(
      'Start the app to apply any newer migrations. Accounts deleted after this snapshot was taken\n' +
        'are back: delete them again (the privacy policy promises deletion within 30 days).\n',
    )
  } catch (err) {
    if (err instanceof RestoreError) fail(err.message, 1)
    fail(`failed: ${(err as Error).message}`, 1)
  }
}

// Run only when started as a program, so tests can import restoreCli.
const entry = process.argv[1]
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  process.exitCode = restoreCli(process.argv.slice(2), process.env, {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
  })
}
