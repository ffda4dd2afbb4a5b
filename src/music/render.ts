import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { MusicToolError, mustRun } from './run.js'

/** Where music is rendered and mixed: a disposable cache on the data disk, not in backups or exports. */
export function musicCacheDir(dataDir: string): string {
  return path.join(dataDir, 'cache', 'music')
}

export interface MusicTools {
  fluidsynthPath: string
  /** A General MIDI SoundFont (default: Debian's fluid-soundfont-gm, FluidR3_GM.sf2). */
  soundfont: string
  ffmpegPath: string
  cacheDir: string
  /** The operator's library (MUSIC_DIR), read for `library:` choices. */
  libraryDir?: string
}

export const DEFAULT_SOUNDFONT = '/usr/share/sounds/sf2/FluidR3_GM.sf2'
export const SAMPLE_RATE = 48000

/** Bumped when rendering changes, so older cached files are not reused. */
const RENDER_VERSION = 1

/** The cache key of a rendered song: its MIDI bytes and how they are played. */
export function renderKey(smf: Uint8Array, soundfont: string): string {
  return createHash('sha256')
    .update(`render:${RENDER_VERSION}:${SAMPLE_RATE}:${soundfont}\n`)
    .update(smf)
    .digest('hex')
    .slice(0, 32)
}

/**
 * The song as a 48 kHz stereo float WAV, rendered by fluidsynth once and cached by renderKey.
 * Float output: the synth's peaks are never clipped before the loudness pass scales them.
 */
export async function renderSong(tools: MusicTools, smf: Uint8Array, signal?: AbortSignal): Promise<string> {
  const key = renderKey(smf, tools.soundfont)
  const wav = path.join(tools.cacheDir, `${key}.wav`)
  if (await exists(wav)) return wav
  // fluidsynth without its soundfont still writes a file, of silence: refuse before it runs.
  if (!(await exists(tools.soundfont))) throw new MusicToolError('the soundfont is missing')
  await fs.promises.mkdir(tools.cacheDir, { recursive: true })
  const stem = path.join(tools.cacheDir, `.${key}.${randomUUID().slice(0, 8)}`)
  try {
    await fs.promises.writeFile(`${stem}.mid`, smf)
    // -n no MIDI input, -i no shell, -q quiet; -F renders as fast as it can into the file.
    // Dynamic sample loading reads only the instruments the song plays: 57 MB resident instead
    // of 174 MB for the whole 142 MB soundfont, the same samples out (within −120 dB).
    const args = ['-n', '-i', '-q', '-o', 'synth.dynamic-sample-loading=1']
    args.push('-F', `${stem}.wav`, '-r', String(SAMPLE_RATE), '-O', 'float')
    await mustRun(tools.fluidsynthPath, [...args, tools.soundfont, `${stem}.mid`], signal)
    const size = (await fs.promises.stat(`${stem}.wav`)).size
    if (size < 44 + SAMPLE_RATE * 8) throw new Error(`fluidsynth wrote ${size} bytes`)
    // Renames are atomic: two renders of the same song race harmlessly, the last one wins.
    await fs.promises.rename(`${stem}.wav`, wav)
    return wav
  } finally {
    await Promise.all([fs.promises.rm(`${stem}.mid`, { force: true }), fs.promises.rm(`${stem}.wav`, { force: true })])
  }
}

export async function exists(file: string): Promise<boolean> {
  return fs.promises.access(file).then(
    () => true,
    () => false,
  )
}
