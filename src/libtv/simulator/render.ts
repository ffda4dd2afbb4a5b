import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdir, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { type CameraMove, cameraMoveFor, zoompanFor } from './camera.js'
import { imageHashOf } from './retention.js'

export type RenderSettings = {
  ffmpegPath: string
  /** The output's short side in pixels; the long side follows the image's aspect. */
  shortSide: number
  fps: number
  /** Rendered clips are kept here, keyed by (image hash, move, duration, size, fps), for as long as retention.ts allows. */
  cacheDir: string
  /** ffmpeg processes at once. */
  concurrency: number
}

export const DEFAULT_RENDER: RenderSettings = {
  ffmpegPath: 'ffmpeg',
  shortSide: 480,
  fps: 24,
  cacheDir: path.join(os.tmpdir(), 'lumina-libtv-sim-renders'),
  concurrency: 2,
}

export type RenderedClip = { videoPath: string; coverPath: string; width: number; height: number; move: CameraMove }

/**
 * The sound of a clip asked for with `sound: "on"`: a steady sine at this frequency (ffmpeg's
 * default 1/8 amplitude, about −18 dBFS), so
 * a test can find it in the finished video with a band-pass filter (no music track plays a pure
 * tone this high for long).
 */
export const SIMULATED_SOUND_HZ = 3000

const even = (n: number) => Math.max(2, 2 * Math.round(n / 2))

/** Output size: the short side fixed, the image's aspect kept, both sides even (yuv420p needs it). */
export function outputSize(width: number, height: number, shortSide: number): { width: number; height: number } {
  return width >= height
    ? { width: even((shortSide * width) / height), height: even(shortSide) }
    : { width: even(shortSide), height: even((shortSide * height) / width) }
}

export class ClipRenderer {
  readonly #settings: RenderSettings
  readonly #pending = new Map<string, Promise<RenderedClip>>()
  #running = 0
  readonly #queue: Array<() => void> = []

  constructor(settings: Partial<RenderSettings> = {}) {
    this.#settings = { ...DEFAULT_RENDER, ...settings }
  }

  /** Renders (or finds in the cache) the clip for this image, prompt and duration. */
  async render(image: Uint8Array, prompt: string, durationSeconds: number, sound = false): Promise<RenderedClip> {
    const meta = await sharp(image).metadata()
    if (!meta.width || !meta.height) throw new Error('the image has no size')
    const size = outputSize(meta.width, meta.height, this.#settings.shortSide)
    const move = cameraMoveFor(prompt)
    // Named after the source image first, so the retention sweep knows what each file was made from.
    const key = `${imageHashOf(image)}-${move}-${durationSeconds}s-${size.width}x${size.height}-${this.#settings.fps}fps${sound ? '-sound' : ''}`
    const existing = this.#pending.get(key)
    if (existing) return existing
    const job = this.#renderOnce(key, image, move, durationSeconds, size, sound).finally(() =>
      this.#pending.delete(key),
    )
    this.#pending.set(key, job)
    return job
  }

  async #renderOnce(
    key: string,
    image: Uint8Array,
    move: CameraMove,
    durationSeconds: number,
    size: { width: number; height: number },
    sound: boolean,
  ): Promise<RenderedClip> {
    const dir = this.#settings.cacheDir
    const clip: RenderedClip = {
      videoPath: path.join(dir, `${key}.mp4`),
      coverPath: path.join(dir, `${key}.jpg`),
      ...size,
      move,
    }
    if ((await exists(clip.videoPath)) && (await exists(clip.coverPath))) {
      // A new task's result: it is kept as long as LibTV keeps that one (retention.ts).
      const now = new Date()
      await Promise.all([utimes(clip.videoPath, now, now), utimes(clip.coverPath, now, now)]).catch(() => {})
      return clip
    }
    await mkdir(dir, { recursive: true })
    // Another process (a parallel test worker) may render the same key: write aside, rename into place.
    const tmp = path.join(dir, `${key}.${randomUUID()}`)
    const source = `${tmp}.src`
    try {
      await writeFile(source, image)
      await this.#slot(() => this.#ffmpeg(source, `${tmp}.mp4`, move, durationSeconds, size, sound))
      await sharp(image).resize(size.width, size.height, { fit: 'cover' }).jpeg({ quality: 80 }).toFile(`${tmp}.jpg`)
      await rename(`${tmp}.mp4`, clip.videoPath)
      await rename(`${tmp}.jpg`, clip.coverPath)
      return clip
    } finally {
      await Promise.all([source, `${tmp}.mp4`, `${tmp}.jpg`].map((p) => unlink(p).catch(() => {})))
    }
  }

  #ffmpeg(
    source: string,
    dest: string,
    move: CameraMove,
    seconds: number,
    size: { width: number; height: number },
    sound: boolean,
  ): Promise<void> {
    const { fps } = this.#settings
    const frames = Math.round(seconds * fps)
    const zp = zoompanFor(move, frames)
    const filter = [
      `scale=${size.width * 2}:${size.height * 2}:flags=bicubic`,
      'setsar=1',
      `zoompan=z='${zp.z}':x='${zp.x}':y='${zp.y}':d=${frames}:s=${size.width}x${size.height}:fps=${fps}`,
      'format=yuv420p',
    ].join(',')
    // An argument array and no shell: nothing from the prompt reaches a command line anyway.
    const args = [
      '-hide_banner',
      '-loglevel',
      'error',
      '-nostdin',
      '-y',
      '-i',
      source,
      // The clip's own sound, as kling-v2-6 gives with `sound: "on"`; none otherwise, as before.
      ...(sound
        ? ['-f', 'lavfi', '-i', `sine=frequency=${SIMULATED_SOUND_HZ}:sample_rate=48000:duration=${seconds}`]
        : []),
      '-vf',
      filter,
      '-frames:v',
      String(frames),
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-movflags',
      '+faststart',
      ...(sound ? ['-map', '0:v', '-map', '1:a', '-c:a', 'aac', '-b:a', '96k', '-shortest'] : ['-an']),
      '-f',
      'mp4',
      dest,
    ]
    return new Promise((resolve, reject) => {
      const child = spawn(this.#settings.ffmpegPath, args, { stdio: ['ignore', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)))
      const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
      child.on('error', (e) => {
        clearTimeout(timer)
        reject(
          new Error(
            `cannot run ffmpeg (${this.#settings.ffmpegPath}): ${(e as NodeJS.ErrnoException).code ?? e.message}`,
          ),
        )
      })
      child.on('close', (code, signal) => {
        clearTimeout(timer)
        if (code === 0) resolve()
        else reject(new Error(`ffmpeg failed (${signal ?? code}): ${stderr.trim()}`))
      })
    })
  }

  async #slot<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#settings.concurrency) await new Promise<void>((r) => this.#queue.push(r))
    else this.#running++
    try {
      return await fn()
    } finally {
      const next = this.#queue.shift()
      if (next) next()
      else this.#running--
    }
  }
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.size > 0,
    () => false,
  )
}
