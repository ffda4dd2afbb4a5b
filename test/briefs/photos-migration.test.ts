import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import { afterAll, describe, expect, it } from 'vitest'
import { findBrief } from '../../src/briefs/service.js'
import { migrateDatabase, openDatabase } from '../../src/db.js'
import { projectPath } from '../../src/paths.js'
import { briefInput } from '../support/render.js'

// Existing briefs keep working (issue 24): a database made by the previous release (every
// migration before brief_photos, with rows in it) is migrated by this one; each brief's one photo
// becomes its main photo, and a brief without a photo gets none.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'photos-migration-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

/** The migrations folder as the previous release shipped it: everything before brief_photos. */
function previousRelease(): string {
  const source = projectPath('db/migrations')
  const journal = JSON.parse(fs.readFileSync(path.join(source, 'meta/_journal.json'), 'utf8')) as {
    entries: { idx: number; tag: string }[]
  }
  const cut = journal.entries.findIndex((entry) => entry.tag.endsWith('_brief_photos'))
  expect(cut).toBeGreaterThan(0)
  const entries = journal.entries.slice(0, cut)
  const target = path.join(dir, 'previous-migrations')
  fs.mkdirSync(path.join(target, 'meta'), { recursive: true })
  for (const entry of entries)
    fs.copyFileSync(path.join(source, `${entry.tag}.sql`), path.join(target, `${entry.tag}.sql`))
  fs.writeFileSync(path.join(target, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }))
  return target
}

describe('the brief_photos migration, on a database of the previous release', () => {
  it("moves each brief's photo in as its main photo, and the brief reads as before", () => {
    const file = path.join(dir, 'old.db')
    const old = new Database(file)
    migrate(drizzle(old), { migrationsFolder: previousRelease() })
    expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'brief_photos'").get()).toBeUndefined()
    const now = Date.now()
    old
      .prepare('INSERT INTO users (id, email, password_hash, plan, created_at) VALUES (?, ?, ?, ?, ?)')
      .run('u1', 'old@example.test', 'scrypt$x', 'free', now)
    old
      .prepare(
        'INSERT INTO images (id, user_id, sha256, width, height, bytes, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run('11111111-1111-4111-8111-111111111111', 'u1', 'a'.repeat(64), 640, 480, 1000, now)
    const insertBrief = old.prepare(
      'INSERT INTO briefs (id, user_id, image_id, product_name, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    )
    const data = JSON.stringify(briefInput({ productName: 'Old Lamp' }))
    insertBrief.run('b-with', 'u1', '11111111-1111-4111-8111-111111111111', 'Old Lamp', data, now, now)
    insertBrief.run('b-without', 'u1', null, 'Old Lamp', data, now, now)
    old.close()

    const db = openDatabase(file)
    migrateDatabase(db)
    expect(db.$client.prepare('SELECT brief_id, image_id, position, role FROM brief_photos').all()).toEqual([
      { brief_id: 'b-with', image_id: '11111111-1111-4111-8111-111111111111', position: 1, role: 'main' },
    ])
    const saved = findBrief(db, 'u1', 'b-with')
    expect(saved?.image?.id).toBe('11111111-1111-4111-8111-111111111111')
    expect(saved?.photos.map((p) => [p.image.id, p.role])).toEqual([['11111111-1111-4111-8111-111111111111', 'main']])
    expect(findBrief(db, 'u1', 'b-without')?.photos).toEqual([])
    db.$client.close()
  })
})
