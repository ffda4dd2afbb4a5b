// The operator's tool: look up and change accounts, unstick renders, look at the queue, backups and
// disk. It opens the same SQLite file as the running app (WAL: both may write).
//   npm run admin -- <command> [arguments]          (development: tsx)
//   node dist/src/cli/admin.js <command> [arguments]  (the container, the VM)
// To add a command: write `run` and add one row to `commands` below.
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { mailContext } from '../accounts/notices.js'
import { ConfigError, loadConfig } from '../config.js'
import { type Db, openDatabase } from '../db.js'
import { type AdminCommand, AdminExit, type AdminIo, type Flags, refuse } from './admin-kit.js'
import { noticeCommands } from './admin-notices.js'
import { backupCommands, queueCommands } from './admin-ops.js'
import { userCommands } from './admin-users.js'

/** Every command, in the order --help lists them. */
export const commands: Record<string, AdminCommand> = {
  ...userCommands,
  ...queueCommands,
  ...backupCommands,
  ...noticeCommands,
}

function usage(): string {
  const width = Math.max(...Object.entries(commands).map(([name, c]) => `${name} ${c.args}`.length))
  const lines = Object.entries(commands).map(([name, c]) => `  ${`${name} ${c.args}`.padEnd(width)}  ${c.help}`)
  return [
    'usage: admin [--data-dir DIR] <command> [arguments]',
    '',
    ...lines,
    '',
    '<user> is an account id or its email address. --data-dir defaults to $DATA_DIR, then ./data.',
    'Exit status: 0 done, 1 refused or failed, 2 a usage mistake.',
  ].join('\n')
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        yes: { type: 'boolean' },
        reason: { type: 'string' },
        subject: { type: 'string' },
        'body-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  } catch (err) {
    throw new AdminExit(2, (err as Error).message.split(/\. To specify|\n/)[0] ?? 'bad arguments')
  }
}

/** The whole tool, callable in-process; returns the exit status. Errors are one line on stderr. */
export async function adminCli(argv: string[], env: Record<string, string | undefined>, io: AdminIo): Promise<number> {
  let db: Db | undefined
  try {
    const { values, positionals } = parse(argv)
    const [name, ...args] = positionals
    if (values.help || name === undefined || name === 'help') {
      io.out(`${usage()}\n`)
      return name === undefined && !values.help ? 2 : 0
    }
    const command = commands[name]
    if (!command) throw new AdminExit(2, `unknown command "${name}"`)
    if (args.length !== command.arity)
      throw new AdminExit(
        2,
        `${name} takes ${command.arity || 'no'} argument${command.arity === 1 ? '' : 's'}: ${name} ${command.args}`.trim(),
      )
    const flags: Flags = {
      yes: values.yes,
      reason: values.reason,
      subject: values.subject,
      'body-file': values['body-file'],
    }
    for (const flag of ['yes', 'reason', 'subject', 'body-file'] as const)
      if (flags[flag] !== undefined && !command.flags?.includes(flag))
        throw new AdminExit(2, `${name} takes no --${flag}`)

    // Only DATA_DIR, the backup settings and what mails say (names, contact, links) matter here, so
    // a setting the server needs (LibTV keys, SMTP_URL…) cannot block the tool. Mails go out
    // through the server's outbox.
    const passed = Object.entries(env).filter(
      ([name]) =>
        ['BASE_URL', 'OPERATOR_NAME', 'CONTACT_EMAIL', 'PORT', 'BACKUP_DIR'].includes(name) ||
        /^(LITESTREAM|BACKUP_S3)_/.test(name),
    )
    const config = loadConfig({ ...Object.fromEntries(passed), DATA_DIR: values['data-dir'] ?? env.DATA_DIR })
    // Never create an empty database by mistake: the app makes it, the tool only opens it.
    if (!fs.existsSync(config.databasePath)) refuse(`no database at ${config.databasePath} (is DATA_DIR right?)`)
    db = openDatabase(config.databasePath)
    const say = (line: string) => io.out(`${line}\n`)
    const context = {
      db,
      dataDir: config.dataDir,
      backups: config.backups,
      mail: mailContext(config),
      now: Date.now(),
      say,
    }
    await command.run(context, args, flags)
    return 0
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`admin: ${err.message}\n`)
      return 2
    }
    if (!(err instanceof AdminExit)) throw err
    io.err(`admin: ${err.message}${err.code === 2 ? ' (see --help)' : ''}\n`)
    return err.code
  } finally {
    db?.$client.close()
  }
}

// Run only when started as a program, so tests can import adminCli.
const entry = process.argv[1]
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  const io: AdminIo = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) }
  process.exitCode = await adminCli(process.argv.slice(2), process.env, io)
}
