// A data directory the server cannot write (mounted read-only, owned by another user) or a full
// disk stops start-up with one line that says so, before anything is written: no stack trace,
// no half-migrated database.
import fs from 'node:fs'
import path from 'node:path'
import { type Db, migrateDatabase, openDatabase } from '../db.js'

export class DataDirUnusable extends Error {}

// Room for a migration's first pages and the WAL: a disk with less than this free is full to SQLite.
const PROBE_BYTES = 256 * 1024

/** Checks DATA_DIR can take a write, then opens and migrates the database; throws DataDirUnusable. */
export function openWritableDatabase(dataDir: string, databasePath: string): Db {
  probeWrite(dataDir)
  let db: Db | undefined
  try {
    db = openDatabase(databasePath)
    migrateDatabase(db)
    return db
  } catch (err) {
    db?.$client.close()
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' && /^SQLITE_(FULL|READONLY|CANTOPEN|IOERR)/.test(code))
      throw new DataDirUnusable(`${databasePath} cannot be opened for writing (${code}): check DATA_DIR's disk.`)
    throw err
  }
}

function probeWrite(dataDir: string): void {
  const probe = path.join(dataDir, `.write-check-${process.pid}`)
  try {
    fs.mkdirSync(dataDir, { recursive: true })
    const fd = fs.openSync(probe, 'w')
    try {
      fs.writeSync(fd, Buffer.alloc(PROBE_BYTES))
      fs.fsyncSync(fd)
    } finally {
      fs.closeSync(fd)
    }
  } catch (err) {
    throw new DataDirUnusable(whyUnwritable(dataDir, (err as NodeJS.ErrnoException).code))
  } finally {
    try {
      fs.rmSync(probe, { force: true })
    } catch {
      // A read-only directory has no probe to remove.
    }
  }
}

function whyUnwritable(dataDir: string, code: string | undefined): string {
  switch (code) {
    case 'EROFS':
      return `DATA_DIR ${dataDir} is on a read-only file system: the server keeps its database there, so mount it read-write (nothing was changed).`
    case 'EACCES':
    case 'EPERM':
      return `DATA_DIR ${dataDir} is not writable by this user (uid ${process.getuid?.() ?? '?'}): give it the directory or choose another DATA_DIR (nothing was changed).`
    case 'ENOSPC':
    case 'EDQUOT':
      return `DATA_DIR ${dataDir} is on a full disk: free some space and start again (nothing was changed).`
    default:
      return `DATA_DIR ${dataDir} cannot be written (${code ?? 'unknown error'}): check the disk and its permissions.`
  }
}
