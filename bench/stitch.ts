// Time to stitch 6 × 5 s clips with captions, transitions and an end card, against the video's
// own length, at 720×1280 and at 1080×1920 (LibTV's pro mode), with ffmpeg's CPU time and peak
// memory (wall time alone says little on a shared machine).
// Run: npx tsx bench/stitch.ts   (also part of `npm run bench`)
//   BENCH_STITCH_CLIPS=dir  reuse (or make once) the clips there
//   BENCH_STITCH_KEEP=dir   keep each output there, e.g. to compare two versions with SSIM
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Size, Transition } from '../src/render/stitch/index.js'
import { stitchVideo } from '../src/render/stitch/index.js'
import { makeBenchClips } from './_stitch-clips.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-stitch-'))
const clipDir = process.env.BENCH_STITCH_CLIPS ?? dir
const keepDir = process.env.BENCH_STITCH_KEEP

/** CPU seconds of our reaped children (ffmpeg, ffprobe): cutime + cstime in /proc/self/stat. */
function childCpuSeconds(): number {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[13]) + Number(fields[14])) / 100
}

/** Highest VmHWM of any live process whose command line mentions `marker`, sampled. */
function watchPeakRss(marker: string): () => number {
  let peakKb = 0
  const timer = setInterval(() => {
    for (const pid of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue
        const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
        peakKb = Math.max(peakKb, Number(hwm?.[1] ?? 0))
      } catch {
        // gone
      }
    }
  }, 50)
  return () => {
    clearInterval(timer)
    return peakKb / 1024
  }
}

const sizes: Size[] = [
  { width: 720, height: 1280 },
  { width: 1080, height: 1920 },
]
const transitions: Transition[] = ['cut', 'fade', 'dissolve', 'slide', 'cut', 'dissolve']
const results: Record<string, { videoSeconds: number; wallSeconds: number; cpuSeconds: number; peakMiB: number }> = {}
try {
  fs.mkdirSync(clipDir, { recursive: true })
  for (const size of sizes) {
    const name = `${size.width}x${size.height}`
    const existing = Array.from({ length: 6 }, (_, i) => path.join(clipDir, `clip-${name}-${i}.mp4`))
    const clips = existing.every((f) => fs.existsSync(f)) ? existing : makeBenchClips(clipDir, size.width, size.height)
    const out = path.join(dir, `out-${name}`)
    const cpuBefore = childCpuSeconds()
    const peak = watchPeakRss(out)
    const started = performance.now()
    const result = await stitchVideo({
      clips: clips.map((p, i) => ({
        path: p,
        caption: `Shot ${i + 1}: a lamp that follows the sun, all day long`,
        transition: transitions[i] ?? 'cut',
      })),
      endCard: { title: 'Lumi Lamp Pro', callToAction: 'Shop now', brandColor: '#1D3557' },
      aspectRatio: '9:16',
      language: 'en',
      size,
      outputPath: path.join(out, 'video.mp4'),
      posterPath: path.join(out, 'poster.jpg'),
    })
    const wall = (performance.now() - started) / 1000
    const cpu = childCpuSeconds() - cpuBefore
    const peakMiB = peak()
    results[name] = { videoSeconds: result.durationSeconds, wallSeconds: wall, cpuSeconds: cpu, peakMiB }
    console.log(
      `${name}: ${result.durationSeconds.toFixed(2)} s video in ${wall.toFixed(1)} s wall ` +
        `(${(wall / result.durationSeconds).toFixed(2)}× the video's length), ffmpeg CPU ${cpu.toFixed(1)} s, ` +
        `ffmpeg peak RSS ${peakMiB.toFixed(0)} MiB, load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
    )
    if (keepDir) {
      fs.mkdirSync(keepDir, { recursive: true })
      fs.copyFileSync(result.outputPath, path.join(keepDir, `${name}.mp4`))
    }
  }
  console.log(JSON.stringify({ bench: 'stitch', results }))
} finally {
  fs.rmSync(dir, { recursive: true, force: true })
}
