// A signed-in person with a grown library, written straight into the database before the server
// starts (the sign-up flow is not what the HTTP bench measures). Used by bench/http.ts.
import { randomUUID } from 'node:crypto'
import { briefs, images, screenplays, users, videos } from '../db/schema.js'
import { createSession } from '../src/accounts/sessions.js'
import { migrateDatabase, openDatabase } from '../src/db.js'

export const SESSION_COOKIE = 'lum_api_key'

/** Creates the database at `databasePath` with one person, `briefCount` briefs and `videoCount` videos. */
export function seedLibrary(databasePath: string, videoCount = 100, briefCount = 20): { cookie: string } {
  const db = openDatabase(databasePath)
  migrateDatabase(db)
  const now = Date.now()
  const userId = randomUUID()
  db.insert(users)
    .values({
      id: userId,
      email: 'bench@example.com',
      passwordHash: 'x',
      plan: 'studio',
      createdAt: now,
      emailConfirmedAt: now,
    })
    .run()
  const briefIds: { brief: string; screenplay: string; image: string }[] = []
  db.transaction((tx) => {
    for (let i = 0; i < briefCount; i++) {
      const ids = { brief: randomUUID(), screenplay: randomUUID(), image: randomUUID() }
      const at = now - i * 60_000
      tx.insert(images)
        .values({ id: ids.image, userId, sha256: ids.image, width: 1024, height: 1024, bytes: 200_000, createdAt: at })
        .run()
      tx.insert(briefs)
        .values({
          id: ids.brief,
          userId,
          imageId: ids.image,
          productName: `Lumi Lamp ${i + 1}`,
          data: briefData(`Lumi Lamp ${i + 1}`),
          createdAt: at,
          updatedAt: at,
        })
        .run()
      tx.insert(screenplays)
        .values({ id: ids.screenplay, briefId: ids.brief, userId, version: 1, body: {}, createdAt: at })
        .run()
      briefIds.push(ids)
    }
    for (let i = 0; i < videoCount; i++) {
      const from = briefIds[i % briefIds.length]!
      const at = now - i * 3_600_000
      tx.insert(videos)
        .values({
          id: randomUUID(),
          userId,
          briefId: from.brief,
          screenplayId: from.screenplay,
          imageId: from.image,
          title: `Lumi Lamp ${(i % briefCount) + 1}: a lamp that follows the sun`,
          aspectRatio: '9:16',
          lengthSeconds: 30,
          status: i % 10 === 3 ? 'failed' : 'done',
          failureReason: i % 10 === 3 ? 'LibTV could not make shot 2.' : null,
          stitchProgress: 100,
          outputBytes: 4_000_000,
          createdAt: at,
          updatedAt: at,
          finishedAt: at,
        })
        .run()
    }
  })
  const { token } = createSession(db, userId)
  db.$client.close()
  return { cookie: `${SESSION_COOKIE}=${token}` }
}

function briefData(productName: string) {
  return {
    productName,
    description: 'A desk lamp that follows the sun, warm in the evening and bright at noon, in brushed aluminium.',
    sellingPoints: ['Follows the daylight', 'Folds flat', 'USB-C'],
    audience: 'People who work from home',
    tone: 'premium',
    template: 'hero-reveal',
    aspectRatio: '9:16',
    lengthSeconds: 30,
    language: 'en',
    callToAction: 'Shop now',
    brandColor: '#1D3557',
  }
}
