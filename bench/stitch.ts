// Time to stitch 6 × 5 s clips into one captioned 720p video, with ffmpeg's CPU time and peak
// memory (wall time alone says little on a shared machine).
// Run: npx tsx bench/stitch.ts   (also part of `npm run bench`)
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import type { AspectRatio, Transition } from '../src/render/stitch/index.js'
import { stitchVideo } from '../src/render/stitch/index.js'

const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-stitch-'))
const CLIPS = 6
const SECONDS = 5

/** CPU seconds of our reaped children (ffmpeg, ffprobe): cutime + cstime in /proc/self/stat. */
function childCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[13]) + Number(fields[14])) / 100
}

/** Highest VmHWM of any live process whose command line mentions `marker`, sampled. */
function watchPeakRss(marker: string): () => number {
  let peakKb = 0
  const timer = setInterval(() => {
    for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
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

try {
  const clips = Array.from({ length: CLIPS }, (_, i) => {
    const file = path.join(dir, `clip-${i}.mp4`)
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=s=1280x720:r=24:d=${SECONDS}`,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      file,
    ])
    return file
  })
  const transitions: Transition[] = ['cut', 'fade', 'dissolve', 'slide', 'cut', 'dissolve']
  const runs: { aspect: AspectRatio; language: 'en' | 'zh-CN' }[] = [
    { aspect: '16:9', language: 'en' },
    { aspect: '9:16', language: 'zh-CN' },
  ]
  for (const { aspect, language } of runs) {
    const out = path.join(dir, `out-${aspect.replace(':', 'x')}`)
    const cpuBefore = childCpuSeconds()
    const peak = watchPeakRss(out)
    const started = performance.now()
    const result = await stitchVideo({
      clips: clips.map((p, i) => ({
        path: p,
        caption:
          language === 'en'
            ? `Shot ${i + 1}: a lamp that follows the sun, all day long`
            : `第 ${i + 1} 幕：全新智能台灯，让每一个夜晚都明亮如昼`,
        transition: transitions[i] ?? 'cut',
      })),
      endCard: { title: 'Lumi Lamp Pro', callToAction: 'Shop now', brandColor: '#1D3557' },
      aspectRatio: aspect,
      language,
      outputPath: path.join(out, 'video.mp4'),
      posterPath: path.join(out, 'poster.jpg'),
    })
    const wall = (performance.now() - started) / 1000
    const cpu = childCpuSeconds() - cpuBefore
    console.log(
      `${aspect} ${language} ${result.width}x${result.height}: ${CLIPS} × ${SECONDS} s → ${result.durationSeconds.toFixed(2)} s video ` +
        `in ${wall.toFixed(1)} s wall (${(result.durationSeconds / wall).toFixed(1)}× real time), ` +
        `ffmpeg CPU ${cpu.toFixed(1)} s, ffmpeg peak RSS ${peak().toFixed(0)} MiB, load avg ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores`,
    )
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
