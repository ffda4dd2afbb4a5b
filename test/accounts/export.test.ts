import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { getTableColumns } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as schema from '../../db/schema.js'
import { EXPORT_FORMAT_VERSION, WITHHELD } from '../../src/accounts/export.js'
import { DEFAULT_SETTINGS, saveBrandSettings } from '../../src/brand/kit.js'
import { trackPath } from '../../src/storage.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { insertVideo, makeBrief, newRenderUser, type RenderUser } from '../support/render.js'

let app: TestApp
let user: RenderUser
let videoId: string
let trackId: string

beforeAll(async () => {
  app = await startTestApp()
  user = await newRenderUser(app)
  const brief = await makeBrief(app, user.id)
  videoId = insertVideo(app, user.id, brief).id
  saveBrandSettings(app.db, user.id, { ...DEFAULT_SETTINGS, handle: 'halolamp.example' })
  // One own music track (issue 25), stored as the upload gate stores one.
  trackId = randomUUID()
  app.db
    .insert(schema.tracks)
    .values({ id: trackId, userId: user.id, title: 'Shop theme', durationMs: 8000, bytes: 4, createdAt: Date.now() })
    .run()
  fs.mkdirSync(path.dirname(trackPath(app.dataDir, user.id, trackId)), { recursive: true })
  fs.writeFileSync(trackPath(app.dataDir, user.id, trackId), 'm4a!')
})
afterAll(() => app.close())

// The export's section for each table that refers to the person.
const sections: Record<keyof typeof WITHHELD, (data: Record<string, any>) => Record<string, unknown>[]> = {
  users: (d) => [d.account],
  sessions: (d) => d.sessions,
  apiKeys: (d) => d.apiKeys,
  emailTokens: (d) => d.emailLinks,
  usageRecords: (d) => d.usageRecords,
  images: (d) => d.images,
  tracks: (d) => d.tracks,
  briefs: (d) => d.briefs,
  screenplays: (d) => d.screenplays,
  screenplayDrafts: (d) => d.screenplayDrafts,
  videos: (d) => d.videos,
  videoShots: (d) => d.videos.flatMap((v: { shots: unknown[] }) => v.shots),
  renderJobs: (d) => d.videos.map((v: { renderJob: unknown }) => v.renderJob).filter(Boolean),
  idempotencyKeys: (d) => d.idempotencyKeys,
  webhookEndpoints: (d) => (d.webhook ? [d.webhook] : []),
  webhookDeliveries: (d) => d.webhookDeliveries,
  mailOutbox: (d) => d.mailWaitingToBeSent,
  policyNoticeRecipients: (d) => d.policyNotices,
  brandKits: (d) => (d.brandKit ? [d.brandKit] : []),
}

describe('the export', () => {
  it('holds every column of every table that refers to the person, but the withheld ones', async () => {
    const res = await user.client.get('/account/export')
    const data = (await res.json()) as Record<string, any>
    expect(data.formatVersion).toBe(EXPORT_FORMAT_VERSION)
    for (const [table, section] of Object.entries(sections) as [keyof typeof WITHHELD, (d: any) => any[]][]) {
      const columns = Object.keys(getTableColumns((schema as unknown as Record<string, SQLiteTable>)[table]!))
      const expected = columns.filter((c) => !(c in WITHHELD[table])).sort()
      const rows = section(data)
      if (table === 'sessions') expect(expected).toEqual(['createdAt', 'expiresAt']) // times only
      for (const row of rows) {
        // A video also carries its shots, its job and its files' names in the ZIP; a brief its photos.
        const added =
          table === 'videos'
            ? ['file', 'poster', 'shots', 'renderJob']
            : table === 'images' || table === 'tracks'
              ? ['file']
              : table === 'brandKits'
                ? ['logoFile']
                : table === 'briefs'
                  ? ['photos']
                  : []
        const keys = Object.keys(row).filter((k) => !added.includes(k))
        expect(keys.sort(), table).toEqual(expected)
      }
    }
    // Tables with rows here, so the comparison above really ran on them.
    for (const table of [
      'users',
      'sessions',
      'apiKeys',
      'emailTokens',
      'images',
      'briefs',
      'screenplays',
      'videos',
      'brandKits',
      'tracks',
    ])
      expect(sections[table as keyof typeof WITHHELD](data).length, table).toBeGreaterThan(0)
    expect(data.videos[0].shots.length).toBeGreaterThan(0)
    expect(data.briefs.some((b: { photos: { role: string }[] }) => b.photos[0]?.role === 'main')).toBe(true)
    // Every table of the schema with a user_id is either exported or has no personal data.
    const withUserId = Object.entries(schema)
      .filter(([, t]) => typeof t === 'object' && t !== null && 'userId' in (t as object))
      .map(([name]) => name)
      .filter((name) => name !== 'deletionTombstones') // written after the account is gone
    expect(withUserId.filter((name) => !(name in WITHHELD))).toEqual([])
  })

  it('never holds a hash or a secret', async () => {
    const text = await (await user.client.get('/account/export')).text()
    const row = app.db.select().from(schema.users).all()[0]!
    expect(text).not.toContain(row.passwordHash)
    for (const k of app.db.select().from(schema.apiKeys).all()) expect(text).not.toContain(k.keyHash)
    for (const s of app.db.select().from(schema.sessions).all()) expect(text).not.toContain(s.tokenHash)
    expect(text).not.toContain(user.apiKey)
  })

  it('is a ZIP from the account page and from GET /api/v1/export, with the photo and the finished video', async () => {
    const page = await user.client.get('/account/export.zip')
    const api = await fetch(`${app.url}/api/v1/export`, { headers: { authorization: `Bearer ${user.apiKey}` } })
    for (const res of [page, api]) {
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/zip')
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="lumina-export-\d{4}-\d{2}-\d{2}\.zip"$/,
      )
      const zip = Buffer.from(await res.arrayBuffer())
      expect(zip.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]))
      const names = zip.toString('latin1')
      for (const name of ['lumina-export.json', 'README.txt', `videos/${videoId}.mp4`, `music/${trackId}.m4a`])
        expect(names).toContain(name)
      expect(names).toMatch(/images\/[0-9a-f-]{36}\.jpg/)
    }
    // An export reads every file of the account: it spends the costly budget (10 a minute).
    expect(api.headers.get('ratelimit-limit')).toBe('10')
  })
})
