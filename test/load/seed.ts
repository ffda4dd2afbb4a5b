// Accounts for the load and chaos runs, written straight into the database before the server
// starts: confirmed, on the Studio plan, each with a browser session, an API key and one brief
// with a photo and a saved screenplay. Sign-up itself (scrypt, the mailed link) is not what
// these runs measure, and 200 production-cost hashes would take most of a core for a minute.
import { randomUUID } from 'node:crypto'
import { images, users } from '../../db/schema.js'
import { createApiKey } from '../../src/accounts/api-keys.js'
import { createSession } from '../../src/accounts/sessions.js'
import { processProductImage } from '../../src/briefs/image-processing.js'
import { saveScreenplayVersion } from '../../src/briefs/screenplays.js'
import { createBrief } from '../../src/briefs/service.js'
import { migrateDatabase, openDatabase } from '../../src/db.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { writeScreenplay } from '../../src/screenplay/engine.js'
import type { SavedScreenplay } from '../../src/screenplay/saved.js'
import { imagePaths, writeFileAtomic } from '../../src/storage.js'
import { briefInput } from '../support/render.js'

export type SeededUser = {
  id: string
  email: string
  sessionToken: string
  apiKey: string
  briefId: string
  screenplayId: string
}

/**
 * Makes `count` users in DATA_DIR/lumina.db. `shape` may rewrite each screenplay (the chaos run
 * gives every shot a prompt of its own, since prompts are how submits are counted).
 */
export async function seedUsers(
  databasePath: string,
  dataDir: string,
  count: number,
  photo: Buffer,
  shape?: (s: SavedScreenplay, userIndex: number) => SavedScreenplay,
): Promise<SeededUser[]> {
  const db = openDatabase(databasePath)
  migrateDatabase(db)
  const brief = briefSchema.parse(briefInput({ lengthSeconds: 15, aspectRatio: '9:16' }))
  // Decoded once: each account gets the same stored photo, as an upload would have left it.
  const processed = await processProductImage(photo)
  const seeded: SeededUser[] = []
  try {
    for (let i = 0; i < count; i++) {
      const now = Date.now()
      const id = randomUUID()
      const email = `load-${i}@example.test`
      // Never used to sign in: the session is made here; a hash of nothing no password matches.
      db.insert(users)
        .values({ id, email, passwordHash: 'scrypt$0$0$0$x$x', plan: 'studio', createdAt: now, emailConfirmedAt: now })
        .run()
      const session = createSession(db, id, now)
      const apiKey = db.transaction((tx) => createApiKey(tx, id, now))
      const paths = imagePaths(dataDir, id, processed.sha256)
      await writeFileAtomic(paths.full, processed.jpeg)
      await writeFileAtomic(paths.thumbnail, processed.thumbnail)
      const imageId = randomUUID()
      db.insert(images)
        .values({
          id: imageId,
          userId: id,
          sha256: processed.sha256,
          width: processed.width,
          height: processed.height,
          bytes: processed.jpeg.length,
          createdAt: now,
        })
        .run()
      const project = createBrief(db, id, brief, imageId)
      let screenplay: SavedScreenplay = writeScreenplay(brief, 0)
      if (shape) screenplay = shape(screenplay, i)
      const saved = saveScreenplayVersion(db, id, project.id, screenplay)
      seeded.push({ id, email, sessionToken: session.token, apiKey, briefId: project.id, screenplayId: saved.id })
    }
  } finally {
    db.$client.close()
  }
  return seeded
}
