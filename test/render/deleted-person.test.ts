// Issue 20: the data directory holds nothing of a deleted person. A person renders with the
// built-in simulator wired as the app wires it (src/ops/libtv-simulator.ts: its clips under
// DATA_DIR/libtv-simulator, the operator's hook on the images table), deletes their account, and
// then no file under DATA_DIR is one of theirs, by path or by content; another person's stay.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { saveProductImage } from '../../src/briefs/images.js'
import { saveScreenplayVersion } from '../../src/briefs/screenplays.js'
import { createBrief } from '../../src/briefs/service.js'
import type { LibtvSimulator } from '../../src/libtv/simulator/index.js'
import { startBuiltInSimulator } from '../../src/ops/libtv-simulator.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { writeScreenplay } from '../../src/screenplay/engine.js'
import { GOOD_PASSWORD } from '../support/accounts.js'
import * as img from '../support/images.js'
import {
  briefInput,
  FAST_LATENCY,
  fiveSecondShots,
  newRenderUser,
  type RenderStack,
  type RenderUser,
  startRenderStack,
  submitOverHttp,
  waitFor,
  waitForFinish,
} from '../support/render.js'

let stack: RenderStack
let sim: LibtvSimulator

beforeAll(async () => {
  // The worker starts once the simulator, which needs the app's database for its hook, is up.
  stack = await startRenderStack({ noWorker: true, simBaseUrl: 'http://127.0.0.1:9' })
  sim = await startBuiltInSimulator(stack.app.deps.config, stack.app.db, {
    submitIntervalMs: 0,
    faults: { latency: FAST_LATENCY },
    render: { shortSide: 240 },
    retention: { sweepEveryMs: 200 }, // the app's sweeps every minute
  })
  await stack.restartWorker({ libtv: { ...stack.workerData.libtv, baseUrl: sim.baseUrl } })
})
afterAll(async () => {
  await stack?.close()
  await sim?.close()
})

/** Every file under DATA_DIR but the database itself, by path, with the SHA-256 of its contents. */
function dataFiles(): Map<string, string> {
  const root = stack.app.dataDir
  const files = new Map<string, string>()
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const rel = path.relative(root, path.join(entry.parentPath, entry.name))
    if (/^lumina\.db(-wal|-shm)?$/.test(rel)) continue
    files.set(
      rel,
      createHash('sha256')
        .update(fs.readFileSync(path.join(root, rel)))
        .digest('hex'),
    )
  }
  return files
}

/** A brief with this photo and a three-shot screenplay, rendered to the end through the app. */
async function renderWith(user: RenderUser, photo: Buffer) {
  const image = await saveProductImage(stack.app.db, stack.app.dataDir, user.id, photo)
  const brief = briefSchema.parse(briefInput())
  const saved = createBrief(stack.app.db, user.id, brief, image.id)
  const version = saveScreenplayVersion(stack.app.db, user.id, saved.id, fiveSecondShots(3)(writeScreenplay(brief, 0)))
  const videoId = await submitOverHttp(user.client, version.id)
  const finished = await waitForFinish(stack.app, videoId, 120_000)
  expect(finished.status, String(finished.failureReason)).toBe('done')
  // The worker removes the clips (and their stills) just after marking the video done; counting
  // files before then races that removal.
  const clips = path.join(stack.app.dataDir, 'users', user.id, 'videos', videoId, 'clips')
  await waitFor('the clips removed once the video is done', () => !fs.existsSync(clips) || undefined, 10_000, 50)
  return { sha256: image.sha256, videoId }
}

describe('deleting an account', () => {
  it('leaves nothing of the person under DATA_DIR, the simulator’s clips included, and keeps another’s', async () => {
    const bob = await newRenderUser(stack.app)
    await renderWith(bob, await img.jpeg(960, 720))
    const before = dataFiles()

    const alice = await newRenderUser(stack.app)
    const photo = await renderWith(alice, await img.jpeg(720, 960))
    const after = dataFiles()
    const hers = new Map([...after].filter(([rel]) => !before.has(rel)))
    // Hers: the photo, its thumbnail and its framing for the video's shape (what LibTV is sent),
    // the video and poster, and the simulator's clips and covers, named after the framing's bytes.
    const where = (prefix: string) => [...hers.keys()].filter((rel) => rel.startsWith(prefix))
    const images = where(`users/${alice.id}/images/`)
    expect(images.map((rel) => path.basename(rel).replace(photo.sha256, '<photo>')).sort()).toEqual([
      '<photo>.framed-9x16-720p.jpg',
      '<photo>.jpg',
      '<photo>.thumb.webp',
    ])
    const framing = hers.get(images.find((rel) => rel.includes('.framed-'))!)!
    expect(where(`users/${alice.id}/videos/`).length).toBe(2)
    expect(where('libtv-simulator/').length).toBeGreaterThanOrEqual(2)
    expect(where('libtv-simulator/').every((rel) => path.basename(rel).startsWith(`${framing}-`))).toBe(true)

    const res = await alice.client.postForm('/account/delete', { password: GOOD_PASSWORD })
    expect(res.status).toBe(303)

    // The simulator's next sweep (the hook finds no stored photo with that hash) takes the rest.
    const left = await waitFor(
      'nothing of hers under DATA_DIR',
      () => {
        const now = dataFiles()
        const contents = new Set(now.values())
        const remaining = [...hers].filter(([rel, sha]) => now.has(rel) || contents.has(sha)).map(([rel]) => rel)
        return remaining.length === 0 ? now : undefined
      },
      10_000,
      100,
    )
    expect([...left.keys()].filter((rel) => rel.includes(alice.id) || rel.includes(photo.sha256))).toEqual([])
    // Bob's photo, video and clips are all still there, unchanged.
    for (const [rel, sha] of before) expect(left.get(rel), rel).toBe(sha)
  }, 180_000)
})
