// Time to stitch 6 × 5 s clips with captions, transitions and an end card, against the video's
// own length, at 720×1280, at 1080×1920 (LibTV's pro mode) and at 1080×1440 (3:4, Xiaohongshu
// and Taobao), and at 720×1280 with music (composed, rendered by fluidsynth and mixed on a cold cache,
// then again from the cache), with the CPU time of ffmpeg and fluidsynth and peak memory (wall time
// alone says little on a shared machine).
// Run: npx tsx bench/stitch.ts   (also part of `npm run bench`)
//   BENCH_STITCH_CLIPS=dir  reuse (or make once) the clips there
//   BENCH_STITCH_KEEP=dir   keep each output there, e.g. to compare two versions with SSIM
//   BENCH_STITCH_ONLY=text  run only the cases whose name contains it (e.g. music)
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { DEFAULT_SOUNDFONT, musicBed } from '../src/music/index.js'
import type { AspectRatio, Size, Transition } from '../src/render/stitch/index.js'
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

/**
 * The most memory the stitch's ffmpeg runs held at one moment: the sum of the proportional set
 * sizes (Pss: shared library pages split between the processes that map them, so two runs of
 * ffmpeg do not count its libraries twice) of every live process whose command line mentions
 * `marker`, sampled (the pieces run two at a time), and the highest resident high-water mark of
 * any one of them.
 */
function watchPeakRss(marker: string): () => { together: number; one: number } {
  let togetherKb = 0
  let oneKb = 0
  const timer = setInterval(() => {
    let sum = 0
    for (const pid of fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
        sum += Number(/Pss:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0)
        oneKb = Math.max(oneKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
      } catch {
        // gone
      }
    }
    togetherKb = Math.max(togetherKb, sum)
  }, 20)
  return () => {
    clearInterval(timer)
    return { together: togetherKb / 1024, one: oneKb / 1024 }
  }
}

const cases: { size: Size; aspect?: AspectRatio; music?: 'cold' | 'cached' }[] = [
  { size: { width: 720, height: 1280 } },
  { size: { width: 1080, height: 1920 } },
  { size: { width: 1080, height: 1440 }, aspect: '3:4' },
  { size: { width: 720, height: 1280 }, music: 'cold' },
  { size: { width: 720, height: 1280 }, music: 'cached' },
]
const musicTools = {
  fluidsynthPath: 'fluidsynth',
  soundfont: DEFAULT_SOUNDFONT,
  ffmpegPath: 'ffmpeg',
  cacheDir: path.join(dir, 'music-cache'),
}
const transitions: Transition[] = ['cut', 'fade', 'dissolve', 'slide', 'cut', 'dissolve']
const results: Record<
  string,
  {
    videoSeconds: number
    wallSeconds: number
    cpuSeconds: number
    peakMiB: number
    onePeakMiB: number
    musicSeconds?: number
  }
> = {}
try {
  fs.mkdirSync(clipDir, { recursive: true })
  for (const { size, aspect = '9:16', music } of cases) {
    const name = `${size.width}x${size.height}`
    const key = music ? `${name}-music-${music}` : name
    if (process.env.BENCH_STITCH_ONLY && !key.includes(process.env.BENCH_STITCH_ONLY)) continue
    const existing = Array.from({ length: 6 }, (_, i) => path.join(clipDir, `clip-${name}-${i}.mp4`))
    const clips = existing.every((f) => fs.existsSync(f)) ? existing : makeBenchClips(clipDir, size.width, size.height)
    const out = path.join(dir, `out-${key}`)
    // The pieces are written beside the output, so one marker finds every run.
    const work = path.join(out, 'work')
    fs.mkdirSync(work, { recursive: true })
    const cpuBefore = childCpuSeconds()
    const peak = watchPeakRss(out)
    const started = performance.now()
    let musicSeconds: number | undefined
    const result = await stitchVideo({
      ...(music
        ? {
            music: async (seconds: number, signal: AbortSignal) => {
              const from = performance.now()
              const bed = await musicBed(
                musicTools,
                { music: 'auto', volume: 'normal', tone: 'warm', videoId: 'bench' },
                seconds,
                signal,
              )
              musicSeconds = (performance.now() - from) / 1000
              return bed?.path ?? null
            },
          }
        : {}),
      clips: clips.map((p, i) => ({
        path: p,
        caption: `Shot ${i + 1}: a lamp that follows the sun, all day long`,
        transition: transitions[i] ?? 'cut',
      })),
      endCard: { title: 'Lumi Lamp Pro', callToAction: 'Shop now', brandColor: '#1D3557' },
      aspectRatio: aspect,
      language: 'en',
      size,
      outputPath: path.join(out, 'video.mp4'),
      posterPath: path.join(out, 'poster.jpg'),
      tempDir: work,
    })
    const wall = (performance.now() - started) / 1000
    const cpu = childCpuSeconds() - cpuBefore
    const { together: peakMiB, one: onePeakMiB } = peak()
    if (music && result.audio !== 'music') throw new Error(`the music failed: ${String(result.musicError)}`)
    results[key] = {
      videoSeconds: result.durationSeconds,
      wallSeconds: wall,
      cpuSeconds: cpu,
      peakMiB,
      onePeakMiB,
      ...(musicSeconds !== undefined ? { musicSeconds } : {}),
    }
    console.log(
      `${key}: ${result.durationSeconds.toFixed(2)} s video in ${wall.toFixed(1)} s wall ` +
        `(${(wall / result.durationSeconds).toFixed(2)}× the video's length), ffmpeg CPU ${cpu.toFixed(1)} s, ` +
        `ffmpeg peak memory ${peakMiB.toFixed(0)} MiB (Pss of the runs at once; one run's RSS at most ${onePeakMiB.toFixed(0)} MiB), load average ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores` +
        (musicSeconds !== undefined ? `; the music bed took ${musicSeconds.toFixed(1)} s beside the pictures` : ''),
    )
    if (keepDir) {
      fs.mkdirSync(keepDir, { recursive: true })
      fs.copyFileSync(result.outputPath, path.join(keepDir, `${key}.mp4`))
    }
  }
  console.log(JSON.stringify({ bench: 'stitch', results }))
} finally {
  fs.rmSync(dir, { recursive: true, force: true })
}
