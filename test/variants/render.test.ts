// Three variants rendered for real (the LibTV simulator, the render worker, ffmpeg): their
// pictures differ visibly frame by frame, each is stitched with its own music, and each is an ordinary
// finished video. A contact sheet of the three goes to test-output/variants/ to be looked at.
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asMadeFor } from '../../src/render/renderer.js'
import { briefSchema } from '../../src/screenplay/brief.js'
import { videoPaths } from '../../src/storage.js'
import { makeVariants } from '../../src/variants/service.js'
import { frame, meanDifference } from '../support/branded-videos.js'
import {
  briefInput,
  FFMPEG,
  makeBrief,
  newRenderUser,
  type RenderStack,
  shotRows,
  startRenderStack,
  videoRow,
  waitForFinish,
} from '../support/render.js'

const run = promisify(execFile)
const out = path.resolve('test-output/variants')

let stack: RenderStack

beforeAll(async () => {
  // Without music: fluidsynth on a shared machine would take most of the test's time. The music each
  // variant plays is the brief the worker stitches with (asMadeFor, checked below).
  stack = await startRenderStack()
})
afterAll(async () => {
  await stack?.close()
})

/** Grey frames 128 px wide at the given times, one Buffer per time. */
const frames = (file: string, times: number[]) => Promise.all(times.map((t) => frame(file, t, 'gray', 128)))

describe('three variants, rendered', () => {
  it('finish as ordinary videos whose frames differ visibly, each stitched with its own tone and music', async () => {
    const user = await newRenderUser(stack.app, 'creator')
    const project = await makeBrief(stack.app, user.id, { lengthSeconds: 15, music: 'auto' })
    const made = makeVariants(stack.app.db, user.id, project.briefId, 3, 'kling-v2-1')
    stack.worker().nudge()
    const finished = await Promise.all(made.videos.map((v) => waitForFinish(stack.app, v.id, 150_000))).catch((err) => {
      console.log(
        made.videos.map((v) => [videoRow(stack.app, v.id)?.status, shotRows(stack.app, v.id).map((s) => s.status)]),
      )
      console.log(
        JSON.stringify(stack.workerErrors).slice(0, 2000),
        JSON.stringify(stack.workerLogs.slice(-15)).slice(0, 3000),
      )
      throw err
    })
    expect(finished.map((v) => v.status)).toEqual(['done', 'done', 'done'])

    // What the worker stitches each with: the variant's own tone and music, the brief's everything else.
    const brief = briefSchema.parse(briefInput({ lengthSeconds: 15, music: 'auto' }))
    const asStitched = finished.map((video) => asMadeFor(video, brief))
    expect(asStitched.map((b) => [b.tone, b.music])).toEqual(made.videos.map((v) => [v.variantTone, v.variantMusic]))
    expect(new Set(asStitched.map((b) => b.music)).size).toBe(3)
    expect(asStitched.map((b) => b.productName)).toEqual([brief.productName, brief.productName, brief.productName])

    const files = made.videos.map((v) => videoPaths(stack.app.dataDir, user.id, v.id).video)
    // Every second through the shots, at the same moments. The simulator films the same photo for
    // every prompt, so what differs is each variant's own cut: shot lengths, camera moves,
    // transitions and captions. A mean grey-level difference of 5 (of 255) is plainly visible.
    const times = Array.from({ length: 13 }, (_, i) => 0.5 + i)
    const pictures = await Promise.all(files.map((f) => frames(f, times)))
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const differences = times.map((_, i) => meanDifference(pictures[a]![i]!, pictures[b]![i]!))
      const mean = differences.reduce((s, d) => s + d, 0) / differences.length
      expect(
        mean,
        `variants ${a + 1} and ${b + 1}: ${differences.map((d) => d.toFixed(1)).join(', ')}`,
      ).toBeGreaterThan(5)
    }

    // A contact sheet per variant, one row each, to look at.
    fs.mkdirSync(out, { recursive: true })
    await Promise.all(
      files.map((file, i) =>
        run(FFMPEG, [
          '-v',
          'error',
          '-y',
          '-i',
          file,
          '-vf',
          'fps=0.5:start_time=1,scale=-2:240,tile=8x1',
          '-frames:v',
          '1',
          path.join(out, `variant-${i + 1}.png`),
        ]),
      ),
    )
  }, 180_000)
})
