// The clips bench/stitch.ts stitches: 6 × 5 s at the video's own size, alternating a test card and
// a zooming fractal (fine detail that moves, closer to real footage than a test card alone).
import { execFileSync } from 'node:child_process'
import path from 'node:path'

export function makeBenchClips(dir: string, width: number, height: number, count = 6, seconds = 5): string[] {
  return Array.from({ length: count }, (_, i) => {
    const file = path.join(dir, `clip-${width}x${height}-${i}.mp4`)
    const source =
      i % 2 === 0
        ? `testsrc2=s=${width}x${height}:r=24:d=${seconds}`
        : `mandelbrot=s=${width}x${height}:r=24:start_scale=${2 + i}:end_scale=0.5,trim=duration=${seconds}`
    // LibTV delivers H.264 at the requested size and 24 fps; a similar bitrate.
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      source,
      '-c:v',
      'libx264',
      '-preset',
      'fast',
      '-crf',
      '20',
      '-pix_fmt',
      'yuv420p',
      '-threads',
      '2',
      file,
    ])
    return file
  })
}
