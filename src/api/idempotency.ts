import { createHash, randomUUID } from 'node:crypto'
import { and, eq, lt } from 'drizzle-orm'
import type { Context, MiddlewareHandler } from 'hono'
import { idempotencyKeys } from '../../db/schema.js'
import { photoForm } from '../briefs/uploads.js'
import type { Db } from '../db.js'
import { sha256 } from '../hashing.js'
import { apiBody, uploadBody } from '../http/body-limits.js'
import type { ApiEnv } from '../http/env.js'
import { DiskFile } from '../http/multipart.js'
import { detail, problem } from '../http/problem.js'

const TTL_MS = 24 * 60 * 60 * 1000
const WAIT_MS = 60_000
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/

/**
 * The request as far as "the same request" goes: method, path, media type and body. It runs
 * after the route's body limit and parser, so it hashes only what those let through: a photo
 * form by its parsed entries (each file by the digest taken while it streamed to disk, so the
 * random multipart boundary plays no part and a retried upload matches), any other body by its
 * bytes, which the route's own limit has capped (1 MB) and its validator reads whole anyway.
 */
async function requestHash(c: Context<ApiEnv>): Promise<string> {
  const [mediaType = ''] = (c.req.header('content-type') ?? '').split(';')
  const hash = createHash('sha256').update(`${c.req.method} ${c.req.path} ${mediaType.trim().toLowerCase()}\n`)
  const form = c.req.bodyCache.formData
  if (!form) return hash.update(new Uint8Array(await c.req.arrayBuffer())).digest('hex')
  for (const [name, value] of await form) {
    if (typeof value === 'string') {
      hash.update(`${JSON.stringify([name, value])}\n`)
      continue
    }
    // photoForm streams every file to disk and digests it on the way: nothing is read again here.
    if (!(value instanceof DiskFile)) throw new Error('Idempotency-Key expects files parsed by streamedForm.')
    hash.update(`${JSON.stringify([name, value.name, value.type, value.sentBytes, value.sha256])}\n`)
  }
  return hash.digest('hex')
}

type Claim = { kind: 'first'; id: string } | { kind: 'existing'; row: typeof idempotencyKeys.$inferSelect }

/** Takes the key for this request, or finds who has it. One INSERT decides between simultaneous requests. */
function claim(db: Db, userId: string, keyHash: string, hash: string, now: number): Claim {
  db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).run()
  const id = randomUUID()
  const inserted = db
    .insert(idempotencyKeys)
    .values({ id, userId, keyHash, requestHash: hash, createdAt: now, expiresAt: now + TTL_MS })
    .onConflictDoNothing()
    .run()
  if (inserted.changes === 1) return { kind: 'first', id }
  const row = db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.keyHash, keyHash)))
    .get()
  return row ? { kind: 'existing', row } : claim(db, userId, keyHash, hash, now)
}

async function finished(db: Db, id: string) {
  const deadline = Date.now() + WAIT_MS
  for (;;) {
    const row = db.select().from(idempotencyKeys).where(eq(idempotencyKeys.id, id)).get()
    if (!row || row.status !== null || Date.now() > deadline) return row
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * `Idempotency-Key` on a POST: the same key and body within 24 hours gets the first answer again
 * (same status, same body) and creates or charges nothing; the same key with another body is a
 * 422. A request that arrives while the first is still running waits for its answer. Answers of
 * 5xx are not kept, so a retry after a server error runs again.
 *
 * A step of each POST route, after its body limit and parser (see `jsonPost`, `photoPost`), never
 * in front of them: read earlier, a body would be held whole in memory up to the app's 40 MB net,
 * and a photo form would skip its streaming to disk and its field and file limits.
 */
export const idempotent: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const key = c.req.header('idempotency-key')
  if (c.req.method !== 'POST' || key === undefined) return next()
  if (!KEY_FORMAT.test(key)) {
    return problem(c, 422, 'Invalid Idempotency-Key', detail('api.problem.idempotencyKeyFormat'), [
      { field: 'Idempotency-Key', message: detail('api.problem.idempotencyKeyField') },
    ])
  }
  const db = c.var.db
  const userId = c.var.user.id
  const hash = await requestHash(c)
  const taken = claim(db, userId, sha256(key), hash, Date.now())

  if (taken.kind === 'existing') {
    if (taken.row.requestHash !== hash) {
      return problem(
        c,
        422,
        'Idempotency-Key reused',
        detail('api.problem.idempotencyKeyReused'),
        [{ field: 'Idempotency-Key', message: detail('api.problem.idempotencyKeyNew') }],
        {},
        { slug: 'idempotency-mismatch' },
      )
    }
    const row = await finished(db, taken.row.id)
    if (!row || row.status === null) {
      return problem(c, 409, 'Request in progress', detail('api.problem.idempotencyInProgress'), [], {
        'Retry-After': '1',
      })
    }
    const headers: Record<string, string> = { 'Idempotent-Replayed': 'true' }
    if (row.contentType) headers['Content-Type'] = row.contentType
    if (row.location) headers.Location = row.location
    return new Response(row.body, { status: row.status, headers })
  }

  try {
    await next()
  } catch (err) {
    db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, taken.id)).run()
    throw err
  }
  if (c.res.status >= 500) {
    db.delete(idempotencyKeys).where(eq(idempotencyKeys.id, taken.id)).run()
    return
  }
  db.update(idempotencyKeys)
    .set({
      status: c.res.status,
      contentType: c.res.headers.get('content-type'),
      location: c.res.headers.get('location'),
      body: await c.res.clone().text(),
    })
    .where(eq(idempotencyKeys.id, taken.id))
    .run()
}

/** The steps of an API POST that takes JSON (or nothing): its 1 MB limit, then Idempotency-Key. */
export const jsonPost: MiddlewareHandler<ApiEnv>[] = [apiBody, idempotent]

/**
 * The steps of an API POST that takes a photo: its 20 MB limit, the form streamed to disk with
 * its field and file limits (any other body held to 1 MB), then Idempotency-Key.
 */
export const photoPost: MiddlewareHandler<ApiEnv>[] = [uploadBody, photoForm, idempotent]
