// The plans' storage caps, asked of the services directly: what a person stores, and each cap
// refusing one more (StorageFull, nothing written) while the plan above still has room.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { briefs, images, screenplays, users, videos } from '../../db/schema.js'
import { quotaMonth } from '../../src/accounts/plans.js'
import { StorageFull, storageRoom, storageUsage } from '../../src/accounts/storage-caps.js'
import { saveProductImage } from '../../src/briefs/images.js'
import { saveScreenplayVersion } from '../../src/briefs/screenplays.js'
import { createBrief } from '../../src/briefs/service.js'
import { submitRender } from '../../src/render/submit.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { addImageRows, imageFiles } from '../briefs/helpers.js'
import { startTestApp, type TestApp } from '../support/app.js'
import * as img from '../support/images.js'
import { briefInput, insertVideo, makeBrief, newRenderUser } from '../support/render.js'

const MB = 1024 * 1024
let app: TestApp
beforeAll(async () => {
  app = await startTestApp()
})
afterAll(async () => {
  await app?.close()
})

const lastMonth = () => quotaMonth(Date.now()).start - 24 * 60 * 60 * 1000
const refusalOf = (fn: () => unknown): unknown => {
  try {
    fn()
  } catch (e) {
    return e
  }
  return undefined
}
const count = (rows: unknown[]) => rows.length

describe('storageUsage', () => {
  it('counts photos and their bytes, briefs, and videos kept (finished or on their way)', async () => {
    const user = await newRenderUser(app)
    const project = await makeBrief(app, user.id)
    const photo = app.db.select().from(images).where(eq(images.userId, user.id)).get()!
    for (const status of ['done', 'done', 'rendering', 'queued', 'stitching', 'failed', 'canceled'] as const) {
      insertVideo(app, user.id, project, { status, createdAt: lastMonth(), files: false })
    }
    expect(storageUsage(app.db, user.id)).toEqual({
      images: 1,
      imageBytes: photo.bytes,
      briefs: 1,
      videosKept: 5,
      // Own music (issue 25) is counted too: none here.
      tracks: 0,
      trackBytes: 0,
    })
  })
})

