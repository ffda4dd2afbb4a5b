import fs from 'node:fs'
import path from 'node:path'
import type { Config } from '../config.js'
import type { Db } from '../db.js'
import type { MailContext } from '../mail/compose.js'

// What every admin command shares (src/cli/admin.ts runs them).

export type AdminIo = { out: (text: string) => void; err: (text: string) => void }

export type AdminContext = {
  db: Db
  dataDir: string
  /** Where snapshots go and the off-site settings (BACKUP_DIR, LITESTREAM_*, BACKUP_S3_*). */
  backups: Config['backups']
  /** What mails the tool queues say: the operator's name and contact, links on BASE_URL. */
  mail: MailContext
  now: number
  /** One line of what the command found or did. */
  say: (line: string) => void
}

export type Flags = {
  yes?: boolean | undefined
  reason?: string | undefined
  subject?: string | undefined
  'body-file'?: string | undefined
}

export type AdminCommand = {
  /** The arguments after the command's name, for the usage text: '<user> <plan>'. */
  args: string
  help: string
  /** How many positional arguments it takes: exactly this many, or it is refused. */
  arity: number
  /** The flags it accepts; any other is refused. */
  flags?: (keyof Flags)[]
  run: (ctx: AdminContext, args: string[], flags: Flags) => void | Promise<void>
}

/** Ends the run with a one-line message: 1 when refused or failed, 2 for a usage mistake. */
export class AdminExit extends Error {
  constructor(
    readonly code: 1 | 2,
    message: string,
  ) {
    super(message)
  }
}

export function refuse(message: string): never {
  throw new AdminExit(1, message)
}

const KIB = 1024

export function formatBytes(bytes: number): string {
  if (bytes < KIB) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / KIB
  let unit = 0
  while (value >= KIB && unit < units.length - 1) {
    value /= KIB
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}

/** "3 d 4 h", "12 min", "40 s": how long ago, for a person reading a terminal. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000))
  if (s < 120) return `${s} s`
  const min = Math.round(s / 60)
  if (min < 120) return `${min} min`
  const h = Math.floor(min / 60)
  if (h < 48) return `${h} h ${min % 60} min`
  return `${Math.floor(h / 24)} d ${h % 24} h`
}

export function formatTime(ms: number | null): string {
  return ms === null ? 'no' : new Date(ms).toISOString()
}

/** Bytes of every file under `dir` (0 when it does not exist). */
export async function folderBytes(dir: string): Promise<number> {
  let entries: fs.Dirent[]
  try {
    entries = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw err
  }
  let total = 0
  for (const entry of entries) {
    if (!entry.isFile()) continue
    // A file removed while we walk (a render finishing) simply no longer counts.
    const stat = await fs.promises.stat(path.join(entry.parentPath, entry.name)).catch(() => undefined)
    total += stat?.size ?? 0
  }
  return total
}
