import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import { projectPath } from '../paths.js'

/**
 * Litestream 0.3.13 streams every WAL change of the database to the replica
 * (LITESTREAM_REPLICA_URL). It runs beside the app, never inside it: backups/run-with-litestream.sh
 * starts the app under `litestream replicate -exec` (make run, the container), so replication
 * starts before the app's first write and ships its last one after it exits. This module finds the
 * binary and restores from the replica.
 */

/**
 * The static binary from @flydotio/litestream-<platform>-<arch> (an optional dependency, installed
 * where the platform matches), else `litestream` on PATH; LITESTREAM_BIN overrides both. Never
 * node_modules/.bin/litestream: that node wrapper neither forwards SIGTERM nor passes on the exit code.
 * backups/run-with-litestream.sh finds it the same way.
 */
export function litestreamBinary(env: Record<string, string | undefined> = process.env): string {
  if (env.LITESTREAM_BIN) return env.LITESTREAM_BIN
  try {
    const pkg = createRequire(import.meta.url).resolve(
      `@flydotio/litestream-${process.platform}-${process.arch}/package.json`,
    )
    const bin = path.join(path.dirname(pkg), 'litestream')
    if (fs.existsSync(bin)) return bin
  } catch {
    // Not installed for this platform.
  }
  return 'litestream'
}

/** LITESTREAM_CONFIG, or the committed backups/litestream.yml (which reads LITESTREAM_* and DATA_DIR). */
export function litestreamConfigFile(configured: string | undefined): string {
  return configured ? path.resolve(configured) : projectPath('backups/litestream.yml')
}

export class ReplicaError extends Error {}

/**
 * `litestream restore` of the database at `database` (as named in the config) into `output`, a new
 * file: the latest state, or the state at `at` (`-timestamp`). Litestream reads the replica's
 * settings from the environment, where the config expects them; DATA_DIR is set to the database's folder.
 */
export async function restoreFromReplica(options: {
  database: string
  output: string
  at?: Date
  configFile: string
  env?: Record<string, string | undefined>
}): Promise<void> {
  const args = ['restore', '-config', options.configFile, '-o', options.output]
  if (options.at) args.push('-timestamp', options.at.toISOString())
  args.push(options.database)
  const env = { ...(options.env ?? process.env), DATA_DIR: path.dirname(options.database) }
  try {
    await promisify(execFile)(litestreamBinary(env), args, {
      env,
      timeout: 30 * 60 * 1000,
      maxBuffer: 16 * 1024 * 1024,
    })
  } catch (err) {
    const e = err as { code?: string | number; stderr?: string; message: string }
    if (e.code === 'ENOENT') {
      throw new ReplicaError(
        'litestream is not installed (npm ci installs it on Linux x64 and arm64; or put it on PATH)',
      )
    }
    // Litestream logs to stderr; its last line says why (e.g. "no matching backups found").
    const last = (e.stderr ?? '').trim().split('\n').at(-1) || e.message
    throw new ReplicaError(`litestream restore failed: ${last.replace(/^time=\S+ level=\S+ msg=/, '')}`)
  }
  if (!fs.existsSync(options.output)) throw new ReplicaError('litestream restore wrote no database')
}