describe('each cap refuses one more, and writes nothing', () => {
  it('briefs: the free plan keeps 10', async () => {
    const user = await newRenderUser(app)
    const brief = briefSchema.parse(briefInput())
    for (let i = 0; i < 10; i++) createBrief(app.db, user.id, brief, null)
    const e = refusalOf(() => createBrief(app.db, user.id, brief, null))
    expect(e).toBeInstanceOf(StorageFull)
    expect(e).toMatchObject({ kind: 'briefs', used: 10, cap: 10, status: 403 })
    expect((e as Error).message).toBe(
      'Your Free plan keeps up to 10 briefs, and you have 10. Delete a brief you no longer need, then save this one.',
    )
    expect(count(app.db.select().from(briefs).where(eq(briefs.userId, user.id)).all())).toBe(10)
    // The next plan up has room for the same brief.
    app.db.update(users).set({ plan: 'creator' }).where(eq(users.id, user.id)).run()
    expect(() => createBrief(app.db, user.id, brief, null)).not.toThrow()
  })

  it('screenplay versions: the free plan keeps 20 per brief', async () => {
    const user = await newRenderUser(app)
    const project = await makeBrief(app, user.id)
    for (let i = 1; i < 20; i++) saveScreenplayVersion(app.db, user.id, project.briefId, project.screenplay)
    const e = refusalOf(() => saveScreenplayVersion(app.db, user.id, project.briefId, project.screenplay))
    expect(e).toMatchObject({ kind: 'versions', used: 20, cap: 20 })
    expect((e as Error).message).toMatch(
      /^This brief has 20 saved versions, the most your Free plan keeps for one brief\./,
    )
    expect(count(app.db.select().from(screenplays).where(eq(screenplays.briefId, project.briefId)).all())).toBe(20)
    // Another brief of the same person has its own 20.
    const other = createBrief(app.db, user.id, briefSchema.parse(briefInput()), null)
    expect(saveScreenplayVersion(app.db, user.id, other.id, project.screenplay).version).toBe(1)
  })

  it('photos: the free plan keeps 20, and a refused photo leaves no file', async () => {
    const user = await newRenderUser(app)
    addImageRows(app, user.id, 20)
    const photo = await img.jpeg(900, 700)
    const e = await saveProductImage(app.db, app.dataDir, user.id, photo).catch((err: unknown) => err)
    expect(e).toMatchObject({ kind: 'images', used: 20, cap: 20 })
    expect((e as Error).message).toMatch(/^Your Free plan keeps up to 20 photos, and you have 20\. Delete a brief/)
    expect(count(app.db.select().from(images).where(eq(images.userId, user.id)).all())).toBe(20)
    expect(imageFiles(app, user.id)).toEqual([])
  })

  it('photo megabytes: the free plan keeps 200 MB, counted with the photo being stored', async () => {
    const user = await newRenderUser(app)
    const photo = await img.jpeg(900, 700)
    addImageRows(app, user.id, 1, 200 * MB - 1000) // room for 1000 bytes: less than any photo
    const e = await saveProductImage(app.db, app.dataDir, user.id, photo).catch((err: unknown) => err)
    expect(e).toMatchObject({ kind: 'imageBytes', used: 200 * MB - 1000, cap: 200 * MB })
    expect((e as Error).message).toMatch(
      /^Your Free plan keeps up to 200 MB of photos; yours take 200 MB, and this photo needs /,
    )
    expect(count(app.db.select().from(images).where(eq(images.userId, user.id)).all())).toBe(1)
    expect(imageFiles(app, user.id)).toEqual([])
    // With the room it needs, the same photo is stored.
    app.db.update(images).set({ bytes: 1000 }).where(eq(images.userId, user.id)).run()
    expect((await saveProductImage(app.db, app.dataDir, user.id, photo)).bytes).toBeGreaterThan(1000)
  })

  it('videos kept: the free plan keeps 10; failed and canceled ones do not count', async () => {
    const user = await newRenderUser(app)
    const project = await makeBrief(app, user.id)
    for (let i = 0; i < 9; i++) insertVideo(app, user.id, project, { createdAt: lastMonth(), files: false })
    insertVideo(app, user.id, project, { status: 'failed', createdAt: lastMonth() })
    insertVideo(app, user.id, project, { status: 'canceled', createdAt: lastMonth() })
    expect(storageRoom(app.db, user.id, { kind: 'videos' })).toBeNull()
    submitRender(app.db, user.id, project.screenplayId, 'kling-v2-1') // the tenth, queued: it counts
    const before = count(app.db.select().from(videos).where(eq(videos.userId, user.id)).all())
    const e = refusalOf(() => submitRender(app.db, user.id, project.screenplayId, 'kling-v2-1'))
    expect(e).toBeInstanceOf(StorageFull)
    expect(e).toMatchObject({ kind: 'videos', used: 10, cap: 10 })
    expect(count(app.db.select().from(videos).where(eq(videos.userId, user.id)).all())).toBe(before)
  })
})

describe('the caps by plan', () => {
  it('are generous multiples above free', async () => {
    const user = await newRenderUser(app, 'studio')
    const project = await makeBrief(app, user.id)
    for (let i = 0; i < 10; i++) insertVideo(app, user.id, project, { createdAt: lastMonth(), files: false })
    addImageRows(app, user.id, 30, 10 * MB)
    expect(storageRoom(app.db, user.id, { kind: 'videos' })).toBeNull()
    expect(storageRoom(app.db, user.id, { kind: 'images', bytes: 5 * MB })).toBeNull()
    expect(storageRoom(app.db, user.id, { kind: 'briefs' })).toBeNull()
    // The plan a person has now decides, not the one they had.
    app.db.update(users).set({ plan: 'free' }).where(eq(users.id, user.id)).run()
    expect(storageRoom(app.db, user.id, { kind: 'videos' })).toMatchObject({ kind: 'videos', cap: 10 })
    expect(storageRoom(app.db, user.id, { kind: 'images', bytes: 1 })).toMatchObject({ kind: 'images', cap: 20 })
  })
})
