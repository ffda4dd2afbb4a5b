// Deleting an account (or a project) while its video renders must leave no file behind: the
// privacy policy promises every generated video is deleted with the account.
import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userDir, videoPaths } from '../../src/storage.js'
import { GOOD_PASSWORD } from '../support/accounts.js'
import {
  makeBrief,
  newRenderUser,
  type RenderStack,
  shotRows,
  startRenderStack,
  submitOverHttp,
  waitFor,
} from '../support/render.js'

// Shots take about 2 s at the simulator, so the deletion lands while clips are still coming in.
const LATENCY = { queued: 200, running: 1200, generated: 200, moderating: 300 }
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

let stack: RenderStack
beforeAll(async () => {
  stack = await startRenderStack({ sim: { faults: { latency: LATENCY } } })
  // Submits 0.7 s apart, so the shots finish 0.7 s apart: a window the wait below cannot miss on a
  // busy machine (20 ms apart, their downloads could all land within a few milliseconds).
  await stack.restartWorker({ libtv: { ...stack.workerData.libtv, submitIntervalMs: 700 } })
})
afterAll(async () => {
  await stack?.close()
})

describe('deleting while a video renders', () => {
  it('removes the account folder and the worker does not write it back', async () => {
    const user = await newRenderUser(stack.app, 'creator')
    const project = await makeBrief(stack.app, user.id, { productName: 'Vanishing Vase' })
    const videoId = await submitOverHttp(user.client, project.screenplayId)
    // At least one clip is on disk and at least one shot is still at LibTV.
    await waitFor(
      'a clip downloaded while another shot is still rendering',
      () => {
        const shots = shotRows(stack.app, videoId)
        return shots.some((s) => s.status === 'done') && shots.some((s) => s.status !== 'done') ? true : undefined
      },
      30_000,
      20,
    )
    expect(fs.existsSync(videoPaths(stack.app.dataDir, user.id, videoId).dir)).toBe(true)

    const res = await user.client.postForm('/account/delete', { password: GOOD_PASSWORD })
    expect(res.status).toBe(303)
    // A download finishing at that very moment may write the folder back; once the worker has
    // stopped this render (all its writers settled), nothing may be left.
    await waitFor(
      'the worker to stop the render',
      () =>
        stack.workerLogs.some((l) => l.event === 'render stopped' && l.fields.videoId === videoId) ? true : undefined,
      20_000,
      20,
    )
    expect(fs.existsSync(userDir(stack.app.dataDir, user.id))).toBe(false)

    // Long enough for the remaining shots to finish at LibTV and for any late download.
    await sleep(4000)
    expect(fs.existsSync(userDir(stack.app.dataDir, user.id))).toBe(false)
  }, 60_000)
})
