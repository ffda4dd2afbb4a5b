import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiKeys, sessions, usageRecords, users } from '../../db/schema.js'
import { saveProductImage } from '../../src/briefs/images.js'
import { userDir } from '../../src/storage.js'
import { GOOD_PASSWORD, signUpUser } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'

let app: TestApp
beforeEach(async () => {
  app = await startTestApp()
})
afterEach(async () => {
  await app.close()
})

function addUsage(userId: string, createdAt: number, voidedAt: number | null = null) {
  app.db
    .insert(usageRecords)
    .values({
      id: randomUUID(),
      userId,
      videoId: randomUUID(),
      shots: 4,
      seconds: 20,
      model: 'kling-v2-1',
      createdAt,
      voidedAt,
    })
    .run()
}

describe('account page', () => {
  it("shows email, plan, quota, this month's usage and the key prefix", async () => {
    const { client, email, apiKey } = await signUpUser(app)
    const user = app.db.select().from(users).get()!
    const now = new Date()
    addUsage(user.id, Date.now())
    addUsage(user.id, Date.now(), Date.now()) // voided: does not count
    addUsage(user.id, Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1) - 1) // last month
    const html = await (await client.get('/account')).text()
    expect(html).toContain(email)
    expect(html).toContain('<span class="pill">Free</span> 3 videos a month')
    expect(html).toContain('1 <span class="muted">of 3 videos</span>')
    expect(html).toContain('2 left')
    expect(html).toContain(apiKey.slice(0, 12))
    expect(html).toContain('You are signed in on 1 browser.')
  })

  it('says only its own fixed words for ?done=, whatever is asked', async () => {
    const { client } = await signUpUser(app)
    for (const done of ['constructor', 'toString', '__proto__', '<script>', 'password-changed']) {
      const res = await client.get(`/account?done=${encodeURIComponent(done)}`)
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html).not.toContain('function')
      expect(html).not.toContain('<script>')
    }
    const changed = await (await client.get('/account?done=password-changed')).text()
    expect(changed).toContain('Your password was changed.')
  })

  it('gives every field its own id, so each label opens its own field (two forms ask for the password)', async () => {
    const { client } = await signUpUser(app)
    const html = await (await client.get('/account')).text()
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])
    expect(ids).toContain('email-current-password')
    expect(ids).toContain('password')
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
  })

  it('exports everything we hold as JSON, without secrets', async () => {
    const { client, email, apiKey } = await signUpUser(app)
    const user = app.db.select().from(users).get()!
    addUsage(user.id, Date.now())
    const res = await client.get('/account/export')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="lumina-export-\d{4}-\d{2}-\d{2}\.json"$/,
    )
    const text = await res.text()
    const data = JSON.parse(text) as Record<string, any>
    expect(data.formatVersion).toBe(3)
    expect(data.account.email).toBe(email)
    expect(data.account.emailConfirmedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/)
    expect(data.apiKeys).toEqual([
      { id: expect.any(String), prefix: apiKey.slice(0, 12), createdAt: expect.any(String), revokedAt: null },
    ])
    expect(data.sessions).toEqual([{ createdAt: expect.any(String), expiresAt: expect.any(String) }])
    expect(data.usageRecords).toHaveLength(1)
    expect(data.usageRecords[0].seconds).toBe(20)
    expect(text).not.toContain(apiKey)
    expect(text).not.toContain(user.passwordHash)
  })

  it('deletes the account and everything linked to it after the password is confirmed', async () => {
    const { client, apiKey } = await signUpUser(app)
    const other = await signUpUser(app)
    const user = app.db
      .select()
      .from(users)
      .all()
      .find((u) => u.email !== other.email)!
    addUsage(user.id, Date.now())

    const wrong = await client.postForm('/account/delete', { password: 'not my password' })
    expect(wrong.status).toBe(422)
    expect(await wrong.text()).toContain('That password is not correct.')
    expect(app.db.select().from(users).all()).toHaveLength(2)

    const res = await client.postForm('/account/delete', { password: GOOD_PASSWORD })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/?deleted=1')
    expect(
      app.db
        .select()
        .from(users)
        .all()
        .map((u) => u.email),
    ).toEqual([other.email])
    for (const table of [sessions, apiKeys, usageRecords]) {
      expect(
        app.db
          .select()
          .from(table)
          .all()
          .every((row) => row.userId !== user.id),
      ).toBe(true)
    }
    expect((await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } })).status).toBe(401)
    expect((await client.get('/account')).status).toBe(303)
    expect((await other.client.get('/account')).status).toBe(200)
  })

  it('removes every file of the deleted account: photos, clips and videos', async () => {
    const { client } = await signUpUser(app)
    const user = app.db.select().from(users).get()!
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#228866' } })
      .jpeg()
      .toBuffer()
    await saveProductImage(app.db, app.dataDir, user.id, photo)
    const folder = userDir(app.dataDir, user.id)
    fs.mkdirSync(path.join(folder, 'videos', randomUUID(), 'clips'), { recursive: true })
    expect(fs.readdirSync(path.join(folder, 'images'))).toHaveLength(2) // photo + thumbnail
    const res = await client.postForm('/account/delete', { password: GOOD_PASSWORD })
    expect(res.status).toBe(303)
    expect(fs.existsSync(folder)).toBe(false)
    expect(app.db.$client.prepare('SELECT count(*) AS n FROM images').get()).toEqual({ n: 0 })
  })

  it("lists the account's usage history, newest first, marking voided records", async () => {
    const { client } = await signUpUser(app)
    const user = app.db.select().from(users).get()!
    addUsage(user.id, Date.now() - 60_000)
    addUsage(user.id, Date.now(), Date.now())
    const html = await (await client.get('/account')).text()
    const table = html.slice(html.indexOf('Usage history'), html.indexOf('id="statements"'))
    const rows = [...table.matchAll(/<tr><td>/g)]
    expect(rows).toHaveLength(2)
    expect(table.indexOf('no (failed or canceled)')).toBeLessThan(table.lastIndexOf('<td>yes</td>'))
  })
})
