// Issue 20: an account whose email is never confirmed is deleted 7 days after sign-up, with
// everything it uploaded (rows and files), by a daily job counted in the Prometheus metrics.
// Confirmed accounts, and unconfirmed ones younger than 7 days, stay.
import fs from 'node:fs'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs, deletionTombstones, emailTokens, images, mailOutbox, users } from '../../db/schema.js'
import { deleteAccount } from '../../src/accounts/service.js'
import { saveProductImage } from '../../src/briefs/images.js'
import { createBrief } from '../../src/briefs/service.js'
import { createMetrics } from '../../src/ops/metrics.js'
import { startUnconfirmedAccountsJob, type UnconfirmedAccountsJob } from '../../src/ops/unconfirmed-accounts.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { userDir } from '../../src/storage.js'
import { memoryLogger } from '../ops/helpers.js'
import { signUpUser, uniqueEmail } from '../support/accounts.js'
import { startTestApp, type TestApp } from '../support/app.js'
import { BrowserClient } from '../support/browser-client.js'
import { briefInput, productPhoto } from '../support/render.js'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

let app: TestApp
let job: UnconfirmedAccountsJob | undefined
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  job?.stop()
  await app?.close()
})

const userRow = (email: string) => app.db.select().from(users).where(eq(users.email, email)).get()

/** Signs up through the form and never confirms; then makes the account `age` old. */
async function unconfirmedAccount(age: number) {
  const email = uniqueEmail('unconfirmed')
  const res = await new BrowserClient(app.url).postForm('/signup', {
    email,
    password: 'correct horse battery staple',
    ageConfirmed: 'yes',
  })
  expect(res.status).toBe(200)
  return withPhotoAndAge(email, age)
}

/** Gives the account a brief with a photo (stored as the app stores it) and a sign-up `age` ago. */
async function withPhotoAndAge(email: string, age: number) {
  const user = userRow(email)!
  const image = await saveProductImage(app.db, app.dataDir, user.id, await productPhoto())
  createBrief(app.db, user.id, briefSchema.parse(briefInput()), image.id)
  app.db
    .update(users)
    .set({ createdAt: Date.now() - age })
    .where(eq(users.id, user.id))
    .run()
  return { id: user.id, email, files: userDir(app.dataDir, user.id) }
}

function rowsOf(id: string) {
  return {
    users: app.db.select().from(users).where(eq(users.id, id)).all().length,
    images: app.db.select().from(images).where(eq(images.userId, id)).all().length,
    briefs: app.db.select().from(briefs).where(eq(briefs.userId, id)).all().length,
    emailTokens: app.db.select().from(emailTokens).where(eq(emailTokens.userId, id)).all().length,
    mail: app.db.select().from(mailOutbox).where(eq(mailOutbox.userId, id)).all().length,
  }
}

/** Every file under a folder, relative to it (none when it does not exist). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((e) => (e.isFile() ? [path.relative(dir, path.join(e.parentPath, e.name))] : []))
}

describe('the daily job that deletes accounts left unconfirmed', () => {
  it('deletes one unconfirmed for 7 days and a minute with its photo, rows and files; keeps the others; counts it', async () => {
    const stale = await unconfirmedAccount(7 * DAY + MINUTE)
    const young = await unconfirmedAccount(6 * DAY)
    const confirmed = await signUpUser(app)
    const old = await withPhotoAndAge(confirmed.email, 30 * DAY) // confirmed long ago: stays
    for (const account of [stale, young, old]) {
      expect(rowsOf(account.id)).toMatchObject({ users: 1, images: 1, briefs: 1 })
      expect(filesUnder(account.files).length).toBeGreaterThanOrEqual(2) // the photo and its thumbnail
    }
    expect(rowsOf(stale.id).emailTokens).toBe(1) // its confirmation link
    expect(rowsOf(stale.id).mail).toBe(1) // the mail with the link, still waiting

    const metrics = createMetrics({ db: app.db, dataDir: app.dataDir })
    const log = memoryLogger()
    job = startUnconfirmedAccountsJob({
      db: app.db,
      dataDir: app.dataDir,
      logger: log.logger,
      deleted: metrics.unconfirmedAccountsDeleted,
      intervalMs: DAY,
    })
    // It ran at start; a tick while a run is going joins that run.
    expect(await job.tick()).toBe(1)

    expect(rowsOf(stale.id)).toEqual({ users: 0, images: 0, briefs: 0, emailTokens: 0, mail: 0 })
    expect(fs.existsSync(stale.files)).toBe(false)
    for (const kept of [young, old]) {
      expect(rowsOf(kept.id)).toMatchObject({ users: 1, images: 1, briefs: 1 })
      expect(filesUnder(kept.files).length).toBeGreaterThanOrEqual(2)
    }
    // A tombstone, so a restored backup does not bring it back: the id and the time, nothing else.
    const tombstone = app.db.select().from(deletionTombstones).where(eq(deletionTombstones.userId, stale.id)).get()
    expect(Object.keys(tombstone ?? {}).sort()).toEqual(['deletedAt', 'userId'])
    // No mail to an address never shown to be theirs.
    expect(
      app.db
        .select()
        .from(mailOutbox)
        .all()
        .filter((m) => m.toAddress === stale.email),
    ).toEqual([])

    const text = await metrics.registry.metrics()
    expect(text).toContain('# TYPE lumina_unconfirmed_accounts_deleted_total counter')
    expect(text).toMatch(/^lumina_unconfirmed_accounts_deleted_total 1$/m)
    // The log says how many, never who.
    expect(log.lines()).toEqual([
      expect.objectContaining({ msg: 'deleted accounts left unconfirmed for 7 days', accounts: 1 }),
    ])
    for (const who of [stale.email, stale.id]) expect(log.text()).not.toContain(who)

    // The next day's run finds nothing more to do, and the count stays.
    expect(await job.tick()).toBe(0)
    expect(await metrics.registry.metrics()).toMatch(/^lumina_unconfirmed_accounts_deleted_total 1$/m)
    job.stop()
  })

  it('deletes nothing when the check inside the deleting transaction says no (confirmed meanwhile)', async () => {
    const account = await unconfirmedAccount(8 * DAY)
    const kept = await deleteAccount(app.db, app.dataDir, account.id, {
      onlyIf: (user) => {
        expect(user.emailConfirmedAt).toBeNull()
        return false
      },
    })
    expect(kept).toBe(false)
    expect(rowsOf(account.id)).toMatchObject({ users: 1, images: 1, briefs: 1 })
    expect(filesUnder(account.files).length).toBeGreaterThanOrEqual(2)
  })
})
