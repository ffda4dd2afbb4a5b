// Hole 5 of issue 9 (ffmpeg): stitching must never make pages slow. ffmpeg and ffprobe run at a
// lower priority (nice 10, every thread) and within a fixed number of threads: the pieces of a
// video are encoded on one thread each, two at a time. Checked on the real processes while they
// run: their niceness and command line, read from /proc.
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PIECES_AT_ONCE } from '../../../src/render/stitch/encode.js'
import { runTool } from '../../../src/render/stitch/ffmpeg.js'
import { stitchVideo } from '../../../src/render/stitch/index.js'
import { FFMPEG, FFPROBE, makeClip, tempDir } from './helpers.js'

type Seen = { comm: string; nice: number[]; args: string[] }

/** Our child processes, with each thread's niceness (field 19 of stat) and the command line. */
function children(): Seen[] {
  const seen: Seen[] = []
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid !== process.pid || !/^ff(mpeg|probe)$/.test(comm)) continue
      const nice = fs.readdirSync(`/proc/${pid}/task`).map((tid) => {
        const s = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
        return Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[16])
      })
      const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(1, -1)
      seen.push({ comm, nice, args })
    } catch {
      // gone in between
    }
  }
  return seen
}

/** Runs `work` while looking at our ffmpeg/ffprobe children every few milliseconds. */
/** `mostAtOnce`: the most encoding ffmpeg runs seen at the same moment. */
async function watch(work: () => Promise<unknown>): Promise<Seen[] & { mostAtOnce: number }> {
  const all: Seen[] = []
  let mostAtOnce = 0
  let running = true
  const watcher = (async () => {
    while (running) {
      const now = children()
      mostAtOnce = Math.max(mostAtOnce, now.filter((s) => s.args.includes('libx264')).length)
      all.push(...now)
      await new Promise((r) => setTimeout(r, 3))
    }
  })()
  try {
    await work()
  } finally {
    running = false
    await watcher
  }
  return Object.assign(all, { mostAtOnce })
}

let dir: string
let cleanup: () => Promise<void>
let clips: string[]

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir('priority'))
  clips = await Promise.all(
    [0, 1, 2].map((i) =>
      makeClip(path.join(dir, `c${i}.mp4`), { width: 720, height: 1280, fps: 24, seconds: 2, audio: i === 0 }),
    ),
  )
})
afterAll(() => cleanup())

describe('ffmpeg and ffprobe run below the web server', () => {
  it('a real stitch: every thread of every ffmpeg and ffprobe at nice 10, pieces on one thread each, two at a time', async () => {
    const out = path.join(dir, 'out')
    const seen = await watch(() =>
      stitchVideo({
        clips: clips.map((p, i) => ({ path: p, caption: `Shot ${i + 1}`, transition: i === 1 ? 'dissolve' : 'cut' })),
        endCard: { title: 'Lumi Lamp', callToAction: 'Shop now', seconds: 1.5 },
        aspectRatio: '9:16',
        language: 'en',
        outputPath: path.join(out, 'video.mp4'),
        posterPath: path.join(out, 'poster.jpg'),
        size: { width: 720, height: 1280 },
        ffmpegPath: FFMPEG,
        ffprobePath: FFPROBE,
        tempDir: dir,
      }),
    )
    const pieces = seen.filter((s) => s.comm === 'ffmpeg' && s.args.includes('libx264'))
    expect(pieces.length, 'the stitch was seen encoding').toBeGreaterThan(0)
    for (const s of seen) expect(new Set(s.nice), `${s.comm} threads' niceness`).toEqual(new Set([10]))
    for (const { args } of pieces) {
      // Filter graphs on 1 thread, and the encoder on 1: its options follow the last input or,
      // for the end card (no input, a filter makes it), the filtergraph.
      expect(args.slice(0, 4)).toEqual(['-filter_threads', '1', '-filter_complex_threads', '1'])
      const lastInput = args.lastIndexOf('-i')
      const outputFrom = lastInput >= 0 ? lastInput + 2 : args.indexOf('-filter_complex') + 2
      expect(args.slice(outputFrom, outputFrom + 2)).toEqual(['-threads', '1'])
    }
    expect(seen.mostAtOnce, 'pieces encoded at once').toBeLessThanOrEqual(PIECES_AT_ONCE)
    expect(fs.existsSync(path.join(out, 'video.mp4'))).toBe(true)
    // A 720×1280 stitch: seconds on a quiet machine, past 30 s with the suite's other render
    // tests on the same two cores.
  }, 120_000)

  it('an ffprobe-style command (nothing after its input) is left as it is, still at nice 10', async () => {
    // -count_frames decodes the whole clip, so the process lives long enough to be seen.
    const probeArgs = ['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'json']
    const seen = await watch(() => runTool(FFPROBE, [...probeArgs, '-f', 'mov', '-i', clips[0]!]))
    expect(seen.length, 'ffprobe was seen running').toBeGreaterThan(0)
    for (const s of seen) {
      expect(new Set(s.nice)).toEqual(new Set([10]))
      expect(s.args).not.toContain('-threads')
    }
  }, 60_000)
})
