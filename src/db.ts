import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from '../db/schema.js'
import { projectPath } from './paths.js'

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

/**
 * Opens the SQLite file with the settings both threads and streamed backups rely on:
 * WAL so readers never block the writer, NORMAL sync (safe in WAL), a busy timeout so the
 * web thread and the render worker wait for each other instead of failing, and foreign keys.
 */
export function openDatabase(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('foreign_keys = ON')
  return drizzle(sqlite, { schema })
}

/**
 * What a connection runs with, as SQLite reports it. Both connections (the web thread's and the
 * render worker's) must show WAL, synchronous NORMAL (1) and a busy timeout of at least 5 s, so
 * they never fight each other or Litestream (test/ops/pragmas.test.ts).
 */
export function connectionSettings(sqlite: Database.Database) {
  return {
    journalMode: sqlite.pragma('journal_mode', { simple: true }) as string,
    synchronous: sqlite.pragma('synchronous', { simple: true }) as number,
    busyTimeout: sqlite.pragma('busy_timeout', { simple: true }) as number,
    foreignKeys: sqlite.pragma('foreign_keys', { simple: true }) as number,
  }
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: projectPath('db/migrations') })
}

/** A cheap round trip that fails when the file is closed, locked beyond the timeout or corrupt. */
export function pingDatabase(db: Db): void {
  pingStatement(db).get()
}

/**
 * A prepared statement (or a set of them) per database, built on first use. Building a drizzle
 * query and preparing its SQL costs more than running it: hot page queries are built once.
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>()
  return (db) => {
    let statements = made.get(db)
    if (statements === undefined) {
      statements = build(db)
      made.set(db, statements)
    }
    return statements
  }
}

// Reads the schema and the first page of a real table: enough to notice a broken file, and the
// same few microseconds however many people there are.
const pingStatement = preparedPerDb((db) => db.$client.prepare('SELECT 1 FROM users LIMIT 1'))
